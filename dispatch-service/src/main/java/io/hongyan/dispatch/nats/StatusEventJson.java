package io.hongyan.dispatch.nats;

import com.google.gson.stream.JsonWriter;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.MessageStatus;
import io.hongyan.proto.v1.StatusEvent;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The proto3 JSON of a {@link StatusEvent}, byte for byte what {@code JsonFormat.printer()
 * .omittingInsignificantWhitespace()} prints (StatusEventJsonTest holds it to that, for every field
 * of the record), written directly.
 *
 * <p>Why not JsonFormat itself: it was the largest single item of dispatch's own CPU use (three
 * events per message). It walks the descriptors reflectively, builds a sorted map of the set
 * fields per message, and prints each Timestamp through a {@code ThreadLocal<SimpleDateFormat>}:
 * on virtual threads, which are new for every submit and every delivery, that means a new
 * SimpleDateFormat (calendar, time zone, symbols) for nearly every event, and {@code String.format}
 * for the fraction.
 *
 * <p>Same rules as JsonFormat: fields in field-number order, lowerCamelCase names, fields at their
 * default value left out (a set message field always printed), enums by name (by number if this
 * build does not know it), int64 as a string, Timestamps in RFC 3339 UTC with 0, 3, 6 or 9
 * fraction digits, strings escaped by Gson with HTML-safe escaping.
 */
final class StatusEventJson {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private StatusEventJson() {
    }

    static String print(StatusEvent event) {
        StringWriter out = new StringWriter(512);
        try {
            JsonWriter json = new JsonWriter(out);
            json.setHtmlSafe(true); // as Gson's default, which JsonFormat escapes strings with
            json.beginObject();
            if (event.hasRecord()) {
                json.name("record");
                record(json, event.getRecord());
            }
            status(json, "previousStatus", event.getPreviousStatusValue());
            json.endObject();
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void record(JsonWriter json, MessageRecord record) throws IOException {
        json.beginObject();
        string(json, "messageId", record.getMessageId());
        string(json, "appId", record.getAppId());
        string(json, "recipient", record.getRecipient());
        status(json, "status", record.getStatusValue());
        if (record.getAttempts() != 0) {
            json.name("attempts").value(record.getAttempts());
        }
        if (record.getLastErrcode() != 0) {
            json.name("lastErrcode").value(record.getLastErrcode());
        }
        string(json, "lastErrmsg", record.getLastErrmsg());
        if (record.getWechatMsgid() != 0) {
            json.name("wechatMsgid").value(Long.toString(record.getWechatMsgid()));
        }
        if (record.hasAcceptedAt()) {
            json.name("acceptedAt").value(timestamp(record.getAcceptedAt()));
        }
        if (record.hasUpdatedAt()) {
            json.name("updatedAt").value(timestamp(record.getUpdatedAt()));
        }
        string(json, "idempotencyKey", record.getIdempotencyKey());
        string(json, "kind", record.getKind());
        json.endObject();
    }

    private static void string(JsonWriter json, String name, String value) throws IOException {
        if (!value.isEmpty()) {
            json.name(name).value(value);
        }
    }

    private static void status(JsonWriter json, String name, int value) throws IOException {
        if (value == 0) {
            return;
        }
        MessageStatus status = MessageStatus.forNumber(value);
        if (status == null) {
            json.name(name).value(value);
        } else {
            json.name(name).value(status.name());
        }
    }

    /** As {@code Timestamps.toString}: "1972-01-01T10:00:20.021Z". */
    static String timestamp(Timestamp timestamp) {
        if (!Timestamps.isValid(timestamp)) {
            throw new IllegalArgumentException("timestamp out of range: " + timestamp.getSeconds() + "s " + timestamp.getNanos() + "ns");
        }
        StringBuilder text = new StringBuilder(30);
        SECONDS.formatTo(LocalDateTime.ofEpochSecond(timestamp.getSeconds(), 0, ZoneOffset.UTC), text);
        int nanos = timestamp.getNanos();
        if (nanos != 0) {
            text.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(text, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                pad(text, nanos / 1_000, 6);
            } else {
                pad(text, nanos, 9);
            }
        }
        return text.append('Z').toString();
    }

    private static void pad(StringBuilder text, int value, int digits) {
        String number = Integer.toString(value);
        text.repeat('0', digits - number.length()).append(number);
    }
}
