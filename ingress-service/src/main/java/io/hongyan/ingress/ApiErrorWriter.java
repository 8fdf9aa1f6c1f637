package io.hongyan.ingress;

import com.google.gson.JsonObject;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes every rejection the same way, {@code {"error":{"code","message","field"}}} as
 * application/json, and counts it in {@code hongyan_ingress_rejections{code}}.
 */
public final class ApiErrorWriter {
    private static final Logger LOG = Logger.getLogger(ApiErrorWriter.class.getName());

    /** Routes the exceptions of ingress's handlers to JSON errors; unexpected ones become a bare 500. */
    public void registerOn(HttpRouting.Builder routing) {
        routing.error(ApiException.class, (request, response, e) -> write(response, e.error()));
        routing.error(RuntimeException.class, (request, response, e) -> {
            if (e instanceof HttpException http) {
                // Helidon's own refusals (e.g. an unreadable entity) keep their status, in our shape.
                write(response, ApiError.of(http.status(), codeOf(http.status()), http.status().reasonPhrase()));
                return;
            }
            LOG.log(Level.WARNING, "unexpected failure on " + request.prologue().method().text() + " "
                    + request.path().path(), e);
            write(response, ApiError.of(Status.INTERNAL_SERVER_ERROR_500, "internal", "internal error"));
        });
    }

    public void write(ServerResponse response, ApiError error) {
        rejections(error.code()).increment();
        JsonObject body = new JsonObject();
        body.addProperty("code", error.code());
        body.addProperty("message", error.message());
        error.field().ifPresent(field -> body.addProperty("field", field));
        JsonObject envelope = new JsonObject();
        envelope.add("error", body);
        response.status(error.status());
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        if (error.status().code() == Status.UNAUTHORIZED_401.code()) {
            response.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        error.retryAfter().ifPresent(delay -> response.header(HeaderNames.RETRY_AFTER,
                Long.toString(Math.max(1, delay.toSeconds()))));
        response.send(envelope.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Counter rejections(String code) {
        return Metrics.globalRegistry().getOrCreate(Counter.builder("hongyan_ingress_rejections")
                .description("Requests ingress rejected, by error code")
                .tags(List.of(Tag.create("code", code))));
    }

    private static String codeOf(Status status) {
        return status.reasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '_');
    }
}
