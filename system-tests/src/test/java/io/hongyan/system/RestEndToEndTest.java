package io.hongyan.system;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hongyan.platform.grpc.GrpcChannels;
import io.hongyan.proto.v1.GetAccessTokenRequest;
import io.hongyan.proto.v1.TokenServiceGrpc;
import io.hongyan.simulator.Delivery;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client's REST send, end to end: ingress → dispatch → token → WeChat, with live status on a WebSocket. */
class RestEndToEndTest {
    private static RunningSuite suite;
    private static Rest rest;

    @BeforeAll
    static void start() {
        suite = RunningSuite.start();
        rest = new Rest(suite.ingressUrl());
    }

    @AfterAll
    static void stop() {
        suite.close();
    }

    @Test
    void restSendIsDeliveredAndItsStatusStreamsInOrder() throws Exception {
        String statusChannel = "app:" + RunningSuite.APP + ":status";
        try (WebSocketFrames ws = WebSocketFrames.connect(
                suite.realtimeWsUrl() + "?token=" + rest.realtimeToken(RunningSuite.API_KEY, statusChannel))) {
            ws.subscribe(statusChannel);

            Rest.Reply accepted = rest.post("/v1/apps/" + RunningSuite.APP + "/messages", RunningSuite.API_KEY,
                    "{\"recipient\":\"oRestUser1\",\"template\":{\"templateId\":\"TPL-1\",\"url\":\"https://example.com/o/1\","
                            + "\"data\":{\"first\":{\"value\":\"hello\",\"color\":\"#173177\"}}}}", Map.of());
            assertEquals(202, accepted.status(), accepted.body());
            String id = accepted.json().get("messageId").getAsString();
            assertEquals("ACCEPTED", accepted.json().get("status").getAsString());

            JsonObject record = Await.until(() -> rest.get("/v1/messages/" + id, RunningSuite.API_KEY).json(),
                    json -> json.has("status") && "SENT".equals(json.get("status").getAsString()), Duration.ofSeconds(15));
            assertEquals(RunningSuite.APP, record.get("appId").getAsString());
            assertEquals("oRestUser1", record.get("recipient").getAsString());
            assertEquals(1, record.get("attempts").getAsInt());

            List<Delivery> deliveries = suite.simulator.messages().stream().filter(d -> id.equals(d.clientMsgId())).toList();
            assertEquals(1, deliveries.size(), "delivered exactly once");
            Delivery delivery = deliveries.get(0);
            assertEquals(Long.parseLong(record.get("wechatMsgid").getAsString()), delivery.msgid());
            JsonObject body = JsonParser.parseString(delivery.body()).getAsJsonObject();
            assertEquals("oRestUser1", body.get("touser").getAsString());
            assertEquals("TPL-1", body.get("template_id").getAsString());
            assertEquals("https://example.com/o/1", body.get("url").getAsString());
            assertEquals("hello", body.getAsJsonObject("data").getAsJsonObject("first").get("value").getAsString());
            assertEquals(id, body.get("client_msg_id").getAsString());
            assertEquals(currentToken(), delivery.accessToken(), "sent with the token token-service hands out");

            assertEquals(List.of("ACCEPTED", "SENDING", "SENT"), statusesOf(ws, id, 3));
        }
    }

    @Test
    void messageChannelStreamsOneMessagesLaterChanges() throws Exception {
        suite.simulator.failNext(-1, 1);
        Rest.Reply accepted = rest.post("/v1/apps/" + RunningSuite.APP + "/messages", RunningSuite.API_KEY,
                "{\"recipient\":\"oRestUser2\",\"customerService\":{\"text\":{\"content\":\"hi\"}}}", Map.of());
        assertEquals(202, accepted.status(), accepted.body());
        String id = accepted.json().get("messageId").getAsString();
        JsonObject record = Await.until(() -> rest.get("/v1/messages/" + id, RunningSuite.API_KEY).json(),
                json -> "SENT".equals(json.get("status").getAsString()), Duration.ofSeconds(15));
        assertEquals(2, record.get("attempts").getAsInt(), "one transient failure, then sent");
        assertEquals(-1, record.get("lastErrcode").getAsInt());
    }

    static List<String> statusesOf(WebSocketFrames ws, String messageId, int count) throws InterruptedException {
        List<String> statuses = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (statuses.size() < count && System.nanoTime() < deadline) {
            JsonObject frame = ws.next(Duration.ofSeconds(15));
            if (!frame.has("data")) {
                continue;
            }
            JsonObject record = frame.getAsJsonObject("data").getAsJsonObject("record");
            if (messageId.equals(record.get("messageId").getAsString())) {
                statuses.add(record.get("status").getAsString());
            }
        }
        assertTrue(statuses.size() >= count, "events seen: " + statuses);
        return statuses;
    }

    private static String currentToken() {
        ManagedChannel channel = GrpcChannels.open("127.0.0.1:" + suite.token.port());
        try {
            return TokenServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getAccessToken(GetAccessTokenRequest.newBuilder().setAppId(RunningSuite.APP).build())
                    .getAccessToken();
        } finally {
            GrpcChannels.close(channel, Duration.ofSeconds(1));
        }
    }
}
