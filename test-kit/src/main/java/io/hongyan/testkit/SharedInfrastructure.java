package io.hongyan.testkit;

/**
 * One redis-server and one nats-server per test JVM, started on first use and stopped when
 * the JVM exits. Starting them per test class would cost seconds each on a 2-core machine;
 * tests isolate themselves with {@link RedisServer#flushAll()} and their own stream names.
 */
public final class SharedInfrastructure {
    private static RedisServer redis;
    private static NatsServer nats;

    private SharedInfrastructure() {
    }

    public static synchronized RedisServer redis() {
        if (redis == null || !redis.isAlive()) {
            redis = RedisServer.start();
        }
        return redis;
    }

    public static synchronized NatsServer nats() {
        if (nats == null || !nats.isAlive()) {
            nats = NatsServer.start();
        }
        return nats;
    }
}
