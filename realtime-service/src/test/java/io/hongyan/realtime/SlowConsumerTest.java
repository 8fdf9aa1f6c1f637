package io.hongyan.realtime;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.hongyan.realtime.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client that stops reading is cut off; the others on the same channel miss nothing. */
class SlowConsumerTest {
    private static final int MAX_EVENTS = 400;
    private static final int EVENTS_AFTER_THE_CLOSE = 20;

    @Test
    void aClientThatStopsReadingIsClosedAndTheOthersGetEveryEvent() throws Exception {
        try (RealtimeFixture realtime = RealtimeFixture.start(Map.of("hongyan.realtime.outbound-queue-frames", "64"))) {
            String channel = "firehose:all";
            String token = RealtimeFixture.token(channel);
            try (WsTestClient slow = WsTestClient.connect(realtime.port(), token, false);
                 WsTestClient fast = WsTestClient.connect(realtime.port(), token)) {
                slow.subscribe(channel); // the only frame the slow client reads
                fast.subscribe(channel);
                long slowConsumersBefore = RealtimeMetrics.process().slowConsumersClosedCount();

                // Large events until the slow client's socket buffers and queue are full and it is closed.
                String padding = "x".repeat(60 * 1024);
                int published = 0;
                int afterTheClose = 0;
                while (afterTheClose < EVENTS_AFTER_THE_CLOSE && published < MAX_EVENTS) {
                    assertTrue(realtime.publish(channel, "{\"seq\":" + published++ + ",\"pad\":\"" + padding + "\"}").getPublished());
                    if (RealtimeMetrics.process().slowConsumersClosedCount() > slowConsumersBefore) {
                        afterTheClose++;
                    }
                }

                for (int i = 0; i < published; i++) {
                    JsonObject event = fast.next();
                    assertEquals(i, event.getAsJsonObject("data").get("seq").getAsInt(), "fast client: every event, in order");
                }
                assertTrue(RealtimeMetrics.process().slowConsumersClosedCount() > slowConsumersBefore,
                        "the slow consumer was closed within " + MAX_EVENTS + " events of 60 KiB");
                assertEventually("only the fast client's session is left", () -> realtime.server.openSessions() == 1);
                assertTrue(realtime.server.subscriptions().isOpen(channel), "the fast client keeps the channel");

                slow.readAgain();
                int received = 0;
                while (slow.nextRaw(Duration.ofMillis(200)) != null) {
                    received++;
                }
                int code = slow.awaitClosed();
                // 1013 if the close frame got out; usually the writer is stuck, so the socket is cut (1006, or an error)
                assertTrue(code == 1013 || code == 1006 || code == -1, "closed as a slow consumer: " + code);
                assertTrue(received < published, "the slow client did not get everything: " + received);
                System.out.printf("slow client got %d of %d events before being closed (code %d)%n", received, published, code);
            }
        }
    }
}
