package io.hongyan.realtime.ws;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.websocket.WsRouting;
import io.hongyan.realtime.RealtimeMetrics;

/**
 * {@code /v1/ws?token=…}: the WebSocket endpoint, plus the plain-HTTP answer for requests that do
 * not become a WebSocket. Helidon hands a request whose upgrade the listener refused (no valid token)
 * to HTTP routing, so a bad token gets a real {@code 401} instead of a handshake.
 */
public final class WsEndpoint {
    public static final String PATH = "/v1/ws";

    private final Sessions sessions;
    private final RealtimeMetrics metrics;

    public WsEndpoint(Sessions sessions, RealtimeMetrics metrics) {
        this.sessions = sessions;
        this.metrics = metrics;
    }

    public WsRouting.Builder routing() {
        return WsRouting.builder().endpoint(PATH, sessions::newSession);
    }

    /** Adds the HTTP route that answers refused upgrades and plain GETs. */
    public void httpRoutes(HttpRouting.Builder routes) {
        routes.get(PATH, this::notUpgraded);
    }

    private void notUpgraded(ServerRequest request, ServerResponse response) {
        boolean authorized = request.query().first("token").asOptional().flatMap(sessions.tokens()::verify).isPresent();
        if (!authorized) {
            metrics.rejected("unauthorized");
            error(response, Status.UNAUTHORIZED_401, "unauthorized", "a valid subscriber token is required (?token=...)");
        } else {
            if (request.prologue().protocolVersion().equals("1.1")) {
                response.header(HeaderNames.UPGRADE, "websocket"); // a connection header, prohibited in HTTP/2
            }
            error(response, Status.UPGRADE_REQUIRED_426, "upgrade_required", "open this URL as a WebSocket");
        }
    }

    private static void error(ServerResponse response, Status status, String code, String message) {
        // code and message are constants here, so they need no JSON escaping
        response.status(status)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .send("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }
}
