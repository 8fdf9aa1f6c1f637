package io.hongyan.realtime;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveEventsTest {
    private static RealtimeFixture realtime;

    @BeforeAll
    static void start() {
        realtime = RealtimeFixture.start(Map.of("hongyan.realtime.max-subscriptions-per-connection", "3"));
    }

    @AfterAll
    static void stop() {
        realtime.close();
    }

    @Test
    void publishedEventsReachTheSubscriberVerbatimAndInOrder() throws Exception {
        try (WsTestClient client = realtime.connect("orders:eu")) {
            client.subscribe("orders:eu");

            String first = "{\"id\": 1, \"text\": \"你好 \\\"quoted\\\"\", \"nested\": {\"a\": [1, 2.50, null]}}";
            assertTrue(realtime.publish("orders:eu", first).getPublished());
            String frame = client.nextRaw(WsTestClient.WAIT);
            assertEquals("{\"channel\":\"orders:eu\",\"data\":" + first + "}", frame, "data is the payload as published");

            for (int i = 0; i < 50; i++) {
                realtime.publish("orders:eu", "[" + i + "]");
            }
            for (int i = 0; i < 50; i++) {
                JsonObject event = client.next();
                assertEquals("orders:eu", event.get("channel").getAsString());
                assertEquals(JsonParser.parseString("[" + i + "]"), event.get("data"));
            }
        }
    }

    @Test
    void aChannelTheTokenDoesNotAllowIsRefusedAndGetsNoEvents() throws Exception {
        try (WsTestClient client = realtime.connect("team:a", "tenant:t1:*")) {
            client.send("{\"op\":\"subscribe\",\"channel\":\"team:b\"}");
            assertError(client.next(), "forbidden", "team:b");
            client.send("{\"op\":\"subscribe\",\"channel\":\"tenant:t2:status\"}");
            assertError(client.next(), "forbidden", "tenant:t2:status");
            assertFalse(realtime.server.subscriptions().isOpen("team:b"), "no NATS interest for a refused channel");

            client.subscribe("team:a");
            client.subscribe("tenant:t1:status"); // the prefix grant does allow this one
            realtime.publish("team:b", "{\"secret\":true}");
            realtime.publish("team:a", "{\"fence\":1}");
            JsonObject event = client.next();
            assertEquals("team:a", event.get("channel").getAsString(), "the refused channel's event must not arrive: " + event);
            assertEquals(1, event.getAsJsonObject("data").get("fence").getAsInt());
        }
    }

    @Test
    void unsubscribeStopsTheEvents() throws Exception {
        try (WsTestClient client = realtime.connect("feed:one", "feed:two")) {
            client.subscribe("feed:one");
            client.subscribe("feed:two");
            client.send("{\"op\":\"unsubscribe\",\"channel\":\"feed:one\"}");
            JsonObject reply = client.next();
            assertEquals("unsubscribed", reply.get("op").getAsString());
            assertEquals("feed:one", reply.get("channel").getAsString());

            realtime.publish("feed:one", "{\"late\":true}");
            realtime.publish("feed:two", "{\"fence\":true}");
            assertEquals("feed:two", client.next().get("channel").getAsString());
            assertFalse(realtime.server.subscriptions().isOpen("feed:one"));
        }
    }

    @Test
    void malformedFramesGetAnErrorAndTheConnectionKeepsWorking() throws Exception {
        try (WsTestClient client = realtime.connect("repair:*")) {
            for (String bad : new String[]{"not json", "[1,2]", "{\"op\":\"dance\"}", "{\"op\":1}", "{}",
                    "{\"op\":\"subscribe\"}", "{\"op\":\"subscribe\",\"channel\":7}", "{op:'ping'}",
                    "{\"op\":\"ping\"} trailing"}) {
                client.send(bad);
                assertError(client.next(), "bad_request", null);
            }
            client.send("{\"op\":\"subscribe\",\"channel\":\"repair:bad channel\"}");
            assertError(client.next(), "invalid_channel", "repair:bad channel");
            client.send("{\"op\":\"subscribe\",\"channel\":\"repair::x\"}");
            assertError(client.next(), "invalid_channel", "repair::x");
            client.socket().sendBinary(ByteBuffer.wrap(new byte[]{1, 2, 3}), true).get(5, TimeUnit.SECONDS);
            assertError(client.next(), "bad_request", null);

            client.send("{\"op\":\"ping\"}");
            assertEquals("pong", client.next().get("op").getAsString());
            client.subscribe("repair:done");
            realtime.publish("repair:done", "{\"ok\":true}");
            assertTrue(client.next().getAsJsonObject("data").get("ok").getAsBoolean());
        }
    }

    @Test
    void subscriptionsPerConnectionAreCapped() throws Exception {
        try (WsTestClient client = realtime.connect("cap:*")) {
            client.subscribe("cap:1");
            client.subscribe("cap:2");
            client.subscribe("cap:3");
            client.subscribe("cap:3"); // again: no new subscription, so no error
            client.send("{\"op\":\"subscribe\",\"channel\":\"cap:4\"}");
            assertError(client.next(), "too_many_subscriptions", "cap:4");
            assertFalse(realtime.server.subscriptions().isOpen("cap:4"));

            client.send("{\"op\":\"unsubscribe\",\"channel\":\"cap:1\"}");
            assertEquals("unsubscribed", client.next().get("op").getAsString());
            client.subscribe("cap:4");
        }
    }

    @Test
    void aMessageOverTheInboundLimitClosesTheConnectionWith1009() throws Exception {
        try (WsTestClient oneFrame = realtime.connect("big:x")) {
            oneFrame.send("{\"op\":\"subscribe\",\"channel\":\"" + "x".repeat(5000) + "\"}");
            assertEquals(1009, oneFrame.awaitClosed());
        }
        try (WsTestClient fragments = realtime.connect("big:x")) {
            WebSocket socket = fragments.socket();
            socket.sendText("{\"op\":\"ping\",\"pad\":\"" + "x".repeat(3000), false).get(5, TimeUnit.SECONDS);
            socket.sendText("x".repeat(3000) + "\"}", true).get(5, TimeUnit.SECONDS);
            assertEquals(1009, fragments.awaitClosed());
            assertNull(fragments.nextRaw(Duration.ZERO), "no pong for an oversized message");
        }
    }

    static void assertError(JsonObject frame, String code, String channel) {
        assertEquals("error", frame.get("op").getAsString(), frame.toString());
        assertEquals(code, frame.get("code").getAsString(), frame.toString());
        assertTrue(frame.has("message"), frame.toString());
        if (channel == null) {
            assertFalse(frame.has("channel"), frame.toString());
        } else {
            assertEquals(channel, frame.get("channel").getAsString());
        }
    }
}
