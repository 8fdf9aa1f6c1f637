package io.hongyan.realtime;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A JDK WebSocket client that collects text frames; with {@code reading=false} it stops reading after the first frame. */
final class WsTestClient implements WebSocket.Listener, AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean reading;
    /** The close code the server sent, or -1 when the connection failed without one. */
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;
    volatile String closeReason;

    private WsTestClient(boolean reading) {
        this.reading = reading;
    }

    static WsTestClient connect(int port, String token) {
        return connect(port, token, true);
    }

    static WsTestClient connect(int port, String token, boolean reading) {
        WsTestClient client = new WsTestClient(reading);
        client.socket = open(port, token, client).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }

    static CompletableFuture<WebSocket> open(int port, String token, WebSocket.Listener listener) {
        String query = token == null ? "" : "?token=" + token;
        return HTTP.newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/ws" + query), listener);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    /** Lets a client that stopped reading take frames again. */
    void readAgain() {
        socket.request(Long.MAX_VALUE);
    }

    void send(String text) {
        socket.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    WebSocket socket() {
        return socket;
    }

    JsonObject next() throws InterruptedException {
        return next(WAIT);
    }

    JsonObject next(Duration wait) throws InterruptedException {
        String frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(frame, "no frame within " + wait);
        return JsonParser.parseString(frame).getAsJsonObject();
    }

    /** The next raw frame text, or null if none arrives in time. */
    String nextRaw(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    void subscribe(String channel) throws InterruptedException {
        send("{\"op\":\"subscribe\",\"channel\":\"" + channel + "\"}");
        JsonObject reply = next();
        assertEquals("subscribed", reply.get("op").getAsString(), reply.toString());
        assertEquals(channel, reply.get("channel").getAsString());
    }

    int awaitClosed() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
