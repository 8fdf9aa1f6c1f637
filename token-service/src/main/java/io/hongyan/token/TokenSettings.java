package io.hongyan.token;

import io.helidon.config.Config;

import java.time.Duration;

/**
 * The {@code hongyan.token.*} settings (durations in ISO-8601, e.g. {@code PT5M}); defaults and
 * meaning in application.yaml.
 */
public record TokenSettings(
        Duration refreshMargin,
        Duration lockTtl,
        Duration waitTimeout,
        Duration failureHold,
        Duration wechatTimeout,
        boolean proactiveRefresh,
        Duration refreshInterval) {

    /** WeChat allows one stable_token force_refresh per 30 s per app. */
    public static final Duration FORCE_REFRESH_SPACING = Duration.ofSeconds(30);

    public TokenSettings {
        requirePositive(lockTtl, "lock-ttl");
        requirePositive(waitTimeout, "wait-timeout");
        requirePositive(failureHold, "failure-hold");
        requirePositive(wechatTimeout, "wechat-timeout");
        requirePositive(refreshInterval, "refresh-interval");
        if (refreshMargin.isNegative()) {
            throw new IllegalArgumentException("hongyan.token.refresh-margin must not be negative");
        }
        // A refresh may make two WeChat calls (stable_token, then force_refresh); the lock must
        // outlive both, or a second replica could start refreshing while the first still is.
        if (lockTtl.compareTo(wechatTimeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("hongyan.token.lock-ttl must be at least twice hongyan.token.wechat-timeout");
        }
    }

    public static TokenSettings from(Config token) {
        return new TokenSettings(
                duration(token, "refresh-margin", Duration.ofSeconds(300)),
                duration(token, "lock-ttl", Duration.ofSeconds(10)),
                duration(token, "wait-timeout", Duration.ofSeconds(5)),
                duration(token, "failure-hold", Duration.ofSeconds(2)),
                duration(token, "wechat-timeout", Duration.ofSeconds(4)),
                token.get("proactive-refresh").asBoolean().orElse(true),
                duration(token, "refresh-interval", Duration.ofSeconds(60)));
    }

    private static Duration duration(Config token, String key, Duration fallback) {
        return token.get(key).as(Duration.class).orElse(fallback);
    }

    private static void requirePositive(Duration value, String key) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("hongyan.token." + key + " must be positive");
        }
    }
}
