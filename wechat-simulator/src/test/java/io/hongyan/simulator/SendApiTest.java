package io.hongyan.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
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
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendApiTest {

    private static final AppCredentials APP = SimulatorSettings.DEV_APP;
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private static final TestClock clock = new TestClock();
    private static WeChatSimulator sim;
    private static WeChatApiClient client;
    private static SimHttp http;
    private static URI base;
    private String token;

    @BeforeAll
    static void start() {
        sim = WeChatSimulator.start(SimulatorSettings.forTests().withClock(clock));
        base = sim.baseUri();
        client = WeChatApiClient.builder().requestTimeout(Duration.ofSeconds(3))
                .requestDecorator(h -> h.accept("traceparent", TRACEPARENT)).build();
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
        token = assertInstanceOf(TokenResult.Issued.class, client.token(base, APP.id(), APP.secret())).accessToken();
    }

    private static String template(String touser, String clientMsgId) {
        return "{\"touser\":\"" + touser + "\",\"template_id\":\"tpl-1\",\"data\":{\"k\":{\"value\":\"v\"}}"
                + (clientMsgId == null ? "" : ",\"client_msg_id\":\"" + clientMsgId + "\"") + "}";
    }

    private SendResult send(SendEndpoint e, String body) {
        return client.send(base, e, token, body);
    }

    private int errcode(SendEndpoint e, String body) {
        return assertInstanceOf(SendResult.Refused.class, send(e, body)).errcode();
    }

    @Test
    void deliveriesGetIncreasingMsgidsAndAreRecorded() {
        long a = assertInstanceOf(SendResult.Sent.class, send(SendEndpoint.TEMPLATE, template("o-1", "m-1"))).msgid();
        long b = assertInstanceOf(SendResult.Sent.class, send(SendEndpoint.SUBSCRIBE,
                "{\"touser\":\"o-2\",\"template_id\":\"sub-1\",\"data\":{}}")).msgid();
        assertTrue(b > a, a + " < " + b);
        // WeChat's customer-service reply has no msgid.
        assertEquals(new SendResult.Sent(0), send(SendEndpoint.CUSTOMER_SERVICE,
                "{\"touser\":\"o-3\",\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}"));

        List<Delivery> log = sim.messages();
        assertEquals(3, log.size());
        Delivery first = log.get(0);
        assertEquals(a, first.msgid());
        assertEquals("template", first.endpoint());
        assertEquals(APP.id(), first.appId());
        assertEquals("o-1", first.touser());
        assertEquals("tpl-1", first.templateId());
        assertNull(first.msgtype());
        assertEquals("m-1", first.clientMsgId());
        assertEquals(token, first.accessToken());
        assertEquals(TRACEPARENT, first.traceparent());
        assertEquals(template("o-1", "m-1"), first.body());
        assertEquals(clock.instant(), first.time());
        assertEquals("subscribe", log.get(1).endpoint());
        assertEquals("custom", log.get(2).endpoint());
        assertEquals("text", log.get(2).msgtype());
        assertTrue(log.get(2).msgid() > b);

        SimulatorStats s = sim.stats();
        assertEquals(3, s.sendCalls());
        assertEquals(1, s.sendsOk("template"));
        assertEquals(1, s.sendsOk("subscribe"));
        assertEquals(1, s.sendsOk("custom"));
        assertEquals(log.get(2).msgid(), s.lastMsgid());
        assertEquals(0, s.inFlightSends());
    }

    @Test
    void tokenErrorsOnSend() throws IOException {
        assertEquals(41001, http.post("/cgi-bin/message/template/send", template("o", null)).errcode());
        assertEquals(41001, http.post("/cgi-bin/message/template/send?access_token=", template("o", null)).errcode());
        assertEquals(40001, assertInstanceOf(SendResult.Refused.class,
                client.send(base, SendEndpoint.TEMPLATE, "not-a-token", template("o", null))).errcode());
        sim.expireTokensNow();
        assertEquals(42001, errcode(SendEndpoint.TEMPLATE, template("o", null)));
        assertEquals(42001, errcode(SendEndpoint.CUSTOMER_SERVICE, "{}"), "token checks come before body checks");
        SimulatorStats s = sim.stats();
        assertEquals(2, s.sendsErr(41001));
        assertEquals(1, s.sendsErr(40001));
        assertEquals(2, s.sendsErr(42001));
        assertEquals(0, s.sendsOkTotal());
    }

    @Test
    void expireTokensOverHttp() throws IOException {
        assertEquals(200, http.post("/_sim/expire_tokens", "").status());
        assertEquals(42001, errcode(SendEndpoint.TEMPLATE, template("o", null)));
        token = assertInstanceOf(TokenResult.Issued.class, client.token(base, APP.id(), APP.secret())).accessToken();
        assertInstanceOf(SendResult.Sent.class, send(SendEndpoint.TEMPLATE, template("o", null)));
    }

    @Test
    void bodyErrors() {
        assertEquals(44002, errcode(SendEndpoint.TEMPLATE, ""));
        assertEquals(47001, errcode(SendEndpoint.TEMPLATE, "{touser"));
        assertEquals(47001, errcode(SendEndpoint.TEMPLATE, "[{\"touser\":\"o\"}]"));
        assertEquals(40003, errcode(SendEndpoint.TEMPLATE, "{\"template_id\":\"t\"}"));
        assertEquals(40003, errcode(SendEndpoint.SUBSCRIBE, "{\"touser\":\"\",\"template_id\":\"t\"}"));
        assertEquals(40037, errcode(SendEndpoint.TEMPLATE, "{\"touser\":\"o\"}"));
        assertEquals(40037, errcode(SendEndpoint.SUBSCRIBE, "{\"touser\":\"o\",\"template_id\":\"\"}"));
        assertEquals(40008, errcode(SendEndpoint.CUSTOMER_SERVICE, "{\"touser\":\"o\",\"text\":{\"content\":\"x\"}}"));
        assertEquals(0, sim.stats().sendsOkTotal());
        assertTrue(sim.messages().isEmpty());
    }

    @Test
    void unknownPathsAnswer40066() throws IOException {
        assertEquals(40066, http.get("/cgi-bin/nope").errcode());
        assertEquals(40066, http.post("/cgi-bin/message/mass/send?access_token=" + token, "{}").errcode());
        assertEquals(40066, http.get("/cgi-bin/message/template/send?access_token=" + token).errcode());
        assertEquals(200, http.get("/cgi-bin/nope").status());
    }

    @Test
    void sameClientMsgIdIsDeliveredOnceWithinTenMinutes() {
        long first = assertInstanceOf(SendResult.Sent.class, send(SendEndpoint.TEMPLATE, template("o-1", "m-1"))).msgid();
        assertEquals(new SendResult.Sent(first), send(SendEndpoint.TEMPLATE, template("o-1", "m-1")));
        long otherUser = assertInstanceOf(SendResult.Sent.class, send(SendEndpoint.TEMPLATE, template("o-2", "m-1"))).msgid();
        assertTrue(otherUser > first);
        clock.advance(Duration.ofMinutes(9));
        assertEquals(new SendResult.Sent(first), send(SendEndpoint.TEMPLATE, template("o-1", "m-1")));
        clock.advance(Duration.ofMinutes(1));
        long later = assertInstanceOf(SendResult.Sent.class, send(SendEndpoint.TEMPLATE, template("o-1", "m-1"))).msgid();
        assertTrue(later > otherUser, "window over: delivered again");

        SimulatorStats s = sim.stats();
        assertEquals(2, s.duplicatesSuppressed());
        assertEquals(3, s.sendsOk("template"));
        assertEquals(3, sim.messages().size());
        assertEquals(2, sim.messages(new MessageQuery(null, "o-1", "m-1", 10)).size());
    }

    @Test
    void concurrentRepeatsDeliverOnce() throws Exception {
        List<java.util.concurrent.Future<SendResult>> results = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> send(SendEndpoint.TEMPLATE, template("o-1", "same"))));
            }
        }
        java.util.Set<SendResult> distinct = new java.util.HashSet<>();
        for (var r : results) {
            distinct.add(assertInstanceOf(SendResult.Sent.class, r.get()));
        }
        assertEquals(1, distinct.size(), "every reply carries the one delivery's msgid");
        assertEquals(1, sim.messages().size());
        assertEquals(19, sim.stats().duplicatesSuppressed());
    }

    @Test
    void recordedBodiesAreBounded() {
        String big = "{\"touser\":\"o-1\",\"template_id\":\"t\",\"pad\":\"" + "x".repeat(40_000) + "\"}";
        assertInstanceOf(SendResult.Sent.class, send(SendEndpoint.TEMPLATE, big));
        String recorded = sim.messages().getFirst().body();
        assertTrue(recorded.length() < 17_000, "recorded " + recorded.length());
        assertTrue(recorded.endsWith("[truncated " + big.length() + " chars]"));
    }

    @Test
    void clientMsgIdIsATemplateFeatureOnly() {
        String body = "{\"touser\":\"o-1\",\"template_id\":\"s\",\"client_msg_id\":\"m-1\"}";
        long a = assertInstanceOf(SendResult.Sent.class, send(SendEndpoint.SUBSCRIBE, body)).msgid();
        long b = assertInstanceOf(SendResult.Sent.class, send(SendEndpoint.SUBSCRIBE, body)).msgid();
        assertTrue(b > a);
        assertEquals(0, sim.stats().duplicatesSuppressed());
    }

    @Test
    void messagesCanBeFilteredOverHttp() throws IOException {
        send(SendEndpoint.TEMPLATE, template("o-1", "m-1"));
        send(SendEndpoint.TEMPLATE, template("o-2", "m-2"));
        send(SendEndpoint.TEMPLATE, template("o-1", "m-3"));
        send(SendEndpoint.TEMPLATE, template("o-1", "m-4"));

        JsonObject byUser = http.get("/_sim/messages?touser=o-1").json();
        assertEquals(3, byUser.get("count").getAsInt());
        JsonArray list = byUser.getAsJsonArray("messages");
        assertEquals("m-1", list.get(0).getAsJsonObject().get("client_msg_id").getAsString(), "oldest first");

        JsonObject newest = http.get("/_sim/messages?touser=o-1&limit=2").json();
        assertEquals(2, newest.get("count").getAsInt());
        assertEquals("m-3", newest.getAsJsonArray("messages").get(0).getAsJsonObject().get("client_msg_id").getAsString());

        JsonObject one = http.get("/_sim/messages?client_msg_id=m-2").json().getAsJsonArray("messages").get(0).getAsJsonObject();
        assertEquals("o-2", one.get("touser").getAsString());
        assertEquals(TRACEPARENT, one.get("traceparent").getAsString());
        assertEquals(token, one.get("access_token").getAsString());
        assertEquals("template", one.get("endpoint").getAsString());
        assertTrue(one.get("msgid").getAsLong() > 0);
        assertEquals(template("o-2", "m-2"), one.get("body").getAsString());

        assertEquals(0, http.get("/_sim/messages?touser=nobody").json().get("count").getAsInt());
        assertEquals(400, http.get("/_sim/messages?limit=0").status());
        assertEquals(400, http.get("/_sim/messages?limit=x").status());
    }

    @Test
    void messageLogKeepsOnlyTheNewest() {
        try (WeChatSimulator small = WeChatSimulator.start(SimulatorSettings.forTests().withMessageCapacity(3))) {
            String t = assertInstanceOf(TokenResult.Issued.class,
                    client.token(small.baseUri(), APP.id(), APP.secret())).accessToken();
            for (int i = 0; i < 5; i++) {
                client.send(small.baseUri(), SendEndpoint.TEMPLATE, t, template("o-" + i, null));
            }
            List<Delivery> log = small.messages();
            assertEquals(List.of("o-2", "o-3", "o-4"), log.stream().map(Delivery::touser).toList());
            assertFalse(log.stream().anyMatch(d -> d.touser().equals("o-0")));
        }
    }
}
