package io.hongyan.wechat.message;

import com.google.gson.JsonObject;
import io.hongyan.proto.v1.CustomerServiceContent;
import io.hongyan.proto.v1.SubscribeContent;
import io.hongyan.proto.v1.TemplateContent;
import io.hongyan.proto.v1.TemplateValue;
import io.hongyan.wechat.api.SendEndpoint;

import java.util.Map;
import java.util.TreeMap;

/**
 * Builds WeChat's JSON send bodies from Hongyan's proto content (PROTOCOL.md §5).
 *
 * <p>Empty optional fields are omitted rather than sent as {@code ""}: WeChat treats an empty
 * {@code url} or {@code page} differently from an absent one on some clients. Data keys are
 * written in sorted order so the same content always gives the same bytes (easier to test and
 * to compare in logs). Missing required fields are refused here with
 * {@link IllegalArgumentException}, before a WeChat call and a quota unit are spent on them.
 */
public final class WeChatMessageBodies {

    private WeChatMessageBodies() {
    }

    /**
     * A template message body:
     * {@code {"touser","template_id","url"?,"miniprogram":{"appid","pagepath"?}?,"data":{k:{"value","color"?}},"client_msg_id"?}}.
     *
     * <p>{@code url} and {@code miniprogram} may both be sent: WeChat opens the Mini Program and
     * falls back to the url on clients without Mini Program support.
     *
     * @param touser      the recipient's openid
     * @param content     the template content
     * @param clientMsgId our message id; WeChat sends the same openid + client_msg_id only once within
     *                    10 minutes, which makes a retry after a lost reply safe. May be null or empty.
     */
    public static MessageBody template(String touser, TemplateContent content, String clientMsgId) {
        requireText(touser, "touser");
        requireText(content.getTemplateId(), "template_id");
        JsonObject body = new JsonObject();
        body.addProperty("touser", touser);
        body.addProperty("template_id", content.getTemplateId());
        putIfNotEmpty(body, "url", content.getUrl());
        if (content.hasMiniprogram() && !content.getMiniprogram().getAppid().isEmpty()) {
            JsonObject mp = new JsonObject();
            mp.addProperty("appid", content.getMiniprogram().getAppid());
            putIfNotEmpty(mp, "pagepath", content.getMiniprogram().getPagepath());
            body.add("miniprogram", mp);
        }
        body.add("data", data(content.getDataMap(), true));
        putIfNotEmpty(body, "client_msg_id", clientMsgId);
        return new MessageBody(SendEndpoint.TEMPLATE, body.toString());
    }

    /**
     * A subscribe message body:
     * {@code {"touser","template_id","page"?,"data":{k:{"value"}},"miniprogram_state"?,"lang"?}}.
     *
     * <p>WeChat's subscribe API has no {@code client_msg_id}, so WeChat does not deduplicate these:
     * a retry after a lost reply may deliver twice (and spends the user's one-time subscription,
     * so the retry usually gets 43101 instead).
     *
     * @param touser  the recipient's openid
     * @param content the subscribe content; {@code color} in data values is ignored by WeChat and dropped
     */
    public static MessageBody subscribe(String touser, SubscribeContent content) {
        requireText(touser, "touser");
        requireText(content.getTemplateId(), "template_id");
        JsonObject body = new JsonObject();
        body.addProperty("touser", touser);
        body.addProperty("template_id", content.getTemplateId());
        putIfNotEmpty(body, "page", content.getPage());
        body.add("data", data(content.getDataMap(), false));
        putIfNotEmpty(body, "miniprogram_state", content.getMiniprogramState());
        putIfNotEmpty(body, "lang", content.getLang());
        return new MessageBody(SendEndpoint.SUBSCRIBE, body.toString());
    }

    /**
     * A customer-service message body; only text for now:
     * {@code {"touser","msgtype":"text","text":{"content"}}}. No {@code client_msg_id} exists for
     * this API either.
     *
     * @param touser  the recipient's openid
     * @param content the customer-service content; exactly one kind must be set
     */
    public static MessageBody customerService(String touser, CustomerServiceContent content) {
        requireText(touser, "touser");
        JsonObject body = new JsonObject();
        body.addProperty("touser", touser);
        switch (content.getBodyCase()) {
            case TEXT -> {
                requireText(content.getText().getContent(), "text.content");
                body.addProperty("msgtype", "text");
                JsonObject text = new JsonObject();
                text.addProperty("content", content.getText().getContent());
                body.add("text", text);
            }
            case BODY_NOT_SET -> throw new IllegalArgumentException("customer-service content has no body");
            // A kind added to the proto later must get its own body here, not a half-built one.
            default -> throw new IllegalArgumentException("unsupported customer-service kind " + content.getBodyCase());
        }
        return new MessageBody(SendEndpoint.CUSTOMER_SERVICE, body.toString());
    }

    private static JsonObject data(Map<String, TemplateValue> values, boolean withColor) {
        JsonObject data = new JsonObject();
        for (Map.Entry<String, TemplateValue> e : new TreeMap<>(values).entrySet()) {
            JsonObject v = new JsonObject();
            v.addProperty("value", e.getValue().getValue());
            if (withColor) {
                putIfNotEmpty(v, "color", e.getValue().getColor());
            }
            data.add(e.getKey(), v);
        }
        return data;
    }

    private static void putIfNotEmpty(JsonObject o, String key, String value) {
        if (value != null && !value.isEmpty()) {
            o.addProperty(key, value);
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
