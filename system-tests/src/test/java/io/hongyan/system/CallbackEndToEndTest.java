package io.hongyan.system;

import com.google.gson.JsonObject;
import io.hongyan.wechat.callback.CallbackSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** WeChat's server configuration pointed at ingress: the handshake, and a user's message reaching a live subscriber. */
class CallbackEndToEndTest {
    private static RunningSuite suite;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        suite = RunningSuite.start();
    }

    @AfterAll
    static void stop() {
        suite.close();
    }

    @Test
    void handshakeEchoesEchostr() throws Exception {
        String timestamp = "1714036504";
        String nonce = "1514711492";
        String signature = CallbackSignature.sign(RunningSuite.CALLBACK_TOKEN, timestamp, nonce);
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(callbackUrl()
                + "?signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce + "&echostr=4375120948345356249")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode());
        assertEquals("4375120948345356249", reply.body());
    }

    @Test
    void signedUserMessageReachesTheAppsInboundChannel() throws Exception {
        String channel = "app:" + RunningSuite.APP + ":inbound";
        Rest rest = new Rest(suite.ingressUrl());
        try (WebSocketFrames ws = WebSocketFrames.connect(
                suite.realtimeWsUrl() + "?token=" + rest.realtimeToken(RunningSuite.API_KEY, channel))) {
            ws.subscribe(channel);
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            String nonce = "486452656";
            String xml = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>"
                    + "<FromUserName><![CDATA[oInboundUser]]></FromUserName><CreateTime>" + timestamp + "</CreateTime>"
                    + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content><MsgId>24602348911133</MsgId></xml>";
            String query = "?signature=" + CallbackSignature.sign(RunningSuite.CALLBACK_TOKEN, timestamp, nonce)
                    + "&timestamp=" + timestamp + "&nonce=" + nonce + "&openid=oInboundUser";
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(callbackUrl() + query))
                    .header("Content-Type", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(xml)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reply.statusCode(), reply.body());
            assertEquals("success", reply.body());

            JsonObject frame = ws.next(Duration.ofSeconds(10));
            assertEquals(channel, frame.get("channel").getAsString());
            JsonObject event = frame.getAsJsonObject("data");
            assertEquals("oInboundUser", event.get("fromUserName").getAsString());
            assertEquals("text", event.get("msgType").getAsString());
            assertEquals("你好", event.get("content").getAsString());
        }
    }

    private String callbackUrl() {
        return suite.ingressUrl() + "/wechat/" + RunningSuite.APP + "/callback";
    }
}
