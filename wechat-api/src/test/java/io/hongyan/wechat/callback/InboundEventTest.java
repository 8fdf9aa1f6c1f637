package io.hongyan.wechat.callback;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboundEventTest {

    private static InboundEvent xml(String body) {
        return InboundEvent.from("wx-app", CallbackXml.parse(body, 64 * 1024));
    }

    @Test
    void textMessageUsesMsgId() {
        InboundEvent e = xml(CallbackXmlTest.TEXT);
        assertEquals("wx-app", e.appId());
        assertEquals("gh_97417a04a28d", e.toUserName());
        assertEquals("o9AgO5Kd5ggOC-bXrbNODIiE3bGY", e.fromUserName());
        assertEquals(1714037059L, e.createTime());
        assertEquals("text", e.msgType());
        assertFalse(e.isEvent());
        assertNull(e.event());
        assertEquals("24602147216770304", e.msgId());
        assertEquals(" 你好 <b>&amp; <!DOCTYPE x> ", e.content());
        assertEquals("msg:24602147216770304", e.dedupKey());
    }

    @Test
    void eventUsesSenderTimeEventAndKey() {
        InboundEvent e = xml(CallbackXmlTest.CLICK);
        assertTrue(e.isEvent());
        assertEquals("evt:o-user:1714037100:CLICK:MENU_1", e.dedupKey());
        // Same user, same second, another menu key: a different event, not a duplicate.
        InboundEvent other = xml(CallbackXmlTest.CLICK.replace("MENU_1", "MENU_2"));
        assertNotEquals(e.dedupKey(), other.dedupKey());
        InboundEvent subscribe = xml("<xml><ToUserName>gh</ToUserName><FromUserName>o-u</FromUserName>"
                + "<CreateTime>5</CreateTime><MsgType>event</MsgType><Event>unsubscribe</Event></xml>");
        assertEquals("evt:o-u:5:unsubscribe:", subscribe.dedupKey());
    }

    @Test
    void templateSendJobFinishCarriesReceipt() {
        InboundEvent e = xml(CallbackXmlTest.JOB_FINISH);
        assertEquals("200163836", e.msgId());
        assertEquals("failed: system failed", e.status());
        assertEquals(List.of(new DeliveryReceipt(200163836L, "failed: system failed", false)), e.receipts());
        assertEquals("evt:o-user:1714037200:TEMPLATESENDJOBFINISH::200163836", e.dedupKey());
        InboundEvent ok = xml(CallbackXmlTest.JOB_FINISH.replace("failed: system failed", "success")
                .replace("200163836", "200163837"));
        assertTrue(ok.receipts().getFirst().delivered());
        assertNotEquals(e.dedupKey(), ok.dedupKey(), "two receipts in the same second stay distinct");
        InboundEvent odd = xml(CallbackXmlTest.JOB_FINISH.replace("failed: system failed", "something new"));
        assertFalse(odd.receipts().getFirst().delivered(), "unknown status is a failure");
    }

    @Test
    void subscribeMessageSentEventInXmlAndJson() {
        String xml = "<xml><ToUserName>gh</ToUserName><FromUserName>o-u</FromUserName><CreateTime>7</CreateTime>"
                + "<MsgType>event</MsgType><Event>subscribe_msg_sent_event</Event><SubscribeMsgSentEvent>"
                + "<List><TemplateId>t1</TemplateId><MsgID>11</MsgID><ErrorCode>0</ErrorCode><ErrorStatus>success</ErrorStatus></List>"
                + "</SubscribeMsgSentEvent></xml>";
        InboundEvent one = xml(xml);
        assertEquals("11", one.msgId());
        assertEquals("success", one.status());
        assertEquals(List.of(new DeliveryReceipt(11, "success", true)), one.receipts());

        String json = "{\"ToUserName\":\"gh\",\"FromUserName\":\"o-u\",\"CreateTime\":7,\"MsgType\":\"event\","
                + "\"Event\":\"subscribe_msg_sent_event\",\"List\":[{\"TemplateId\":\"t1\",\"MsgID\":11,\"ErrorCode\":0,"
                + "\"ErrorStatus\":\"success\"},{\"TemplateId\":\"t2\",\"MsgID\":12,\"ErrorCode\":20004,"
                + "\"ErrorStatus\":\"fail_user_refuse\"}]}";
        InboundEvent two = InboundEvent.from("wx-app", CallbackJson.parse(json.getBytes(StandardCharsets.UTF_8), 4096));
        assertEquals(List.of(new DeliveryReceipt(11, "success", true), new DeliveryReceipt(12, "fail_user_refuse", false)),
                two.receipts());
        assertNull(two.msgId(), "no single msgid for several receipts");
        assertEquals("evt:o-u:7:subscribe_msg_sent_event::11,12", two.dedupKey());
    }

    @Test
    void jsonCallbackGivesSameFieldsAsXml() {
        String json = "{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":\"o9AgO5Kd5ggOC-bXrbNODIiE3bGY\","
                + "\"CreateTime\":1714112445,\"MsgType\":\"event\",\"Event\":\"debug_demo\",\"debug_str\":\"hello world\"}";
        Map<String, String> f = CallbackJson.parse(json.getBytes(StandardCharsets.UTF_8), 4096);
        assertEquals("1714112445", f.get("CreateTime"));
        assertEquals("hello world", f.get("debug_str"));
        assertEquals("evt:o9AgO5Kd5ggOC-bXrbNODIiE3bGY:1714112445:debug_demo:", InboundEvent.from("a", f).dedupKey());
        assertEquals(MalformedCallbackException.Reason.TOO_LARGE, assertThrows(MalformedCallbackException.class,
                () -> CallbackJson.parse(json.getBytes(StandardCharsets.UTF_8), 10)).reason());
        assertEquals(MalformedCallbackException.Reason.NOT_WELL_FORMED, assertThrows(MalformedCallbackException.class,
                () -> CallbackJson.parse("{\"a\":".getBytes(StandardCharsets.UTF_8), 4096)).reason());
        assertEquals(MalformedCallbackException.Reason.WRONG_ROOT, assertThrows(MalformedCallbackException.class,
                () -> CallbackJson.parse("[1]".getBytes(StandardCharsets.UTF_8), 4096)).reason());
    }

    @Test
    void toJsonIsNormalisedAndRoundTrips() {
        InboundEvent e = xml(CallbackXmlTest.JOB_FINISH);
        JsonObject o = JsonParser.parseString(e.toJson()).getAsJsonObject();
        assertEquals("inbound", o.get("type").getAsString());
        assertEquals("wx-app", o.get("appId").getAsString());
        assertEquals("gh_1", o.get("toUserName").getAsString());
        assertEquals("o-user", o.get("fromUserName").getAsString());
        assertEquals(1714037200L, o.get("createTime").getAsLong());
        assertEquals("event", o.get("msgType").getAsString());
        assertEquals("TEMPLATESENDJOBFINISH", o.get("event").getAsString());
        assertEquals("200163836", o.get("msgId").getAsString());
        assertEquals("failed: system failed", o.get("status").getAsString());
        assertFalse(o.has("content"));
        assertFalse(o.has("eventKey"));
        assertEquals(e.dedupKey(), o.get("dedupKey").getAsString());
        assertEquals(200163836L, o.getAsJsonArray("receipts").get(0).getAsJsonObject().get("msgId").getAsLong());
        assertEquals("200163836", o.getAsJsonObject("fields").get("MsgID").getAsString());
        assertEquals(e, InboundEvent.fromJson(e.toJson()));
    }

    @Test
    void missingCommonFieldsAreRefused() {
        MalformedCallbackException ex = assertThrows(MalformedCallbackException.class,
                () -> xml("<xml><ToUserName>gh</ToUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>"));
        assertEquals(MalformedCallbackException.Reason.MISSING_FIELD, ex.reason());
        assertTrue(ex.getMessage().contains("FromUserName"));
        assertThrows(MalformedCallbackException.class,
                () -> xml("<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>x</CreateTime>"
                        + "<MsgType>text</MsgType></xml>"));
    }
}
