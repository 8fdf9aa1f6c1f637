package io.hongyan.wechat.api;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client against a scripted JDK HTTP server (so every branch, HTTP 500 included, is reachable)
 * and a raw socket that closes connections without answering.
 */
class WeChatApiClientTest {

    private static final String SECRET = "s3cr+t&x";
    private static final String TOKEN = "TOKEN-" + "x".repeat(130);

    private static HttpServer server;
    private static URI base;
    private static ServerSocket dropper;
    private static Thread dropperThread;
    private static WeChatApiClient client;
    private static final AtomicReference<String> lastBody = new AtomicReference<>();
    private static final AtomicReference<String> lastTraceparent = new AtomicReference<>();
    private static final AtomicReference<String> lastContentType = new AtomicReference<>();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/cgi-bin/token", ex -> {
            Map<String, String> q = query(ex);
            switch (q.get("appid")) {
                case "wx-good" -> reply(ex, 200, q.get("secret").equals(SECRET) && q.get("grant_type").equals("client_credential")
                        ? "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}"
                        : "{\"errcode\":40125,\"errmsg\":\"invalid appsecret\"}");
                case "wx-html" -> reply(ex, 200, "<html>busy</html>");
                case "wx-503" -> reply(ex, 503, "");
                default -> reply(ex, 200, "{\"errcode\":40013,\"errmsg\":\"invalid appid\"}");
            }
        });
        server.createContext("/prefix/cgi-bin/stable_token", ex -> {
            lastBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastContentType.set(ex.getRequestHeaders().getFirst("Content-Type"));
            reply(ex, 200, "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":6000}");
        });
        for (String path : new String[] {"/cgi-bin/message/template/send", "/cgi-bin/message/custom/send"}) {
            server.createContext(path, ex -> {
                lastBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                lastTraceparent.set(ex.getRequestHeaders().getFirst("traceparent"));
                String token = query(ex).get("access_token");
                switch (token) {
                    case "ok" -> reply(ex, 200, ex.getRequestURI().getPath().contains("custom")
                            ? "{\"errcode\":0,\"errmsg\":\"ok\"}"
                            : "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":9007199254740993}");
                    case "expired" -> reply(ex, 200, "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");
                    case "boom" -> reply(ex, 500, "{\"oops\":1}");
                    case "garbage" -> reply(ex, 200, "not json");
                    case "slow" -> {
                        sleep(3000);
                        reply(ex, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":1}");
                    }
                    default -> reply(ex, 200, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
                }
            });
        }
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

        // Accepts connections, reads the request, then closes without a byte of reply.
        dropper = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        dropperThread = Thread.ofVirtual().start(() -> {
            while (!dropper.isClosed()) {
                try (Socket s = dropper.accept()) {
                    s.getInputStream().read(new byte[8192]);
                } catch (IOException e) {
                    // closed
                }
            }
        });
        client = WeChatApiClient.builder()
                .requestTimeout(Duration.ofMillis(500))
                .requestDecorator(h -> h.accept("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .build();
    }

    @AfterAll
    static void stop() throws IOException {
        client.close();
        server.stop(0);
        dropper.close();
    }

    @Test
    void tokenIssued() {
        TokenResult r = client.token(base, "wx-good", SECRET);
        TokenResult.Issued issued = assertInstanceOf(TokenResult.Issued.class, r);
        assertEquals(TOKEN, issued.accessToken());
        assertEquals(7200, issued.expiresInSeconds());
        assertFalse(issued.toString().contains(TOKEN), "token must be masked in toString");
        assertTrue(issued.toString().contains("sha256:"));
    }

    @Test
    void tokenRefused() {
        assertEquals(new TokenResult.Refused(40013, "invalid appid"), client.token(base, "wx-nope", SECRET));
        assertEquals(new TokenResult.Refused(40125, "invalid appsecret"), client.token(base, "wx-good", "wrong"));
    }

    @Test
    void tokenUnreachable() throws IOException {
        assertEquals(new TokenResult.Unreachable("HTTP 503"), client.token(base, "wx-503", SECRET));
        assertEquals(new TokenResult.Unreachable("unparseable body"), client.token(base, "wx-html", SECRET));
        URI closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        TokenResult r = client.token(closed, "wx-good", SECRET);
        TokenResult.Unreachable u = assertInstanceOf(TokenResult.Unreachable.class, r);
        assertFalse(u.reason().contains(SECRET), u.reason());
        TokenResult dropped = client.stableToken(URI.create("http://127.0.0.1:" + dropper.getLocalPort()), "wx-good", SECRET, false);
        assertInstanceOf(TokenResult.Unreachable.class, dropped);
        assertFalse(dropped.toString().contains(SECRET));
    }

    @Test
    void stableTokenPostsJsonAndHonoursPathPrefix() {
        TokenResult r = client.stableToken(URI.create(base + "/prefix/"), "wx-good", SECRET, true);
        assertEquals(6000, assertInstanceOf(TokenResult.Issued.class, r).expiresInSeconds());
        JsonObject body = JsonParser.parseString(lastBody.get()).getAsJsonObject();
        assertEquals("client_credential", body.get("grant_type").getAsString());
        assertEquals("wx-good", body.get("appid").getAsString());
        assertEquals(SECRET, body.get("secret").getAsString());
        assertTrue(body.get("force_refresh").getAsBoolean());
        assertTrue(lastContentType.get().startsWith("application/json"));
    }

    @Test
    void sendSentAndTraceparentAdded() {
        SendResult r = client.send(base, SendEndpoint.TEMPLATE, "ok", "{\"touser\":\"o\"}");
        assertEquals(new SendResult.Sent(9007199254740993L), r, "int64 msgid kept exactly");
        assertEquals("{\"touser\":\"o\"}", lastBody.get());
        assertEquals("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", lastTraceparent.get());
        assertEquals(new SendResult.Sent(0), client.send(base, SendEndpoint.CUSTOMER_SERVICE, "ok", "{}"),
                "custom send replies without msgid");
    }

    @Test
    void sendRefused() {
        assertEquals(new SendResult.Refused(42001, "access_token expired"),
                client.send(base, SendEndpoint.TEMPLATE, "expired", "{}"));
        assertEquals(new SendResult.Refused(40001, "invalid credential"),
                client.send(base, SendEndpoint.TEMPLATE, "other", "{}"));
    }

    @Test
    void sendFailed() {
        assertEquals(new SendResult.Failed("HTTP 500", 500), client.send(base, SendEndpoint.TEMPLATE, "boom", "{}"));
        assertEquals(new SendResult.Failed("unparseable body", 200), client.send(base, SendEndpoint.TEMPLATE, "garbage", "{}"));

        long t0 = System.nanoTime();
        SendResult slow = client.send(base, SendEndpoint.TEMPLATE, "slow", "{}");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        SendResult.Failed f = assertInstanceOf(SendResult.Failed.class, slow);
        assertTrue(f.reason().startsWith("timeout"), f.reason());
        assertEquals(0, f.httpStatus());
        assertTrue(ms < 2500, "timed out after " + ms + " ms");

        SendResult closed = client.send(URI.create("http://127.0.0.1:" + dropper.getLocalPort()),
                SendEndpoint.TEMPLATE, "secret-token-value", "{}");
        SendResult.Failed c = assertInstanceOf(SendResult.Failed.class, closed);
        assertEquals(0, c.httpStatus());
        assertTrue(c.reason().startsWith("I/O error"), c.reason());
        assertFalse(c.reason().contains("secret-token-value"));
        assertEquals(ErrorClass.TRANSIENT, ErrorClass.of(closed));
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int i = kv.indexOf('=');
                q.put(URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; encoding=utf-8");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
