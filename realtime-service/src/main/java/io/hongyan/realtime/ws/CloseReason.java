package io.hongyan.realtime.ws;

/** Why the server closes a connection, with the WebSocket close code it sends. */
enum CloseReason {
    SLOW_CONSUMER(1013, "slow consumer: outbound queue full"),
    HEARTBEAT_TIMEOUT(1001, "no heartbeat from the client"),
    TOKEN_EXPIRED(1008, "subscriber token expired"),
    MESSAGE_TOO_BIG(1009, "message too big"),
    SHUTDOWN(1001, "server shutting down");

    private final int code;
    private final String text;

    CloseReason(int code, String text) {
        this.code = code;
        this.text = text;
    }

    int code() {
        return code;
    }

    String text() {
        return text;
    }
}
