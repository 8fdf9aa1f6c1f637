package io.hongyan.platform.redis;

import io.helidon.config.Config;
import redis.clients.jedis.RedisClient;

import java.net.URI;

/** Opens the pooled Redis client every service shares for its process. */
public final class RedisConnector {
    private RedisConnector() {
    }

    /** Reads {@code redis.uri} (default {@code redis://127.0.0.1:6379}). */
    public static RedisClient connect(Config redisConfig) {
        return RedisClient.create(URI.create(redisConfig.get("uri").asString().orElse("redis://127.0.0.1:6379")));
    }
}
