package io.hongyan.realtime.ws;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.hongyan.platform.realtime.Channels;

import java.io.IOException;
import java.io.StringReader;

/** One client text frame: {@code {"op":"subscribe"|"unsubscribe","channel":…}} or {@code {"op":"ping"}}. */
sealed interface ClientCommand {

    record Subscribe(String channel) implements ClientCommand {
    }

    record Unsubscribe(String channel) implements ClientCommand {
    }

    record Ping() implements ClientCommand {
    }

    /** A frame that is not a command; answered with an error frame, the connection stays. */
    record Rejected(ServerFrame.Error error) implements ClientCommand {
    }

    static ClientCommand parse(String text) {
        JsonObject frame;
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT || !element.isJsonObject()) {
                return badRequest("a frame must be one JSON object");
            }
            frame = element.getAsJsonObject();
        } catch (IOException | RuntimeException malformed) {
            return badRequest("a frame must be one JSON object");
        }
        String op = string(frame, "op");
        if (op == null) {
            return badRequest("\"op\" must be a string: subscribe, unsubscribe or ping");
        }
        return switch (op) {
            case "ping" -> new Ping();
            case "subscribe", "unsubscribe" -> withChannel(op, frame);
            default -> badRequest("unknown op; use subscribe, unsubscribe or ping");
        };
    }

    private static ClientCommand withChannel(String op, JsonObject frame) {
        String channel = string(frame, "channel");
        if (channel == null) {
            return badRequest("\"channel\" must be a string");
        }
        if (!Channels.isValid(channel)) {
            return new Rejected(new ServerFrame.Error("invalid_channel",
                    "a channel is segments of [A-Za-z0-9_-] separated by ':', at most " + Channels.MAX_LENGTH + " characters",
                    channel.length() <= Channels.MAX_LENGTH ? channel : null));
        }
        return op.equals("subscribe") ? new Subscribe(channel) : new Unsubscribe(channel);
    }

    private static String string(JsonObject frame, String member) {
        JsonElement value = frame.get(member);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() ? value.getAsString() : null;
    }

    private static Rejected badRequest(String message) {
        return new Rejected(new ServerFrame.Error("bad_request", message, null));
    }
}
