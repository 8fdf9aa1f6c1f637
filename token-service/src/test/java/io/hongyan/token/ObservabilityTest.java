package io.hongyan.token;

import io.hongyan.platform.server.ServiceServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What operators see: the token counters on /observe/metrics and Redis in /observe/health. */
class ObservabilityTest {
    private static TokenServiceHarness harness;
    private static ServiceServer server;

    @BeforeAll
    static void startWorld() {
        harness = new TokenServiceHarness();
        harness.reset();
        server = harness.start();
        TokenServiceHarness.get(harness.stub(server));
        TokenServiceHarness.getFails(harness.stub(server), "wx-not-configured");
    }

    @AfterAll
    static void stopWorld() {
        harness.close();
    }

    @Test
    void metricsCountRequestsByOutcomeAndRefreshesByResult() throws Exception {
        HttpResponse<String> metrics = http("/observe/metrics");
        assertEquals(200, metrics.statusCode());
        List<String> lines = metrics.body().lines().toList();
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("hongyan_token_requests")
                && line.contains("app=\"" + TokenServiceHarness.APP.id() + "\"") && line.contains("outcome=\"refreshed\"")),
                "requests by app and outcome");
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("hongyan_token_requests")
                && line.contains("app=\"unknown\"") && line.contains("outcome=\"unknown_app\"")),
                "unknown apps counted under one tag value");
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("hongyan_token_refreshes")
                && line.contains("result=\"issued\"")), "refreshes by result");
    }

    @Test
    void healthIncludesRedis() throws Exception {
        HttpResponse<String> health = http("/observe/health");
        assertEquals(200, health.statusCode());
        assertThat(health.body(), containsString("redis"));
    }

    private static HttpResponse<String> http(String path) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
