package io.hongyan.realtime;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Replicas share NATS: an event published through either reaches subscribers on both. */
class ReplicasTest {

    @Test
    void anEventPublishedOnOneReplicaReachesSubscribersOfBoth() throws Exception {
        try (RealtimeFixture east = RealtimeFixture.start(); RealtimeFixture west = RealtimeFixture.start()) {
            String channel = "fleet:status";
            try (WsTestClient onEast = east.connect(channel); WsTestClient onWest = west.connect(channel)) {
                onEast.subscribe(channel);
                onWest.subscribe(channel);

                east.publish(channel, "{\"from\":\"east\"}");
                assertFrom("east", onEast.next());
                assertFrom("east", onWest.next());

                west.publish(channel, "{\"from\":\"west\"}");
                assertFrom("west", onEast.next());
                assertFrom("west", onWest.next());
            }
        }
    }

    private static void assertFrom(String replica, JsonObject event) {
        assertEquals("fleet:status", event.get("channel").getAsString());
        assertEquals(replica, event.getAsJsonObject("data").get("from").getAsString(), event.toString());
    }
}
