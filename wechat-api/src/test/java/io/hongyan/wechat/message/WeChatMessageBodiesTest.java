package io.hongyan.wechat.message;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hongyan.proto.v1.CustomerServiceContent;
import io.hongyan.proto.v1.CustomerServiceText;
import io.hongyan.proto.v1.MiniProgramTarget;
import io.hongyan.proto.v1.SubscribeContent;
import io.hongyan.proto.v1.TemplateContent;
import io.hongyan.proto.v1.TemplateValue;
import io.hongyan.wechat.api.SendEndpoint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WeChatMessageBodiesTest {

    private static JsonObject parse(MessageBody body) {
        return JsonParser.parseString(body.json()).getAsJsonObject();
    }

    @Test
    void templateWithEverything() {
        TemplateContent c = TemplateContent.newBuilder()
                .setTemplateId("tpl-1")
                .setUrl("https://example.com/o/1")
                .setMiniprogram(MiniProgramTarget.newBuilder().setAppid("wxmini").setPagepath("pages/o?id=1"))
                .putData("thing1", TemplateValue.newBuilder().setValue("鸿雁").setColor("#173177").build())
                .putData("amount2", TemplateValue.newBuilder().setValue("9.90").build())
                .build();
        MessageBody body = WeChatMessageBodies.template("openid-1", c, "m-123");
        assertEquals(SendEndpoint.TEMPLATE, body.endpoint());
        JsonObject o = parse(body);
        assertEquals(Set.of("touser", "template_id", "url", "miniprogram", "data", "client_msg_id"), o.keySet());
        assertEquals("openid-1", o.get("touser").getAsString());
        assertEquals("tpl-1", o.get("template_id").getAsString());
        assertEquals("https://example.com/o/1", o.get("url").getAsString());
        assertEquals("wxmini", o.getAsJsonObject("miniprogram").get("appid").getAsString());
        assertEquals("pages/o?id=1", o.getAsJsonObject("miniprogram").get("pagepath").getAsString());
        JsonObject data = o.getAsJsonObject("data");
        assertEquals(List.of("amount2", "thing1"), List.copyOf(data.keySet()), "sorted keys");
        assertEquals("鸿雁", data.getAsJsonObject("thing1").get("value").getAsString());
        assertEquals("#173177", data.getAsJsonObject("thing1").get("color").getAsString());
        assertFalse(data.getAsJsonObject("amount2").has("color"));
        assertEquals("m-123", o.get("client_msg_id").getAsString());
    }

    @Test
    void templateOmitsEmptyOptionals() {
        TemplateContent c = TemplateContent.newBuilder().setTemplateId("tpl-1")
                .putData("k", TemplateValue.newBuilder().setValue("v").build()).build();
        JsonObject o = parse(WeChatMessageBodies.template("openid-1", c, null));
        assertEquals(Set.of("touser", "template_id", "data"), o.keySet());
        o = parse(WeChatMessageBodies.template("openid-1", c, ""));
        assertFalse(o.has("client_msg_id"));
        // A miniprogram without appid is no target at all.
        c = c.toBuilder().setMiniprogram(MiniProgramTarget.newBuilder().setPagepath("p")).build();
        assertFalse(parse(WeChatMessageBodies.template("openid-1", c, "x")).has("miniprogram"));
    }

    @Test
    void subscribe() {
        SubscribeContent c = SubscribeContent.newBuilder().setTemplateId("sub-1").setPage("pages/index")
                .putData("thing1", TemplateValue.newBuilder().setValue("hello").setColor("#ff0000").build())
                .setMiniprogramState("trial").setLang("en_US").build();
        MessageBody body = WeChatMessageBodies.subscribe("openid-2", c);
        assertEquals(SendEndpoint.SUBSCRIBE, body.endpoint());
        JsonObject o = parse(body);
        assertEquals(Set.of("touser", "template_id", "page", "data", "miniprogram_state", "lang"), o.keySet());
        assertEquals("sub-1", o.get("template_id").getAsString());
        assertEquals("pages/index", o.get("page").getAsString());
        assertEquals("trial", o.get("miniprogram_state").getAsString());
        assertEquals("en_US", o.get("lang").getAsString());
        JsonObject v = o.getAsJsonObject("data").getAsJsonObject("thing1");
        assertEquals(Set.of("value"), v.keySet(), "subscribe data has no color");

        JsonObject minimal = parse(WeChatMessageBodies.subscribe("openid-2",
                SubscribeContent.newBuilder().setTemplateId("sub-1").build()));
        assertEquals(Set.of("touser", "template_id", "data"), minimal.keySet());
    }

    @Test
    void customerServiceText() {
        CustomerServiceContent c = CustomerServiceContent.newBuilder()
                .setText(CustomerServiceText.newBuilder().setContent("你好 \"quoted\"\n")).build();
        MessageBody body = WeChatMessageBodies.customerService("openid-3", c);
        assertEquals(SendEndpoint.CUSTOMER_SERVICE, body.endpoint());
        JsonObject o = parse(body);
        assertEquals(Set.of("touser", "msgtype", "text"), o.keySet());
        assertEquals("text", o.get("msgtype").getAsString());
        assertEquals("你好 \"quoted\"\n", o.getAsJsonObject("text").get("content").getAsString());
    }

    @Test
    void missingRequiredFieldsAreRefused() {
        TemplateContent noId = TemplateContent.newBuilder().build();
        assertThrows(IllegalArgumentException.class, () -> WeChatMessageBodies.template("o", noId, "m"));
        TemplateContent ok = TemplateContent.newBuilder().setTemplateId("t").build();
        assertThrows(IllegalArgumentException.class, () -> WeChatMessageBodies.template(" ", ok, "m"));
        assertThrows(IllegalArgumentException.class,
                () -> WeChatMessageBodies.subscribe("o", SubscribeContent.getDefaultInstance()));
        assertThrows(IllegalArgumentException.class,
                () -> WeChatMessageBodies.customerService("o", CustomerServiceContent.getDefaultInstance()));
    }
}
