package io.hongyan.token.redis;

import io.hongyan.token.CachedToken;
import io.hongyan.token.Issuance;
import io.hongyan.token.TokenStore;
import io.hongyan.token.TokenStoreUnavailableException;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link TokenStore} in Redis; every multi-step change is one Lua script, so it is atomic. */
public final class RedisTokenStore implements TokenStore {

    /** KEYS: token, failure. ARGV: token, issued_at ms, expires_at ms. The hash expires with the token. */
    private static final String SAVE = """
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'token', ARGV[1], 'issued_at', ARGV[2], 'expires_at', ARGV[3])
            redis.call('PEXPIREAT', KEYS[1], ARGV[3])
            redis.call('DEL', KEYS[2])
            return 1
            """;

    /** KEYS: lock. ARGV: owner. Deletes the lock only if this owner still holds it. */
    private static final String UNLOCK = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    /**
     * KEYS: token, refused. ARGV: token, fallback ttl ms. Deletes the cached token only if it is
     * the given one, and remembers it as refused for the rest of its life.
     */
    private static final String INVALIDATE = """
            if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then
              return 0
            end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl <= 0 then
              ttl = tonumber(ARGV[2])
            end
            redis.call('DEL', KEYS[1])
            redis.call('SET', KEYS[2], ARGV[1], 'PX', ttl)
            return 1
            """;

    /** WeChat's tokens live 2 h; used if a cached token somehow has no TTL. */
    private static final long LONGEST_TOKEN_LIFE_MS = Duration.ofHours(2).toMillis();

    private final UnifiedJedis redis;

    public RedisTokenStore(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public Optional<CachedToken> cached(String appId) {
        List<String> fields = call(() -> redis.hmget(new TokenKeys(appId).token(), "token", "issued_at", "expires_at"));
        if (fields.contains(null)) {
            return Optional.empty();
        }
        return Optional.of(new CachedToken(fields.get(0),
                Instant.ofEpochMilli(Long.parseLong(fields.get(1))),
                Instant.ofEpochMilli(Long.parseLong(fields.get(2)))));
    }

    @Override
    public void save(String appId, CachedToken token) {
        TokenKeys keys = new TokenKeys(appId);
        call(() -> redis.eval(SAVE, List.of(keys.token(), keys.failure()), List.of(token.accessToken(),
                Long.toString(token.issuedAt().toEpochMilli()), Long.toString(token.expiresAt().toEpochMilli()))));
    }

    @Override
    public boolean tryLock(String appId, String owner, Duration ttl) {
        return "OK".equals(call(() -> redis.set(new TokenKeys(appId).lock(), owner, SetParams.setParams().nx().px(ttl.toMillis()))));
    }

    @Override
    public void unlock(String appId, String owner) {
        call(() -> redis.eval(UNLOCK, List.of(new TokenKeys(appId).lock()), List.of(owner)));
    }

    @Override
    public boolean invalidate(String appId, String accessToken) {
        TokenKeys keys = new TokenKeys(appId);
        Object deleted = call(() -> redis.eval(INVALIDATE, List.of(keys.token(), keys.refused()),
                List.of(accessToken, Long.toString(LONGEST_TOKEN_LIFE_MS))));
        return Long.valueOf(1).equals(deleted);
    }

    @Override
    public Optional<String> refusedToken(String appId) {
        return Optional.ofNullable(call(() -> redis.get(new TokenKeys(appId).refused())));
    }

    @Override
    public boolean claimForceRefresh(String appId, Duration spacing) {
        return "OK".equals(call(() -> redis.set(new TokenKeys(appId).forceGuard(), "1", SetParams.setParams().nx().px(spacing.toMillis()))));
    }

    @Override
    public void rememberFailure(String appId, Issuance.Failed failure, Duration hold) {
        call(() -> redis.set(new TokenKeys(appId).failure(), encode(failure), SetParams.setParams().px(hold.toMillis())));
    }

    @Override
    public Optional<Issuance.Failed> recentFailure(String appId) {
        return Optional.ofNullable(call(() -> redis.get(new TokenKeys(appId).failure()))).map(RedisTokenStore::decode);
    }

    private static <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisException e) {
            throw new TokenStoreUnavailableException("Redis: " + e.getClass().getSimpleName(), e);
        }
    }

    /** A failure as stored: {@code refused \n errcode \n errmsg} or {@code unreachable \n 0 \n reason}. */
    private static String encode(Issuance.Failed failure) {
        return switch (failure) {
            case Issuance.Refused refused -> "refused\n" + refused.errcode() + "\n" + refused.errmsg();
            case Issuance.Unreachable unreachable -> "unreachable\n0\n" + unreachable.reason();
        };
    }

    private static Issuance.Failed decode(String stored) {
        String[] parts = stored.split("\n", 3);
        if (parts.length != 3) {
            return new Issuance.Unreachable("unreadable failure record");
        }
        if (parts[0].equals("refused")) {
            try {
                return new Issuance.Refused(Integer.parseInt(parts[1]), parts[2]);
            } catch (NumberFormatException e) {
                return new Issuance.Unreachable("unreadable failure record");
            }
        }
        return new Issuance.Unreachable(parts[2]);
    }
}
