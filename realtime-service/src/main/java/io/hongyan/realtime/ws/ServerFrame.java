package io.hongyan.realtime.ws;

import com.google.gson.JsonObject;

/** A control frame the server sends; event frames come ready-made from {@link io.hongyan.realtime.Event#frame()}. */
sealed interface ServerFrame {

    String json();

    record Subscribed(String channel) implements ServerFrame {
        @Override
        public String json() {
            return op("subscribed", channel).toString();
        }
    }

    record Unsubscribed(String channel) implements ServerFrame {
        @Override
        public String json() {
            return op("unsubscribed", channel).toString();
        }
    }

    record Pong() implements ServerFrame {
        @Override
        public String json() {
            return "{\"op\":\"pong\"}";
        }
    }

    /**
     * @param code    unauthorized, forbidden, invalid_channel, bad_request or too_many_subscriptions
     * @param channel the channel the error is about, or null
     */
    record Error(String code, String message, String channel) implements ServerFrame {
        @Override
        public String json() {
            JsonObject frame = new JsonObject();
            frame.addProperty("op", "error");
            frame.addProperty("code", code);
            frame.addProperty("message", message);
            if (channel != null) {
                frame.addProperty("channel", channel);
            }
            return frame.toString();
        }
    }

    private static JsonObject op(String op, String channel) {
        JsonObject frame = new JsonObject();
        frame.addProperty("op", op);
        frame.addProperty("channel", channel);
        return frame;
    }
}
