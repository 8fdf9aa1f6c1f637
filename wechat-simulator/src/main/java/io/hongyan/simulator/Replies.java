package io.hongyan.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;

/** Writing replies the way WeChat does, and reading request bodies. */
final class Replies {

    private Replies() {
    }

    /** WeChat answers HTTP 200 with an errcode body even for errors. */
    static void error(ServerResponse res, int errcode, String errmsg) {
        JsonObject o = new JsonObject();
        o.addProperty("errcode", errcode);
        o.addProperty("errmsg", errmsg);
        json(res, Status.OK_200, o);
    }

    static void json(ServerResponse res, Status status, JsonElement body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        res.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Our own control API's error shape: {@code {"error":{"code","message","field"}}}. */
    static void controlError(ServerResponse res, Status status, String code, String message, String field) {
        JsonObject err = new JsonObject();
        err.addProperty("code", code);
        err.addProperty("message", message);
        if (field != null) {
            err.addProperty("field", field);
        }
        JsonObject o = new JsonObject();
        o.add("error", err);
        json(res, status, o);
    }

    static String body(ServerRequest req) {
        return req.content().hasEntity() ? req.content().as(String.class) : "";
    }

    /**
     * Close the TCP connection without writing a byte of response. Helidon's routing rethrows
     * {@link CloseConnectionException} instead of turning it into a 500, and the connection handler
     * then closes the socket; the client sees its request fail with an I/O error.
     */
    static RuntimeException dropConnection(String why) {
        return new CloseConnectionException("simulated fault: " + why);
    }
}
