package io.hongyan.realtime;

import io.hongyan.platform.realtime.SubscriberGrant;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.hongyan.realtime.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With a short heartbeat: live clients stay, silent ones and expired tokens are dropped. */
class HeartbeatTest {

    @Test
    void silentClientsAreClosedAndLiveOnesStay() throws Exception {
        try (RealtimeFixture realtime = RealtimeFixture.start(Map.of("hongyan.realtime.heartbeat-interval", "PT0.3S"))) {
            String token = RealtimeFixture.token("beat:*");
            try (WsTestClient live = WsTestClient.connect(realtime.port(), token);
                 WsTestClient silent = WsTestClient.connect(realtime.port(), token, false)) {
                live.subscribe("beat:live");
                silent.subscribe("beat:silent"); // then it stops reading, so it never answers a ping

                assertEventually("the silent client's session is closed", () -> !realtime.server.subscriptions().isOpen("beat:silent"));
                Thread.sleep(900); // three more heartbeat intervals
                assertEquals(1, realtime.server.openSessions(), "the client that answers pings is still connected");
                realtime.publish("beat:live", "{\"still\":\"here\"}");
                assertEquals("here", live.next().getAsJsonObject("data").get("still").getAsString());

                silent.readAgain();
                assertEquals(1001, silent.awaitClosed());
            }
        }
    }

    @Test
    void aSessionEndsWhenItsTokenExpires() throws Exception {
        try (RealtimeFixture realtime = RealtimeFixture.start(Map.of("hongyan.realtime.heartbeat-interval", "PT0.2S"))) {
            // token expiry has one-second resolution: valid for one to two seconds from now
            String shortLived = RealtimeFixture.TOKENS.issue(
                    new SubscriberGrant("s", List.of("expiring:x"), Instant.now().plusSeconds(2)));
            try (WsTestClient client = WsTestClient.connect(realtime.port(), shortLived)) {
                client.subscribe("expiring:x");
                assertTrue(realtime.server.subscriptions().isOpen("expiring:x"));
                assertEquals(1008, client.awaitClosed());
                assertEventually("the expired session's interest is gone", () -> !realtime.server.subscriptions().isOpen("expiring:x"));
            }
        }
    }
}
