package io.hongyan.token.redis;

/**
 * The Redis keys of one app's token state. All carry the hash tag {@code {appId}}, so they live
 * in one Redis Cluster slot and a Lua script may touch several of them.
 *
 * @param appId the WeChat app id
 */
public record TokenKeys(String appId) {

    /** Hash {@code token}, {@code issued_at}, {@code expires_at} (epoch ms); expires with the token. */
    public String token() {
        return prefix() + "token";
    }

    /** The refresh lock: a random owner id, SET NX PX lock-ttl. */
    public String lock() {
        return prefix() + "token-lock";
    }

    /** The token last invalidated while current; lives as long as that token would have. */
    public String refused() {
        return prefix() + "token-bad";
    }

    /** Present for 30 s after a stable_token force_refresh (WeChat allows one per 30 s). */
    public String forceGuard() {
        return prefix() + "token-force";
    }

    /** The last refresh failure, kept for hongyan.token.failure-hold. */
    public String failure() {
        return prefix() + "token-error";
    }

    private String prefix() {
        return "hy:{" + appId + "}:";
    }
}
