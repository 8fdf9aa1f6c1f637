package io.hongyan.simulator;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Access tokens as WeChat manages them (PROTOCOL.md §4).
 *
 * <ul>
 *   <li>{@code /cgi-bin/token}: every call issues a new token; the app's previous one keeps working
 *       for the grace period ({@code old_token_grace_s}), then answers 40001.</li>
 *   <li>{@code /cgi-bin/stable_token}: the app's current stable token is returned, with its remaining
 *       lifetime, while valid; within the renew window before expiry (5 min, or half the lifetime
 *       when that is shorter) a new one is issued and the old one lives out its lifetime;
 *       {@code force_refresh} issues a new one and kills the old one at once (40001).
 *       Stable and plain tokens are independent.</li>
 *   <li>Expiry (lifetime passed, or {@link #expireAll()}) answers 42001.</li>
 * </ul>
 * The send path only reads a {@link ConcurrentHashMap} and volatile fields; issuing takes a
 * per-app lock, never a global one.
 */
final class TokenStore {

    /** Dead tokens are remembered this long, so a late user still gets 42001/40001 rather than "unknown". */
    private static final long RETAIN_DEAD_MILLIS = 10 * 60 * 1000L;
    private static final int SWEEP_ABOVE = 10_000;
    /**
     * Past this many tokens (a client calling the token API in a loop), replaced tokens are dropped
     * even inside their grace period (they then answer 40001 early): memory stays bounded, and the
     * loop shows up in {@code token_calls}.
     */
    private static final int HARD_CAP = 200_000;

    enum Kind { PLAIN, STABLE }

    /** The result of checking a token on a send. */
    sealed interface Check {
        record Valid(String appId) implements Check {
        }

        record Error(int errcode, String errmsg) implements Check {
        }
    }

    /** What a token call answers. */
    record Issued(String accessToken, long expiresInSeconds) {
    }

    private static final class Token {
        final String value;
        final String appId;
        final long serial;
        final long expiresAt;
        /** When it stops working because it was replaced; Long.MAX_VALUE while current. */
        volatile long invalidAt = Long.MAX_VALUE;

        Token(String value, String appId, long serial, long expiresAt) {
            this.value = value;
            this.appId = appId;
            this.serial = serial;
            this.expiresAt = expiresAt;
        }

        long deadAt() {
            return Math.min(expiresAt, invalidAt);
        }
    }

    private static final class AppTokens {
        Token plain;
        Token stable;
    }

    private final SecureRandom random = new SecureRandom();
    private final InstantSource clock;
    private final Map<String, Token> byValue = new ConcurrentHashMap<>();
    private final Map<String, AppTokens> byApp = new ConcurrentHashMap<>();
    private final AtomicLong serials = new AtomicLong();
    /** Tokens with a serial up to this one were force-expired. */
    private volatile long expiredThroughSerial = 0;
    private volatile int sweepAbove = SWEEP_ABOVE;

    TokenStore(InstantSource clock) {
        this.clock = clock;
    }

    /** A new /cgi-bin/token token; the app's previous one is cut to the grace period. */
    Issued issuePlain(String appId, FaultSettings f) {
        long now = clock.millis();
        AppTokens app = byApp.computeIfAbsent(appId, k -> new AppTokens());
        Token t;
        synchronized (app) {
            t = newToken(appId, now, f.tokenLifetimeS());
            Token previous = app.plain;
            app.plain = t;
            if (previous != null) {
                previous.invalidAt = Math.min(previous.invalidAt, now + f.oldTokenGraceS() * 1000);
            }
        }
        return new Issued(t.value, f.tokenLifetimeS());
    }

    /** The app's stable token, renewed when needed or when forced. */
    Issued stable(String appId, boolean forceRefresh, FaultSettings f) {
        long now = clock.millis();
        AppTokens app = byApp.computeIfAbsent(appId, k -> new AppTokens());
        synchronized (app) {
            Token cur = app.stable;
            long renewWindow = Math.min(300_000L, f.tokenLifetimeS() * 500);
            if (!forceRefresh && cur != null && usable(cur, now) && now < cur.expiresAt - renewWindow) {
                return new Issued(cur.value, Math.max(1, (cur.expiresAt - now) / 1000));
            }
            Token t = newToken(appId, now, f.tokenLifetimeS());
            app.stable = t;
            if (forceRefresh && cur != null) {
                cur.invalidAt = now;
            }
            return new Issued(t.value, f.tokenLifetimeS());
        }
    }

    /** 41001 missing, 40001 unknown or replaced, 42001 expired; else the token's app. */
    Check check(String accessToken) {
        if (accessToken == null || accessToken.isEmpty()) {
            return new Check.Error(41001, "access_token missing");
        }
        Token t = byValue.get(accessToken);
        if (t == null) {
            return new Check.Error(40001, "invalid credential, access_token is invalid or not latest");
        }
        long now = clock.millis();
        if (t.serial <= expiredThroughSerial || now >= t.expiresAt) {
            return new Check.Error(42001, "access_token expired");
        }
        if (now >= t.invalidAt) {
            return new Check.Error(40001, "invalid credential, access_token is invalid or not latest");
        }
        return new Check.Valid(t.appId);
    }

    /** Every token issued so far expires now (42001); new ones work. */
    void expireAll() {
        expiredThroughSerial = serials.get();
    }

    /** Forget all tokens. */
    void clear() {
        byValue.clear();
        byApp.clear();
    }

    int size() {
        return byValue.size();
    }

    private boolean usable(Token t, long now) {
        return t.serial > expiredThroughSerial && now < t.deadAt();
    }

    private Token newToken(String appId, long now, long lifetimeS) {
        // 102 random bytes -> 136 URL-safe characters, the size of a real token (store >= 512).
        byte[] bytes = new byte[102];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Token t = new Token(value, appId, serials.incrementAndGet(), now + lifetimeS * 1000);
        byValue.put(value, t);
        if (byValue.size() > sweepAbove) {
            sweep(now);
        }
        return t;
    }

    /** Drop long-dead tokens; sweep again only when the map has doubled, so sweeping stays amortised O(1). */
    private void sweep(long now) {
        byValue.values().removeIf(t -> now - t.deadAt() > RETAIN_DEAD_MILLIS);
        if (byValue.size() > HARD_CAP) {
            byValue.values().removeIf(t -> t.invalidAt != Long.MAX_VALUE);
        }
        sweepAbove = Math.max(SWEEP_ABOVE, byValue.size() * 2);
    }
}
