package io.hongyan.system;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The REST calls a client makes, returning status and parsed JSON. */
final class Rest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    Rest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply post(String path, String apiKey, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        headers.forEach(request::header);
        return Reply.of(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    Reply get(String path, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return Reply.of(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** A subscriber token for the given channels, through ingress. */
    String realtimeToken(String apiKey, String... channels) throws Exception {
        Reply reply = post("/v1/realtime/tokens", apiKey,
                "{\"channels\":" + new com.google.gson.Gson().toJson(channels) + ",\"ttlSeconds\":300}", Map.of());
        if (reply.status() != 201) {
            throw new AssertionError("token request answered " + reply.status() + " " + reply.body());
        }
        return reply.json().get("token").getAsString();
    }

    record Reply(int status, String body, HttpResponse<String> response) {
        static Reply of(HttpResponse<String> response) {
            return new Reply(response.statusCode(), response.body(), response);
        }

        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        JsonObject error() {
            return json().getAsJsonObject("error");
        }
    }
}
