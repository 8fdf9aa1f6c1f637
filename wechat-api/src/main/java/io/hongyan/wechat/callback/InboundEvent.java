package io.hongyan.wechat.callback;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One inbound WeChat message or event, normalised from the flat field map of
 * {@link CallbackXml} or {@link CallbackJson} (plaintext or decrypted safe-mode body alike).
 *
 * @param appId        the Hongyan app the callback arrived for (from the callback URL, not the body)
 * @param toUserName   the account ({@code gh_…})
 * @param fromUserName the user's openid
 * @param createTime   seconds since the epoch, as WeChat sent it
 * @param msgType      {@code text}, {@code image}, {@code event}, …
 * @param event        the event name for {@code msgType=event}, else null
 * @param eventKey     {@code EventKey} if present, else null
 * @param msgId        {@code MsgId} of a message; {@code MsgID} (capital D) of a {@code TEMPLATESENDJOBFINISH};
 *                     the single item's {@code MsgID} of a {@code subscribe_msg_sent_event}; else null
 * @param status       {@code Status} of a {@code TEMPLATESENDJOBFINISH}, or the single item's
 *                     {@code ErrorStatus} of a {@code subscribe_msg_sent_event}; else null
 * @param content      {@code Content} of a text message, else null
 * @param receipts     delivery receipts this event carries (empty for most events; several for a
 *                     {@code subscribe_msg_sent_event} with several items)
 * @param fields       every field as parsed, unmodified
 */
public record InboundEvent(String appId,
                           String toUserName,
                           String fromUserName,
                           long createTime,
                           String msgType,
                           String event,
                           String eventKey,
                           String msgId,
                           String status,
                           String content,
                           List<DeliveryReceipt> receipts,
                           Map<String, String> fields) {

    /** Matches the MsgID of each subscribe_msg_sent_event item, in XML ({@code SubscribeMsgSentEvent.List}) or JSON ({@code List}). */
    private static final Pattern SUBSCRIBE_ITEM_MSGID =
            Pattern.compile("^((?:SubscribeMsgSentEvent\\.)?List(?:\\[\\d+])?)\\.MsgID$");

    public InboundEvent {
        receipts = List.copyOf(receipts);
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * Normalise a parsed callback.
     *
     * @param appId  the Hongyan app id the callback URL names
     * @param fields the flat field map
     * @throws MalformedCallbackException if ToUserName, FromUserName, CreateTime (a number) or MsgType is missing
     */
    public static InboundEvent from(String appId, Map<String, String> fields) {
        Objects.requireNonNull(fields, "fields");
        String to = required(fields, "ToUserName");
        String from = required(fields, "FromUserName");
        String created = required(fields, "CreateTime");
        long createTime;
        try {
            createTime = Long.parseLong(created);
        } catch (NumberFormatException e) {
            throw new MalformedCallbackException(MalformedCallbackException.Reason.MISSING_FIELD, "CreateTime is not a number");
        }
        String msgType = required(fields, "MsgType");
        String event = optional(fields, "Event");
        List<DeliveryReceipt> receipts = receipts(event, fields);

        String msgId = optional(fields, "MsgId");
        if (msgId == null) {
            msgId = optional(fields, "MsgID");
        }
        String status = optional(fields, "Status");
        if ("subscribe_msg_sent_event".equals(event) && receipts.size() == 1) {
            msgId = msgId != null ? msgId : Long.toString(receipts.getFirst().msgId());
            status = status != null ? status : receipts.getFirst().status();
        }
        String content = fields.get("Content");
        return new InboundEvent(appId, to, from, createTime, msgType, event, optional(fields, "EventKey"),
                msgId, status, content, receipts, fields);
    }

    /** Rebuild an event from {@link #toJson()} output (its {@code appId} and {@code fields}). */
    public static InboundEvent fromJson(String json) {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("fields").entrySet()) {
                fields.put(e.getKey(), e.getValue().getAsString());
            }
            JsonElement app = o.get("appId");
            return from(app == null || app.isJsonNull() ? null : app.getAsString(), fields);
        } catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException e) {
            throw new MalformedCallbackException(MalformedCallbackException.Reason.NOT_WELL_FORMED, "not an inbound event");
        }
    }

    /** Whether this is an event ({@code MsgType=event}) rather than a user message. */
    public boolean isEvent() {
        return "event".equals(msgType);
    }

    /**
     * The key WeChat's retries of this callback share (PROTOCOL.md §2, our rule):
     * {@code msg:<MsgId>} for a message; for an event
     * {@code evt:<FromUserName>:<CreateTime>:<Event>:<EventKey>} (absent parts empty), followed by
     * {@code :<MsgID>[,<MsgID>…]} when the event carries receipts. The receipt ids are our addition:
     * a user who gets several template messages in the same second gets several
     * TEMPLATESENDJOBFINISH events that differ only in MsgID, and none may be dropped as a duplicate.
     */
    public String dedupKey() {
        if (!isEvent() && msgId != null) {
            return "msg:" + msgId;
        }
        StringBuilder key = new StringBuilder("evt:")
                .append(fromUserName).append(':')
                .append(createTime).append(':')
                .append(event == null ? "" : event).append(':')
                .append(eventKey == null ? "" : eventKey);
        if (!receipts.isEmpty()) {
            StringJoiner ids = new StringJoiner(",", ":", "");
            receipts.forEach(r -> ids.add(Long.toString(r.msgId())));
            key.append(ids);
        } else if (msgId != null) {
            key.append(':').append(msgId);
        }
        return key.toString();
    }

    /**
     * The normalised JSON form published to subscribers: lowerCamelCase keys, {@code "type":"inbound"},
     * absent optional values left out, plus {@code dedupKey}, {@code receipts} and the raw {@code fields}.
     */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("type", "inbound");
        put(o, "appId", appId);
        o.addProperty("toUserName", toUserName);
        o.addProperty("fromUserName", fromUserName);
        o.addProperty("createTime", createTime);
        o.addProperty("msgType", msgType);
        put(o, "event", event);
        put(o, "eventKey", eventKey);
        put(o, "msgId", msgId);
        put(o, "status", status);
        put(o, "content", content);
        o.addProperty("dedupKey", dedupKey());
        if (!receipts.isEmpty()) {
            JsonArray list = new JsonArray();
            for (DeliveryReceipt r : receipts) {
                JsonObject item = new JsonObject();
                item.addProperty("msgId", r.msgId());
                item.addProperty("status", r.status());
                item.addProperty("delivered", r.delivered());
                list.add(item);
            }
            o.add("receipts", list);
        }
        JsonObject raw = new JsonObject();
        fields.forEach(raw::addProperty);
        o.add("fields", raw);
        return o.toString();
    }

    private static List<DeliveryReceipt> receipts(String event, Map<String, String> fields) {
        List<DeliveryReceipt> out = new ArrayList<>();
        if ("TEMPLATESENDJOBFINISH".equals(event)) {
            Long id = parseLong(fields.get("MsgID"));
            if (id != null) {
                out.add(DeliveryReceipt.of(id, fields.get("Status")));
            }
        } else if ("subscribe_msg_sent_event".equals(event)) {
            for (Map.Entry<String, String> e : fields.entrySet()) {
                Matcher m = SUBSCRIBE_ITEM_MSGID.matcher(e.getKey());
                Long id = m.matches() ? parseLong(e.getValue()) : null;
                if (id != null) {
                    out.add(DeliveryReceipt.of(id, fields.get(m.group(1) + ".ErrorStatus")));
                }
            }
        }
        return out;
    }

    private static Long parseLong(String s) {
        try {
            return s == null ? null : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String required(Map<String, String> fields, String key) {
        String v = optional(fields, key);
        if (v == null) {
            throw new MalformedCallbackException(MalformedCallbackException.Reason.MISSING_FIELD, key);
        }
        return v;
    }

    /** Identifier-like fields are trimmed (pretty-printed XML); empty counts as absent. */
    private static String optional(Map<String, String> fields, String key) {
        String v = fields.get(key);
        if (v == null) {
            return null;
        }
        v = v.trim();
        return v.isEmpty() ? null : v;
    }

    private static void put(JsonObject o, String key, String value) {
        if (value != null) {
            o.addProperty(key, value);
        }
    }
}
