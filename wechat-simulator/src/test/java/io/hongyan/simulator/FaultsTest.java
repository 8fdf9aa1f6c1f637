package io.hongyan.simulator;

import io.hongyan.wechat.api.SendEndpoint;
import io.hongyan.wechat.api.SendResult;
import io.hongyan.wechat.api.TokenResult;
import io.hongyan.wechat.api.WeChatApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultsTest {

    private static final AppCredentials APP = SimulatorSettings.DEV_APP;
    private static final AppCredentials OTHER = new AppCredentials("wx0000000000000002", "other-secret");

    private static final TestClock clock = new TestClock();
    private static WeChatSimulator sim;
    private static WeChatApiClient client;
    private static SimHttp http;
    private static URI base;
    private String token;

    @BeforeAll
    static void start() {
        sim = WeChatSimulator.start(SimulatorSettings.forTests().withClock(clock).withApps(List.of(APP, OTHER)));
        base = sim.baseUri();
        client = WeChatApiClient.builder().requestTimeout(Duration.ofSeconds(3)).build();
        http = new SimHttp(base);
    }

    @AfterAll
    static void stop() {
        client.close();
        http.close();
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.reset(true);
        token = tokenFor(APP);
    }

    private static String tokenFor(AppCredentials app) {
        return assertInstanceOf(TokenResult.Issued.class, client.token(base, app.id(), app.secret())).accessToken();
    }

    private static String body(String touser, String clientMsgId) {
        return "{\"touser\":\"" + touser + "\",\"template_id\":\"t\",\"client_msg_id\":\"" + clientMsgId + "\"}";
    }

    private SendResult send(String touser, String clientMsgId) {
        return client.send(base, SendEndpoint.TEMPLATE, token, body(touser, clientMsgId));
    }

    @Test
    void latencyHoldsRequestsInFlight() throws Exception {
        sim.configure(f -> f.latencyMs(300));
        int n = 6;
        long t0 = System.nanoTime();
        List<Future<SendResult>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                String user = "o-" + i;
                results.add(pool.submit(() -> send(user, "m")));
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        for (Future<SendResult> r : results) {
            assertInstanceOf(SendResult.Sent.class, r.get());
        }
        SimulatorStats s = sim.stats();
        assertTrue(ms >= 300, "took " + ms + " ms");
        assertTrue(s.maxInFlightSends() >= 4, "max in flight " + s.maxInFlightSends());
        assertTrue(s.maxInFlightSends() <= n);
        assertEquals(0, s.inFlightSends());
    }

    @Test
    void dropBeforeClosesTheConnectionAndDeliversNothing() throws IOException {
        sim.dropNextBefore(1);
        SendResult.Failed f = assertInstanceOf(SendResult.Failed.class, send("o-1", "m-1"));
        assertEquals(0, f.httpStatus());
        assertTrue(f.reason().startsWith("I/O error"), f.reason());
        assertEquals(1, sim.stats().droppedBefore());
        assertTrue(sim.messages().isEmpty());
        assertInstanceOf(SendResult.Sent.class, send("o-1", "m-1"), "only the next send is dropped");

        // The same, seen by a plain JDK client over HTTP-configured probability.
        assertEquals(200, http.post("/_sim/config", "{\"drop_before_prob\":1.0}").status());
        try (HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest req = HttpRequest.newBuilder(base.resolve("/cgi-bin/message/template/send?access_token=" + token))
                    .timeout(Duration.ofSeconds(3)).POST(HttpRequest.BodyPublishers.ofString(body("o-2", "m-2"))).build();
            assertThrows(IOException.class, () -> raw.send(req, HttpResponse.BodyHandlers.ofString()));
        }
        assertEquals(2, sim.stats().droppedBefore());
        assertEquals(1, sim.stats().sendsOkTotal());
    }

    @Test
    void dropAfterDeliversThenClosesAndTheRetryIsADuplicate() {
        sim.dropNextAfter(1);
        assertInstanceOf(SendResult.Failed.class, send("o-1", "m-1"));
        SimulatorStats s = sim.stats();
        assertEquals(1, s.droppedAfter());
        assertEquals(1, s.sendsOk("template"), "delivered although the client saw an error");
        List<Delivery> log = sim.messages();
        assertEquals(1, log.size());
        // The client retries with the same client_msg_id: WeChat does not deliver it twice.
        assertEquals(new SendResult.Sent(log.getFirst().msgid()), send("o-1", "m-1"));
        assertEquals(1, sim.stats().duplicatesSuppressed());
        assertEquals(1, sim.messages().size());
    }

    @Test
    void dropAfterProbabilityOverHttpConfig() throws IOException {
        assertEquals(200, http.post("/_sim/config", "{\"drop_after_prob\":1}").status());
        assertInstanceOf(SendResult.Failed.class, send("o-1", "m-1"));
        assertInstanceOf(SendResult.Failed.class, send("o-2", "m-2"));
        assertEquals(2, sim.stats().droppedAfter());
        assertEquals(2, sim.messages().size());
    }

    @Test
    void scriptedFailuresComeAfterTokenChecks() throws IOException {
        assertEquals(200, http.post("/_sim/config", "{\"fail_next\":[{\"errcode\":-1,\"count\":2}]}").status());
        assertEquals(40001, assertInstanceOf(SendResult.Refused.class,
                client.send(base, SendEndpoint.TEMPLATE, "bad-token", body("o", "m"))).errcode());
        assertEquals(new SendResult.Refused(-1, "system error"), send("o-1", "m-1"));
        assertEquals(1, http.get("/_sim/config").json().getAsJsonArray("fail_next").get(0).getAsJsonObject()
                .get("count").getAsInt());
        assertEquals(new SendResult.Refused(-1, "system error"), send("o-1", "m-1"));
        assertInstanceOf(SendResult.Sent.class, send("o-1", "m-1"));
        sim.failNext(45015, 1);
        sim.failNext(43101, 1);
        assertEquals(45015, assertInstanceOf(SendResult.Refused.class, send("o-2", "m-2")).errcode());
        assertEquals(43101, assertInstanceOf(SendResult.Refused.class, send("o-2", "m-2")).errcode());
        assertInstanceOf(SendResult.Sent.class, send("o-2", "m-2"));
        assertEquals(2, sim.stats().sendsErr(-1));
    }

    @Test
    void errorRateAndInjectedErrcodes() {
        sim.configure(f -> f.errorRate(1.0));
        assertEquals(new SendResult.Refused(-1, "system error"), send("o", "m"));
        sim.configure(f -> f.errorRate(0).injectErrcodes(Map.of(45011, 1.0)));
        assertEquals(45011, assertInstanceOf(SendResult.Refused.class, send("o", "m")).errcode());
        sim.configure("{\"inject_errcodes\":{\"43004\":1.0}}");
        assertEquals(43004, assertInstanceOf(SendResult.Refused.class, send("o", "m")).errcode());
        sim.configure("{\"inject_errcodes\":{}}");
        assertInstanceOf(SendResult.Sent.class, send("o", "m"));
    }

    @Test
    void rateLimitPerAppPerSecond() {
        sim.configure(f -> f.rateLimitPerSec(2));
        assertInstanceOf(SendResult.Sent.class, send("o-1", "a"));
        assertInstanceOf(SendResult.Sent.class, send("o-2", "b"));
        assertEquals(45009, assertInstanceOf(SendResult.Refused.class, send("o-3", "c")).errcode());
        // Another app has its own window.
        assertInstanceOf(SendResult.Sent.class,
                client.send(base, SendEndpoint.TEMPLATE, tokenFor(OTHER), body("o-4", "d")));
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(SendResult.Sent.class, send("o-3", "c"));
        assertEquals(1, sim.stats().sendsErr(45009));
    }

    @Test
    void resetRestoresStartupFaults() {
        sim.configure(f -> f.errorRate(1.0));
        sim.failNext(-1, 5);
        sim.reset();
        assertEquals(FaultSettings.DEFAULTS, sim.faults());
        assertInstanceOf(SendResult.Sent.class, send("o", "m"));
    }
}
