package io.hongyan.dispatch.redis;

import com.google.protobuf.Timestamp;
import io.hongyan.dispatch.core.StoredMessage;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.MessageStatus;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a status record is laid out in its Redis hash: one field per {@link MessageRecord} field
 * (proto3 JSON names; statuses by enum name; times in epoch milliseconds), plus {@code seq}
 * (changes so far) and {@code announced} (0 until the ACCEPTED event is out).
 */
final class RecordHash {
    static final String STATUS = "status";
    static final String ANNOUNCED = "announced";

    private RecordHash() {
    }

    /** The fields of a new record, as alternating field and value. */
    static List<String> fieldsOf(MessageRecord record, boolean announced) {
        return List.of(
                "messageId", record.getMessageId(),
                "appId", record.getAppId(),
                "recipient", record.getRecipient(),
                STATUS, record.getStatus().name(),
                "attempts", Integer.toString(record.getAttempts()),
                "lastErrcode", Integer.toString(record.getLastErrcode()),
                "lastErrmsg", record.getLastErrmsg(),
                "wechatMsgid", Long.toString(record.getWechatMsgid()),
                "acceptedAt", Long.toString(millis(record.getAcceptedAt())),
                "updatedAt", Long.toString(millis(record.getUpdatedAt())),
                "idempotencyKey", record.getIdempotencyKey(),
                "kind", record.getKind(),
                "seq", "1",
                ANNOUNCED, announced ? "1" : "0");
    }

    static StoredMessage parse(Map<String, String> hash) {
        MessageRecord record = MessageRecord.newBuilder()
                .setMessageId(hash.getOrDefault("messageId", ""))
                .setAppId(hash.getOrDefault("appId", ""))
                .setRecipient(hash.getOrDefault("recipient", ""))
                .setStatus(status(hash.get(STATUS)))
                .setAttempts(Integer.parseInt(hash.getOrDefault("attempts", "0")))
                .setLastErrcode(Integer.parseInt(hash.getOrDefault("lastErrcode", "0")))
                .setLastErrmsg(hash.getOrDefault("lastErrmsg", ""))
                .setWechatMsgid(Long.parseLong(hash.getOrDefault("wechatMsgid", "0")))
                .setAcceptedAt(timestamp(hash.getOrDefault("acceptedAt", "0")))
                .setUpdatedAt(timestamp(hash.getOrDefault("updatedAt", "0")))
                .setIdempotencyKey(hash.getOrDefault("idempotencyKey", ""))
                .setKind(hash.getOrDefault("kind", ""))
                .build();
        return new StoredMessage(record, !"0".equals(hash.get(ANNOUNCED)));
    }

    /** A flat field, value, field, value, ... list (as HGETALL inside a script returns it). */
    static StoredMessage parse(List<?> flat) {
        Map<String, String> hash = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            hash.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return parse(hash);
    }

    static MessageStatus status(String name) {
        try {
            return name == null ? MessageStatus.MESSAGE_STATUS_UNSPECIFIED : MessageStatus.valueOf(name);
        } catch (IllegalArgumentException e) {
            return MessageStatus.MESSAGE_STATUS_UNSPECIFIED; // not a status this version knows
        }
    }

    static long millis(Timestamp timestamp) {
        return timestamp.getSeconds() * 1000 + timestamp.getNanos() / 1_000_000;
    }

    private static Timestamp timestamp(String epochMillis) {
        Instant instant = Instant.ofEpochMilli(Long.parseLong(epochMillis));
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
