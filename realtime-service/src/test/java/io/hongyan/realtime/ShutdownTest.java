package io.hongyan.realtime;

import io.hongyan.platform.server.ServiceServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ShutdownTest {

    @Test
    void closingTheServerSaysGoingAwayToSubscribers() throws Exception {
        RealtimeFixture realtime = RealtimeFixture.start();
        try (WsTestClient client = realtime.connect("bye:x")) {
            client.subscribe("bye:x");
            realtime.close();
            assertEquals(1001, client.awaitClosed());
        }
    }

    @Test
    void startServesHealthAndMetricsAndStopsCleanly() throws Exception {
        ServiceServer server = RealtimeServer.start(RealtimeFixture.config(java.util.Map.of()));
        try (WsTestClient client = WsTestClient.connect(server.port(), RealtimeFixture.token("m:x"))) {
            client.subscribe("m:x");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/observe/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertThat(health.body(), containsString("nats"));
            String metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String meter : new String[]{"hongyan_realtime_connections", "hongyan_realtime_subscriptions",
                    "hongyan_realtime_frames_sent", "hongyan_realtime_slow_consumers_closed", "hongyan_realtime_publishes"}) {
                assertThat(metrics, containsString(meter));
            }
        } finally {
            server.close();
        }
    }
}
