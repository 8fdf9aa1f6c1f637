package io.hongyan.simulator;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.http.HttpRouting;

/**
 * Runs the WeChat API simulator on its own: {@code java -jar hongyan-wechat-simulator.jar}.
 * Configuration: {@code wechat-simulator.yaml} on the classpath, overridden by system properties,
 * overridden by environment variables ({@code SIMULATOR_PORT}, {@code SIMULATOR_FAULTS_LATENCY_MS}, …).
 */
public final class Main {

    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        // Not application.yaml: this jar sits on other services' test classpaths, and must not
        // hand them its configuration. Environment variables and system properties are added by
        // Helidon ahead of this source, so they win.
        Config config = Config.builder()
                .addSource(ConfigSources.classpath("wechat-simulator.yaml").optional())
                .build();
        SimulatorSettings settings = SimulatorConfig.settings(config.get("simulator"));
        WeChatSimulator simulator = WeChatSimulator.start(settings);
        LOG.log(System.Logger.Level.INFO, "WeChat API simulator listening at {0} (apps: {1})",
                simulator.baseUri(), settings.apps().stream().map(AppCredentials::id).toList());
    }

    /**
     * The simulator's routes; tests and {@link WeChatSimulator} reuse this.
     *
     * @param routing the routing to add to
     * @param state   the simulator state the routes act on
     */
    public static void routing(HttpRouting.Builder routing, SimulatorState state) {
        routing.register("/cgi-bin", new TokenService(state))
                .register("/cgi-bin/message", new SendService(state))
                .register("/_sim", new ControlService(state))
                // Anything else under /cgi-bin (or a known path with the wrong method), as WeChat does.
                .any("/cgi-bin/*", (req, res) -> {
                    state.delay(state.faults());
                    Replies.error(res, 40066, "invalid url");
                });
    }
}
