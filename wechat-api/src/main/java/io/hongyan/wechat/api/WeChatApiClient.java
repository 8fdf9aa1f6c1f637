package io.hongyan.wechat.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Blocking client for WeChat's token and send APIs; one per process.
 *
 * <p>Built on the JDK {@link HttpClient} with HTTP/1.1 and its keep-alive connection pool
 * (WeChat's API is HTTP/1.1; the pool is unbounded unless {@code -Djdk.httpclient.connectionPoolSize}
 * is set, and the caller's worker pool is what bounds concurrency). Methods block; call them on
 * virtual threads. They never throw for a remote failure: every outcome is a value of a sealed
 * result type, so callers can classify it with {@link ErrorClass}.
 *
 * <p>App secrets and access tokens never appear in results, exceptions or logs.
 *
 * <p>The JDK client does not retry POSTs on a broken connection, which matters here: a silent
 * retry of a send could deliver a message twice.
 */
public final class WeChatApiClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WeChatApiClient.class.getName());

    /** WeChat's replies are a few hundred bytes; anything far bigger is not WeChat. */
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final HttpClient http;
    private final ExecutorService executor;
    private final Duration requestTimeout;
    private final RequestDecorator decorator;

    private WeChatApiClient(Builder b) {
        this.requestTimeout = b.requestTimeout;
        this.decorator = b.decorator;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /** A client with default timeouts (connect 2 s, request 5 s) and no decorator. */
    public static WeChatApiClient create() {
        return builder().build();
    }

    /** A builder for a client. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Get (or, with {@code forceRefresh}, renew) the app's stable token:
     * {@code POST {base}/cgi-bin/stable_token}. WeChat returns the same token while it is valid.
     */
    public TokenResult stableToken(URI baseUrl, String appId, String secret, boolean forceRefresh) {
        JsonObject body = new JsonObject();
        body.addProperty("grant_type", "client_credential");
        body.addProperty("appid", appId);
        body.addProperty("secret", secret);
        body.addProperty("force_refresh", forceRefresh);
        HttpRequest.Builder req = request(resolve(baseUrl, "/cgi-bin/stable_token"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        return tokenCall(req, secret);
    }

    /**
     * Get a new token: {@code GET {base}/cgi-bin/token?grant_type=client_credential&appid=&secret=}.
     * Each call issues a new token; the previous one keeps working for about 5 minutes.
     */
    public TokenResult token(URI baseUrl, String appId, String secret) {
        String query = "?grant_type=client_credential&appid=" + encode(appId) + "&secret=" + encode(secret);
        HttpRequest.Builder req = request(resolve(baseUrl, "/cgi-bin/token" + query)).GET();
        return tokenCall(req, secret);
    }

    /**
     * Send one message: {@code POST {base}{endpoint.path}?access_token=…} with the given JSON body
     * (see {@code io.hongyan.wechat.message.WeChatMessageBodies}).
     */
    public SendResult send(URI baseUrl, SendEndpoint endpoint, String accessToken, String jsonBody) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(jsonBody, "jsonBody");
        URI uri = resolve(baseUrl, endpoint.path() + "?access_token=" + encode(accessToken));
        HttpRequest.Builder req = request(uri)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        Reply reply = exchange(req, accessToken);
        return switch (reply) {
            case Reply.NoReply n -> new SendResult.Failed(n.reason(), 0);
            case Reply.Body b when b.status() != 200 -> new SendResult.Failed("HTTP " + b.status(), b.status());
            case Reply.Body b -> parseSend(b.json());
        };
    }

    /** Closes the connection pool. */
    @Override
    public void close() {
        http.close();
        executor.close();
    }

    private TokenResult tokenCall(HttpRequest.Builder req, String secret) {
        Reply reply = exchange(req, secret);
        return switch (reply) {
            case Reply.NoReply n -> new TokenResult.Unreachable(n.reason());
            case Reply.Body b when b.status() != 200 -> new TokenResult.Unreachable("HTTP " + b.status());
            case Reply.Body b -> parseToken(b.json());
        };
    }

    private static TokenResult parseToken(String text) {
        JsonObject json = parseObject(text);
        if (json == null) {
            return new TokenResult.Unreachable("unparseable body");
        }
        try {
            int errcode = json.has("errcode") ? json.get("errcode").getAsInt() : 0;
            if (errcode != 0) {
                return new TokenResult.Refused(errcode, string(json, "errmsg"));
            }
            JsonElement token = json.get("access_token");
            JsonElement expires = json.get("expires_in");
            if (token == null || !token.isJsonPrimitive() || token.getAsString().isEmpty() || expires == null) {
                return new TokenResult.Unreachable("unparseable body: no access_token/expires_in");
            }
            return new TokenResult.Issued(token.getAsString(), expires.getAsLong());
        } catch (RuntimeException e) {
            // Wrong types (e.g. "errcode":"x"); the body is not one we understand.
            return new TokenResult.Unreachable("unparseable body");
        }
    }

    private static SendResult parseSend(String text) {
        JsonObject json = parseObject(text);
        if (json == null || !json.has("errcode")) {
            return new SendResult.Failed("unparseable body", 200);
        }
        try {
            int errcode = json.get("errcode").getAsInt();
            if (errcode != 0) {
                return new SendResult.Refused(errcode, string(json, "errmsg"));
            }
            JsonElement msgid = json.get("msgid");
            return new SendResult.Sent(msgid == null || msgid.isJsonNull() ? 0L : msgid.getAsLong());
        } catch (RuntimeException e) {
            return new SendResult.Failed("unparseable body", 200);
        }
    }

    private static JsonObject parseObject(String text) {
        try {
            JsonElement e = JsonParser.parseString(text);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static String string(JsonObject json, String key) {
        JsonElement e = json.get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout);
        try {
            decorator.decorate(b::header);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "request decorator failed; sending without its headers", e);
        }
        return b;
    }

    /** One HTTP exchange, reduced to "a body with a status" or "no reply, because …". */
    private Reply exchange(HttpRequest.Builder req, String secret) {
        try {
            HttpResponse<InputStream> response = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
                if (bytes.length > MAX_RESPONSE_BYTES) {
                    return new Reply.NoReply("response larger than " + MAX_RESPONSE_BYTES + " bytes");
                }
                return new Reply.Body(response.statusCode(), new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (HttpConnectTimeoutException e) {
            return new Reply.NoReply("connect timeout");
        } catch (HttpTimeoutException e) {
            return new Reply.NoReply("timeout after " + requestTimeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return new Reply.NoReply(describe("connect failed", e, secret));
        } catch (IOException e) {
            return new Reply.NoReply(describe("I/O error", e, secret));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply.NoReply("interrupted");
        } catch (IllegalArgumentException e) {
            // A malformed header from the decorator or similar; nothing was sent.
            return new Reply.NoReply(describe("bad request", e, secret));
        }
    }

    /** Exception text may echo the URL (which holds the secret or token): scrub it. */
    private static String describe(String what, Exception e, String secret) {
        String msg = e.getMessage();
        String detail = e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
        return what + ": " + Secrets.scrub(detail, secret, encode(secret));
    }

    private static String encode(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** {@code base} may end with or without {@code /} and may carry a path prefix (a proxy). */
    static URI resolve(URI base, String pathAndQuery) {
        Objects.requireNonNull(base, "baseUrl");
        String b = base.toString();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return URI.create(b + pathAndQuery);
    }

    private sealed interface Reply {
        record Body(int status, String json) implements Reply {
        }

        record NoReply(String reason) implements Reply {
        }
    }

    /** Builder for {@link WeChatApiClient}. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private RequestDecorator decorator = RequestDecorator.NONE;

        private Builder() {
        }

        /** TCP connect timeout; default 2 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Time allowed for each whole request until the response headers arrive; default 5 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** Hook that adds headers (e.g. {@code traceparent}) to every request. */
        public Builder requestDecorator(RequestDecorator decorator) {
            this.decorator = Objects.requireNonNull(decorator, "decorator");
            return this;
        }

        /** The client. */
        public WeChatApiClient build() {
            return new WeChatApiClient(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
