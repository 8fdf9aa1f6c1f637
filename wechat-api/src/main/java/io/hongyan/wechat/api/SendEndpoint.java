package io.hongyan.wechat.api;

import java.util.Optional;

/**
 * The three WeChat send APIs Hongyan uses (PROTOCOL.md §5).
 *
 * <p>{@link #kind()} is the name used in {@code MessageRecord.kind} and in logs, so the
 * endpoint can be recovered from a stored record without keeping URL paths around.
 */
public enum SendEndpoint {
    /** Official Account template message. */
    TEMPLATE("/cgi-bin/message/template/send", "template"),
    /** Mini Program subscribe message. */
    SUBSCRIBE("/cgi-bin/message/subscribe/send", "subscribe"),
    /** Customer-service message (only inside the user's interaction window). */
    CUSTOMER_SERVICE("/cgi-bin/message/custom/send", "customer_service");

    private final String path;
    private final String kind;

    SendEndpoint(String path, String kind) {
        this.path = path;
        this.kind = kind;
    }

    /** The path below the API base URL, starting with {@code /}. */
    public String path() {
        return path;
    }

    /** The short name: {@code template}, {@code subscribe} or {@code customer_service}. */
    public String kind() {
        return kind;
    }

    /** The endpoint for a {@link #kind()} name, if it is one. */
    public static Optional<SendEndpoint> fromKind(String kind) {
        for (SendEndpoint e : values()) {
            if (e.kind.equals(kind)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
