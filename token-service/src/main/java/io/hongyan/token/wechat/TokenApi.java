package io.hongyan.token.wechat;

import io.helidon.config.Config;

import java.util.Locale;

/** Which of WeChat's two token APIs an app uses (PROTOCOL.md §4). */
public enum TokenApi {
    /** {@code POST /cgi-bin/stable_token}: same token while valid, force_refresh on demand. WeChat's recommendation. */
    STABLE,
    /** {@code GET /cgi-bin/token}: a new token on every call; the previous one lives 5 more minutes. */
    PLAIN;

    /** Reads {@code stable} or {@code plain} from {@code node}; {@code fallback} when it is absent. */
    static TokenApi from(Config node, TokenApi fallback) {
        return node.asString().map(value -> switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "stable" -> STABLE;
            case "plain" -> PLAIN;
            default -> throw new IllegalArgumentException(node.key() + " must be 'stable' or 'plain'");
        }).orElse(fallback);
    }
}
