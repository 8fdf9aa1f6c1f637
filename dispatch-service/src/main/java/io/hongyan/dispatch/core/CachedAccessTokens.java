package io.hongyan.dispatch.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens from {@link TokenService}, each kept in this process for a short while, so that a
 * send does not cost a call to token-service (a gRPC round trip, and a Redis read there) when the
 * token has not changed since the last send a moment ago.
 *
 * <p>A cached token is served for at most {@code maxAge} after it was fetched, and never within
 * {@link #EXPIRY_MARGIN} of its expiry: token-service renews tokens well before that, so by then it
 * has the next one (and a send started then could reach WeChat after the expiry). The short age
 * bounds how long this process keeps using a token that token-service replaced without WeChat
 * having refused it yet (WeChat accepts a replaced plain token for 5 more minutes).
 *
 * <p>A token WeChat refused is dropped at once, before token-service hears about it, so the retry
 * with a fresh token really asks token-service. The refused token is also remembered, so that a
 * fetch that was already under way and returns it late cannot put it back.
 */
public final class CachedAccessTokens implements AccessTokenSource {
    /** How close to its expiry a cached token is no longer served. */
    public static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

    private final TokenService tokenService;
    private final Duration maxAge;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** @param maxAge how long a fetched token is served from here, at most; zero: always ask token-service */
    public CachedAccessTokens(TokenService tokenService, Duration maxAge, Clock clock) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("token cache age must not be negative");
        }
        this.tokenService = Objects.requireNonNull(tokenService, "tokenService");
        this.maxAge = maxAge;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String accessToken(String appId) {
        Entry entry = entries.get(appId);
        if (entry != null && entry.token() != null && clock.instant().isBefore(entry.servedUntil())) {
            return entry.token();
        }
        Instant fetchedAt = clock.instant();
        IssuedAccessToken issued = tokenService.accessToken(appId);
        Instant servedUntil = min(fetchedAt.plus(maxAge), issued.expiresAt().minus(EXPIRY_MARGIN));
        if (servedUntil.isAfter(fetchedAt)) {
            entries.compute(appId, (app, current) -> {
                String refused = current == null ? null : current.refused();
                return issued.accessToken().equals(refused) ? current : new Entry(issued.accessToken(), servedUntil, refused);
            });
        }
        return issued.accessToken();
    }

    @Override
    public void invalidate(String appId, String accessToken) {
        entries.compute(appId, (app, current) -> current != null && current.token() != null && !current.token().equals(accessToken)
                ? current // already replaced by a fresh token (another sender saw the refusal first)
                : new Entry(null, Instant.MIN, accessToken));
        tokenService.invalidate(appId, accessToken);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * @param token       the token to serve, or null
     * @param servedUntil when it stops being served from here
     * @param refused     the last token WeChat refused in this process, never to be cached again; or null
     */
    private record Entry(String token, Instant servedUntil, String refused) {
        @Override
        public String toString() {
            return "Entry[servedUntil=" + servedUntil + "]"; // tokens stay out of logs
        }
    }
}
