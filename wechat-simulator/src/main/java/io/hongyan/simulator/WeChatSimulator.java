package io.hongyan.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;

import java.net.URI;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A running WeChat API simulator, for tests (this module's and other modules') and for
 * {@link Main}. Every control method mirrors an endpoint of the HTTP control API under
 * {@code /_sim}, so a test can drive an in-process simulator directly and a remote one over HTTP.
 *
 * <pre>{@code
 * try (WeChatSimulator sim = WeChatSimulator.start(SimulatorSettings.forTests())) {
 *     URI base = sim.baseUri();               // http://127.0.0.1:<port>
 *     sim.configure(f -> f.latencyMs(50));
 *     sim.failNext(-1, 2);
 *     ...
 *     assertEquals(1, sim.stats().sendsOkTotal());
 * }
 * }</pre>
 */
public final class WeChatSimulator implements AutoCloseable {

    /** Larger request bodies are refused by the server (413); WeChat's own limit is lower. */
    private static final long MAX_PAYLOAD_BYTES = 1024 * 1024;

    private final WebServer server;
    private final SimulatorState state;

    private WeChatSimulator(WebServer server, SimulatorState state) {
        this.server = server;
        this.state = state;
    }

    /** Start a simulator; port 0 in the settings picks a free port. */
    public static WeChatSimulator start(SimulatorSettings settings) {
        SimulatorState state = SimulatorState.create(settings);
        WebServer server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .maxPayloadSize(MAX_PAYLOAD_BYTES)
                // Only what we add: other modules' test classpaths carry features (metrics, tracing)
                // that an in-process simulator must not pick up.
                .featuresDiscoverServices(false)
                .addFeature(ObserveFeature.just(HealthObserver.create()))
                .routing(r -> Main.routing(r, state))
                .build()
                .start();
        return new WeChatSimulator(server, state);
    }

    /** Start a simulator with {@link SimulatorSettings#forTests()}: the dev app, a free port, no faults. */
    public static WeChatSimulator start() {
        return start(SimulatorSettings.forTests());
    }

    /** The port it listens on. */
    public int port() {
        return server.port();
    }

    /** The base URL to give a WeChat client instead of {@code https://api.weixin.qq.com}. */
    public URI baseUri() {
        String host = state.settings.host();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    /** The settings it was started with. */
    public SimulatorSettings settings() {
        return state.settings;
    }

    /** The apps it knows; the first one is a good default for tests. */
    public List<AppCredentials> apps() {
        return state.settings.apps();
    }

    /** The current fault settings ({@code GET /_sim/config}). */
    public FaultSettings faults() {
        return state.faults();
    }

    /** Replace the fault settings. */
    public FaultSettings faults(FaultSettings faults) {
        state.setFaults(faults);
        return faults;
    }

    /** Change some fault settings, e.g. {@code sim.configure(f -> f.errorRate(0.1).latencyMs(20))}. */
    public FaultSettings configure(UnaryOperator<FaultSettings.Builder> change) {
        FaultSettings f = change.apply(state.faults().toBuilder()).build();
        state.setFaults(f);
        return f;
    }

    /**
     * Apply a JSON patch exactly as {@code POST /_sim/config} does (same fields, same validation).
     *
     * @return the resulting config as JSON
     * @throws InvalidConfigException if the patch is refused (nothing is applied)
     */
    public String configure(String jsonPatch) {
        JsonObject patch;
        try {
            JsonElement e = JsonParser.parseString(jsonPatch);
            if (!e.isJsonObject()) {
                throw new InvalidConfigException(null, "body must be a JSON object");
            }
            patch = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new InvalidConfigException(null, "body must be a JSON object");
        }
        return state.configure(patch).toString();
    }

    /** The next {@code count} sends (that pass the token checks) answer {@code errcode}; queued after earlier scripts. */
    public void failNext(int errcode, int count) {
        state.scripts.addFailNext(new ScriptedFailure(errcode, count));
    }

    /** The next {@code count} token calls (with good credentials) answer {@code errcode}. */
    public void failNextToken(int errcode, int count) {
        state.scripts.addFailNextToken(new ScriptedFailure(errcode, count));
    }

    /** The next {@code count} sends lose their connection before processing (nothing delivered). */
    public void dropNextBefore(int count) {
        state.scripts.setDropNextBefore(count);
    }

    /** The next {@code count} deliveries lose their connection after delivery (delivered, no reply). */
    public void dropNextAfter(int count) {
        state.scripts.setDropNextAfter(count);
    }

    /** Every token issued so far answers 42001 from now on ({@code POST /_sim/expire_tokens}). */
    public void expireTokensNow() {
        state.tokens.expireAll();
    }

    /** The counters ({@code GET /_sim/stats}). */
    public SimulatorStats stats() {
        return state.stats.snapshot();
    }

    /** The newest deliveries, up to the log's capacity, oldest first ({@code GET /_sim/messages}). */
    public List<Delivery> messages() {
        return messages(MessageQuery.all(state.messages.capacity()));
    }

    /** Deliveries matching a query, oldest first. */
    public List<Delivery> messages(MessageQuery query) {
        return state.messages.query(query::matches, query.limit());
    }

    /** Back to the start-up state, keeping tokens ({@code POST /_sim/reset}). */
    public void reset() {
        reset(false);
    }

    /** Back to the start-up state; {@code forgetTokens} also forgets tokens ({@code POST /_sim/reset?tokens=1}). */
    public void reset(boolean forgetTokens) {
        state.reset(forgetTokens);
    }

    /** Stop the server. */
    @Override
    public void close() {
        server.stop();
    }
}
