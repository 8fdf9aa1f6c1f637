package io.hongyan.ingress;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Config and HTTP plumbing shared by ingress's tests. */
final class IngressFixture {
    static final String APP = "wx00000000000000a1";
    static final String OTHER_APP = "wx00000000000000b2";
    /** PROTOCOL.md §1's official example token. */
    static final String CALLBACK_TOKEN = "AAAAA";
    static final String ALL_APPS_KEY = "test-key-for-all-apps";
    static final String APP_ONLY_KEY = "test-key-for-app-a1-only";
    static final String TOKEN_SECRET = "test-realtime-token-secret-0123456789abcdef";
    static final String PUBLIC_URL = "ws://realtime.test/v1/ws";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private IngressFixture() {
    }

    /** A complete ingress config on a free port; override or remove entries per test. */
    static Map<String, String> settings(String natsUrl, String dispatchTarget) {
        Map<String, String> settings = new HashMap<>();
        settings.put("server.port", "0");
        settings.put("nats.url", natsUrl);
        settings.put("hongyan.apps.0.id", APP);
        settings.put("hongyan.apps.0.callback-token", CALLBACK_TOKEN);
        settings.put("hongyan.apps.1.id", OTHER_APP);
        settings.put("hongyan.apps.1.callback-token", "other-callback-token");
        settings.put("hongyan.api-keys.0.key", ALL_APPS_KEY);
        settings.put("hongyan.api-keys.0.name", "all");
        settings.put("hongyan.api-keys.0.apps.0", "*");
        settings.put("hongyan.api-keys.1.key", APP_ONLY_KEY);
        settings.put("hongyan.api-keys.1.name", "a1-only");
        settings.put("hongyan.api-keys.1.apps.0", APP);
        settings.put("hongyan.realtime.token-secret", TOKEN_SECRET);
        settings.put("hongyan.realtime.public-url", PUBLIC_URL);
        settings.put("hongyan.services.dispatch", dispatchTarget);
        return settings;
    }

    static Config config(Map<String, String> settings) {
        return Config.just(ConfigSources.create(settings));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.Builder request(int port, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
    }

    static HttpRequest.Builder postJson(int port, String path, String apiKey, String json) {
        HttpRequest.Builder request = request(port, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return apiKey == null ? request : request.header("Authorization", "Bearer " + apiKey);
    }

    static JsonObject json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    /** The {"error":{…}} object of a response, checking the shape every rejection shares. */
    static JsonObject error(HttpResponse<String> response) {
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            throw new AssertionError("error without JSON content type: " + response.headers().map() + " " + response.body());
        }
        JsonObject root = json(response);
        if (root.size() != 1 || !root.has("error")) {
            throw new AssertionError("not the error shape: " + response.body());
        }
        JsonObject error = root.getAsJsonObject("error");
        if (!error.has("code") || !error.has("message")) {
            throw new AssertionError("error lacks code or message: " + response.body());
        }
        return error;
    }
}
