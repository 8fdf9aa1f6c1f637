package io.hongyan.simulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw HTTP against a simulator, for what the WeChat client does not cover (bad bodies, the control API). */
final class SimHttp implements AutoCloseable {

    record Reply(int status, String body) {
        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        int errcode() {
            return json().get("errcode").getAsInt();
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;

    SimHttp(URI base) {
        this.base = base;
    }

    Reply get(String pathAndQuery) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET());
    }

    Reply post(String pathAndQuery, String body) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply send(HttpRequest.Builder b) throws IOException {
        try {
            HttpResponse<String> r = client.send(b.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
