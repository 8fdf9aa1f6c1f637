package io.hongyan.realtime;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.hongyan.platform.realtime.Channels;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * One live event: a valid channel and a JSON object or array of at most {@value #MAX_JSON_BYTES} bytes,
 * kept as the publisher's text so subscribers get it verbatim.
 */
public record Event(String channel, String json) {
    public static final int MAX_JSON_BYTES = 64 * 1024;

    /** What {@link #check} found. */
    public sealed interface Check {
    }

    public record Valid(Event event) implements Check {
    }

    /**
     * @param code  snake_case machine code ({@code missing_field}, {@code invalid_field}, {@code too_large})
     * @param field proto3 JSON name of the offending field
     */
    public record Invalid(String code, String field, String message) implements Check {
    }

    public static Check check(String channel, String json) {
        if (channel == null || channel.isEmpty()) {
            return new Invalid("missing_field", "channel", "channel is required");
        }
        if (!Channels.isValid(channel)) {
            return new Invalid("invalid_field", "channel", "channel must be segments of [A-Za-z0-9_-] separated by ':'"
                    + ", at most " + Channels.MAX_LENGTH + " characters");
        }
        if (json == null || json.isEmpty()) {
            return new Invalid("missing_field", "jsonPayload", "jsonPayload is required");
        }
        // A char is at least one UTF-8 byte, so the cheap length test rules out most oversized texts.
        if (json.length() > MAX_JSON_BYTES || json.getBytes(StandardCharsets.UTF_8).length > MAX_JSON_BYTES) {
            return new Invalid("too_large", "jsonPayload", "jsonPayload exceeds " + MAX_JSON_BYTES + " bytes");
        }
        if (!isJsonObjectOrArray(json)) {
            return new Invalid("invalid_field", "jsonPayload", "jsonPayload must be a JSON object or array");
        }
        return new Valid(new Event(channel, json));
    }

    /** The frame subscribers receive: {@code {"channel":…,"data":…}} with the payload as published. */
    public String frame() {
        // A valid channel holds only [A-Za-z0-9_:-], so it needs no escaping.
        return "{\"channel\":\"" + channel + "\",\"data\":" + json + "}";
    }

    /** Strict syntax check without building a tree: one object or array, nothing after it. */
    private static boolean isJsonObjectOrArray(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonToken first = reader.peek();
            if (first != JsonToken.BEGIN_OBJECT && first != JsonToken.BEGIN_ARRAY) {
                return false;
            }
            reader.skipValue();
            return reader.peek() == JsonToken.END_DOCUMENT;
        } catch (IOException | RuntimeException malformed) {
            return false;
        }
    }
}
