package io.hongyan.system;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client that collects the JSON text frames it receives, for assertions in order. */
final class WebSocketFrames implements WebSocket.Listener, AutoCloseable {
    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    private WebSocketFrames(String url) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), this)
                .join();
    }

    static WebSocketFrames connect(String url) {
        return new WebSocketFrames(url);
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The next frame, failing the test if none comes in time. */
    JsonObject next(Duration timeout) throws InterruptedException {
        JsonObject frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no WebSocket frame within " + timeout);
        }
        return frame;
    }

    /** Subscribes and waits for the server's confirmation. */
    void subscribe(String channel) throws InterruptedException {
        send("{\"op\":\"subscribe\",\"channel\":\"" + channel + "\"}");
        JsonObject reply = next(Duration.ofSeconds(5));
        if (!"subscribed".equals(reply.has("op") ? reply.get("op").getAsString() : null)) {
            throw new AssertionError("subscription to " + channel + " answered " + reply);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(JsonParser.parseString(partial.toString()).getAsJsonObject());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
        socket.abort();
    }
}
