package io.hongyan.platform.redis;

import io.helidon.config.Config;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.time.Duration;

/**
 * Opens the pooled Redis client every service shares for its process.
 *
 * <p>The pool wait must be bounded: with commons-pool2's default of "wait forever",
 * {@code GenericObjectPool.create()} (2.12.1) busy-spins while other threads open the pool's
 * last connections. On virtual threads the spinners take every carrier, the threads opening
 * connections never read Redis's reply, and the service livelocks for tens of seconds (seen
 * with 50 concurrent token requests on 2 cores). A positive max-wait makes them really wait.
 */
public final class RedisConnector {
    private RedisConnector() {
    }

    /**
     * Reads {@code redis.uri} (default {@code redis://127.0.0.1:6379}), {@code redis.pool.max-total}
     * (default 32) and {@code redis.pool.max-wait} (default PT2S).
     */
    public static RedisClient connect(Config redisConfig) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        int maxTotal = redisConfig.get("pool.max-total").asInt().orElse(32);
        pool.setMaxTotal(maxTotal);
        pool.setMaxIdle(maxTotal);
        pool.setMaxWait(redisConfig.get("pool.max-wait").as(Duration.class).orElse(Duration.ofSeconds(2)));
        return RedisClient.builder()
                .fromURI(URI.create(redisConfig.get("uri").asString().orElse("redis://127.0.0.1:6379")))
                .poolConfig(pool)
                .build();
    }
}
