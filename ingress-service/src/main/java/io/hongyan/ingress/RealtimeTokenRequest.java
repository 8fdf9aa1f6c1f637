package io.hongyan.ingress;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.helidon.http.Status;
import io.hongyan.platform.realtime.Channels;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code {"channels":[…], "ttlSeconds": 3600}}: which realtime channels a token should allow
 * and for how long. Each channel is a valid channel name or a prefix ending in {@code :*}.
 */
public record RealtimeTokenRequest(List<String> channels, long ttlSeconds) {
    public static final int MAX_CHANNELS = 50;
    public static final long DEFAULT_TTL_SECONDS = 3600;
    public static final long MAX_TTL_SECONDS = 86_400;
    private static final Set<String> FIELDS = Set.of("channels", "ttlSeconds");

    public RealtimeTokenRequest {
        channels = List.copyOf(channels);
    }

    public static RealtimeTokenRequest parse(JsonObject body) {
        for (String name : body.keySet()) {
            if (!FIELDS.contains(name)) {
                throw ApiError.of(Status.BAD_REQUEST_400, "invalid_json", "unknown field " + name
                        + "; expected channels and ttlSeconds").asException();
            }
        }
        return new RealtimeTokenRequest(channels(body.get("channels")), ttl(body.get("ttlSeconds")));
    }

    /** Whether {@code channel} is a channel name or a prefix pattern such as {@code app:wx1:*}. */
    public static boolean isChannelOrPattern(String channel) {
        if (channel != null && channel.endsWith(":*")) {
            return Channels.isValid(channel.substring(0, channel.length() - 2));
        }
        return Channels.isValid(channel);
    }

    private static List<String> channels(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            throw invalid("missing_field", "channels is required: the channels the token may read");
        }
        if (!value.isJsonArray() || value.getAsJsonArray().isEmpty()) {
            throw invalid("invalid_field", "channels must be a non-empty array of channel names");
        }
        if (value.getAsJsonArray().size() > MAX_CHANNELS) {
            throw invalid("invalid_field", "at most " + MAX_CHANNELS + " channels per token");
        }
        Set<String> channels = new LinkedHashSet<>();
        int index = 0;
        for (JsonElement item : value.getAsJsonArray()) {
            if (!(item instanceof JsonPrimitive primitive) || !primitive.isString()
                    || !isChannelOrPattern(primitive.getAsString())) {
                throw invalid("invalid_field", "channels[" + index + "] is not a channel name (segments of"
                        + " [A-Za-z0-9_-] joined by ':', at most " + Channels.MAX_LENGTH
                        + " characters, optionally ending in ':*')");
            }
            channels.add(primitive.getAsString());
            index++;
        }
        return new ArrayList<>(channels);
    }

    private static long ttl(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return DEFAULT_TTL_SECONDS;
        }
        long ttl;
        try {
            // Like proto3 JSON, a number or a numeric string.
            BigDecimal number = value.getAsJsonPrimitive().getAsBigDecimal();
            ttl = number.longValueExact();
        } catch (RuntimeException notAnInteger) {
            throw ApiError.ofField(Status.BAD_REQUEST_400, "invalid_field", "ttlSeconds must be a whole number of seconds",
                    "ttlSeconds").asException();
        }
        if (ttl < 1 || ttl > MAX_TTL_SECONDS) {
            throw ApiError.ofField(Status.BAD_REQUEST_400, "invalid_field",
                    "ttlSeconds must be between 1 and " + MAX_TTL_SECONDS, "ttlSeconds").asException();
        }
        return ttl;
    }

    private static ApiException invalid(String code, String message) {
        return ApiError.ofField(Status.BAD_REQUEST_400, code, message, "channels").asException();
    }
}
