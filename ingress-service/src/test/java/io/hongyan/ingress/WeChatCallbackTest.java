package io.hongyan.ingress;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hongyan.ingress.nats.JetStreamInboundPublisher;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.testkit.FreePorts;
import io.hongyan.testkit.NatsServer;
import io.hongyan.testkit.SharedInfrastructure;
import io.hongyan.wechat.callback.CallbackSignature;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static io.hongyan.ingress.IngressFixture.APP;
import static io.hongyan.ingress.IngressFixture.CALLBACK_TOKEN;
import static io.hongyan.ingress.IngressFixture.error;
import static io.hongyan.ingress.IngressFixture.request;
import static io.hongyan.ingress.IngressFixture.send;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** The WeChat callback URL against a real JetStream (PROTOCOL.md §1–§2). */
class WeChatCallbackTest {
    private static final String SUBJECT = "hongyan.rt.app." + APP + ".inbound";
    private static final String STORED_SUBJECT = JetStreamInboundPublisher.SUBJECT_PREFIX + APP;
    /** PROTOCOL.md §1: the official plain POST example. */
    private static final String POST_TIMESTAMP = "1714037059";
    private static final String POST_NONCE = "486452656";
    private static final String POST_SIGNATURE = "899cf89e464efb63f54ddac96b0a0a235f53aa78";
    private static final String OPENID = "o9AgO5Kd5ggOC-bXrbNODIiE3bGY";

    private static ServiceServer ingress;
    private static Connection nats;
    private static JetStreamManagement streams;

    @BeforeAll
    static void start() throws Exception {
        NatsServer natsServer = SharedInfrastructure.nats();
        // Nothing here needs dispatch: point it at a port nobody listens on.
        ingress = IngressServer.start(IngressFixture.config(
                IngressFixture.settings(natsServer.url(), "127.0.0.1:" + FreePorts.next())));
        nats = Nats.connect(natsServer.url());
        streams = nats.jetStreamManagement();
    }

    @AfterAll
    static void stop() throws Exception {
        if (ingress != null) {
            ingress.close();
        }
        if (nats != null) {
            nats.close();
        }
    }

    @BeforeEach
    void emptyStream() throws Exception {
        streams.purgeStream(JetStreamInboundPublisher.STREAM);
    }

    @Test
    void officialUrlVerificationVectorEchoesEchostr() {
        HttpResponse<String> response = send(request(ingress.port(), "/wechat/" + APP + "/callback"
                + "?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504&nonce=1514711492"
                + "&echostr=4375120948345356249").GET());

        assertThat(response.statusCode(), is(200));
        assertThat(response.body(), is("4375120948345356249"));
        assertThat(response.headers().firstValue("Content-Type").orElse(""), startsWith("text/plain"));
    }

    @Test
    void urlVerificationWithWrongSignatureIsRefusedWithoutEcho() {
        HttpResponse<String> response = send(request(ingress.port(), "/wechat/" + APP + "/callback"
                + "?signature=f464b24fc39322e44b38aa78f5edd27bd1441697&timestamp=1714036504&nonce=1514711492"
                + "&echostr=4375120948345356249").GET());

        assertThat(response.statusCode(), is(401));
        assertThat(error(response).get("code").getAsString(), is("bad_signature"));
        assertThat(response.body(), not(containsString("4375120948345356249")));
    }

    @Test
    void urlVerificationWithoutParametersIsRefused() {
        HttpResponse<String> response = send(request(ingress.port(), "/wechat/" + APP + "/callback?echostr=123").GET());

        assertThat(response.statusCode(), is(401));
        assertThat(response.body(), not(containsString("123")));
    }

    @Test
    void urlVerificationForUnknownAppIsNotFound() {
        HttpResponse<String> response = send(request(ingress.port(), "/wechat/wx_not_configured/callback"
                + "?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504&nonce=1514711492"
                + "&echostr=4375120948345356249").GET());

        assertThat(response.statusCode(), is(404));
        assertThat(error(response).get("code").getAsString(), is("unknown_app"));
    }

    @Test
    void officialPostVectorPublishesTheEventToJetStream() throws Exception {
        long msgId = newMsgId();
        Subscription subscription = nats.subscribe(SUBJECT);
        try {
            HttpResponse<String> response = post("?signature=" + POST_SIGNATURE + "&timestamp=" + POST_TIMESTAMP
                    + "&nonce=" + POST_NONCE + "&openid=" + OPENID, textMessage(msgId, "你好"));

            assertThat(response.statusCode(), is(200));
            assertThat(response.body(), is("success"));
            Message message = subscription.nextMessage(Duration.ofSeconds(5));
            assertThat("event published on " + SUBJECT, message, notNullValue());
            JsonObject event = JsonParser.parseString(new String(message.getData(), StandardCharsets.UTF_8)).getAsJsonObject();
            assertThat(event.get("type").getAsString(), is("inbound"));
            assertThat(event.get("appId").getAsString(), is(APP));
            assertThat(event.get("toUserName").getAsString(), is("gh_97417a04a28d"));
            assertThat(event.get("fromUserName").getAsString(), is(OPENID));
            assertThat(event.get("createTime").getAsLong(), is(1714037059L));
            assertThat(event.get("msgType").getAsString(), is("text"));
            assertThat(event.get("content").getAsString(), is("你好"));
            assertThat(event.get("msgId").getAsString(), is(Long.toString(msgId)));
            assertThat(message.getHeaders().getFirst("traceparent"), notNullValue());
            var stored = streams.getLastMessage(JetStreamInboundPublisher.STREAM, STORED_SUBJECT);
            assertThat(stored.getHeaders().getFirst("Nats-Msg-Id"), is(APP + ":msg:" + msgId));
            assertThat(stored.getHeaders().getFirst("traceparent"), notNullValue());
            assertThat(storedEvents(), is(1L));
        } finally {
            subscription.unsubscribe();
        }
    }

    @Test
    void postWithWrongSignatureIsRefusedAndNothingIsPublished() throws Exception {
        HttpResponse<String> forged = post("?signature=" + POST_SIGNATURE.replace('8', '9') + "&timestamp=" + POST_TIMESTAMP
                + "&nonce=" + POST_NONCE, textMessage(newMsgId(), "forged"));
        HttpResponse<String> unsigned = post("", textMessage(newMsgId(), "unsigned"));
        long validId = newMsgId();
        HttpResponse<String> valid = postSigned(textMessage(validId, "valid"));

        assertThat(forged.statusCode(), is(401));
        assertThat(error(forged).get("code").getAsString(), is("bad_signature"));
        assertThat(unsigned.statusCode(), is(401));
        assertThat(valid.statusCode(), is(200));
        assertThat(storedEvents(), is(1L));
        String stored = new String(streams.getLastMessage(JetStreamInboundPublisher.STREAM, STORED_SUBJECT).getData(),
                StandardCharsets.UTF_8);
        assertThat(stored, containsString("\"msgId\":\"" + validId + "\""));
    }

    @Test
    void bodyWithDoctypeIsRefusedAndNothingIsPublished() throws Exception {
        HttpResponse<String> response = postSigned("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ELEMENT xml ANY>]>"
                + textMessage(newMsgId(), "dtd"));

        assertThat(response.statusCode(), is(400));
        assertThat(error(response).get("code").getAsString(), is("dtd_not_allowed"));
        assertThat(storedEvents(), is(0L));
    }

    @Test
    void bodyWithExternalEntityIsRefusedAndNothingIsPublished() throws Exception {
        HttpResponse<String> response = postSigned("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + textMessage(newMsgId(), "&xxe;"));

        assertThat(response.statusCode(), is(400));
        assertThat(error(response).get("code").getAsString(), is("dtd_not_allowed"));
        assertThat(response.body(), not(containsString("root:")));
        assertThat(storedEvents(), is(0L));
    }

    @Test
    void malformedXmlIsRefusedAndNothingIsPublished() throws Exception {
        HttpResponse<String> response = postSigned("<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><MsgType>");

        assertThat(response.statusCode(), is(400));
        assertThat(error(response).get("code").getAsString(), is("malformed_body"));
        assertThat(storedEvents(), is(0L));
    }

    @Test
    void xmlWithoutTheCommonFieldsIsRefusedAndNothingIsPublished() throws Exception {
        HttpResponse<String> response = postSigned("<xml><Content>no sender, no type</Content></xml>");

        assertThat(response.statusCode(), is(400));
        assertThat(error(response).get("code").getAsString(), is("malformed_body"));
        assertThat(storedEvents(), is(0L));
    }

    @Test
    void oversizedBodyIsRefusedAndNothingIsPublished() throws Exception {
        HttpResponse<String> response = postSigned(textMessage(newMsgId(), "x".repeat(64 * 1024)));

        assertThat(response.statusCode(), is(413));
        assertThat(error(response).get("code").getAsString(), is("payload_too_large"));
        assertThat(storedEvents(), is(0L));
    }

    @Test
    void postForUnknownAppIsNotFound() throws Exception {
        HttpResponse<String> response = send(request(ingress.port(), "/wechat/wx_not_configured/callback" + signedQuery())
                .POST(HttpRequest.BodyPublishers.ofString(textMessage(newMsgId(), "hi"))));

        assertThat(response.statusCode(), is(404));
        assertThat(error(response).get("code").getAsString(), is("unknown_app"));
        assertThat(storedEvents(), is(0L));
    }

    @Test
    void safeModeIsNotSupportedYetAndNothingIsPublished() throws Exception {
        HttpResponse<String> response = post(signedQuery() + "&encrypt_type=aes&msg_signature=046e02f8204d34f8ba5fa3b1db94908f3df2e9b3",
                "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[abc]]></Encrypt></xml>");

        assertThat(response.statusCode(), is(501));
        assertThat(error(response).get("code").getAsString(), is("encryption_not_supported"));
        assertThat(storedEvents(), is(0L));
    }

    @Test
    void retriedCallbackIsAnsweredTwiceButStoredAndAnnouncedOnce() throws Exception {
        String body = textMessage(newMsgId(), "retried");
        Subscription live = nats.subscribe(SUBJECT);
        try {
            HttpResponse<String> first = postSigned(body);
            HttpResponse<String> retry = postSigned(body);
            long fenceId = newMsgId();
            postSigned(textMessage(fenceId, "fence"));

            assertThat(first.body(), is("success"));
            assertThat(retry.statusCode(), is(200));
            assertThat(retry.body(), is("success"));
            assertThat(storedEvents(), is(2L));
            assertThat(new String(live.nextMessage(Duration.ofSeconds(5)).getData(), StandardCharsets.UTF_8),
                    containsString("\"content\":\"retried\""));
            assertThat("the retry is not announced to live subscribers",
                    new String(live.nextMessage(Duration.ofSeconds(5)).getData(), StandardCharsets.UTF_8),
                    containsString("\"msgId\":\"" + fenceId + "\""));
        } finally {
            live.unsubscribe();
        }
    }

    @Test
    void retriedEventIsStoredOnceButDistinctEventsAreAllStored() throws Exception {
        long createTime = 1_714_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        String subscribe = event(createTime, "subscribe", "qrscene_1");

        postSigned(subscribe);
        postSigned(subscribe);
        postSigned(event(createTime, "CLICK", "menu_1"));
        postSigned(event(createTime, "CLICK", "menu_2"));

        assertThat(storedEvents(), is(3L));
    }

    @Test
    void retriedEventWhoseKeyIsNotPlainAsciiIsStoredOnce() throws Exception {
        long createTime = 1_714_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        String click = event(createTime, "CLICK", "菜单 一");

        HttpResponse<String> first = postSigned(click);
        HttpResponse<String> retry = postSigned(click);

        assertThat(first.body(), is("success"));
        assertThat(retry.body(), is("success"));
        assertThat(storedEvents(), is(1L));
    }

    @Test
    void unknownEncryptTypeIsRefusedAndNothingIsPublished() throws Exception {
        HttpResponse<String> response = post(signedQuery() + "&encrypt_type=des", textMessage(newMsgId(), "hi"));

        assertThat(response.statusCode(), is(400));
        assertThat(error(response).get("code").getAsString(), is("invalid_encrypt_type"));
        assertThat(storedEvents(), is(0L));
    }

    @Test
    void miniProgramJsonBodyIsPublished() throws Exception {
        long msgId = newMsgId();
        String json = "{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":\"" + OPENID + "\",\"CreateTime\":1714037059,"
                + "\"MsgType\":\"text\",\"Content\":\"hello\",\"MsgId\":" + msgId + "}";

        HttpResponse<String> response = postSigned(json);

        assertThat(response.body(), is("success"));
        String stored = new String(streams.getLastMessage(JetStreamInboundPublisher.STREAM, STORED_SUBJECT).getData(),
                StandardCharsets.UTF_8);
        assertThat(stored, containsString("\"content\":\"hello\""));
    }

    @Test
    void rejectionsAndOutcomesAreCountedInMetrics() {
        post("?signature=0000&timestamp=1&nonce=2", textMessage(newMsgId(), "forged"));

        HttpResponse<String> metrics = send(request(ingress.port(), "/observe/metrics")
                .header("Accept", "text/plain").GET());

        assertThat(metrics.body(), containsString("hongyan_ingress_callbacks_total{outcome=\"bad_signature\""));
        assertThat(metrics.body(), containsString("hongyan_ingress_rejections_total{code=\"bad_signature\""));
    }

    static String textMessage(long msgId, String content) {
        return "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>"
                + "<FromUserName><![CDATA[" + OPENID + "]]></FromUserName>"
                + "<CreateTime>1714037059</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
    }

    private static String event(long createTime, String event, String eventKey) {
        return "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>"
                + "<FromUserName><![CDATA[" + OPENID + "]]></FromUserName>"
                + "<CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[" + event + "]]></Event><EventKey><![CDATA[" + eventKey + "]]></EventKey></xml>";
    }

    private static long newMsgId() {
        return ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE);
    }

    private static String signedQuery() {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = Integer.toString(ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
        return "?signature=" + CallbackSignature.sign(CALLBACK_TOKEN, timestamp, nonce) + "&timestamp=" + timestamp
                + "&nonce=" + nonce + "&openid=" + OPENID;
    }

    private static HttpResponse<String> postSigned(String body) {
        return post(signedQuery(), body);
    }

    private static HttpResponse<String> post(String query, String body) {
        return send(request(ingress.port(), "/wechat/" + APP + "/callback" + query)
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static long storedEvents() throws Exception {
        return streams.getStreamInfo(JetStreamInboundPublisher.STREAM).getStreamState().getMsgCount();
    }
}
