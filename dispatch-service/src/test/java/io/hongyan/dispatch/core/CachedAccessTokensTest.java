package io.hongyan.dispatch.core;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CachedAccessTokensTest {
    private static final String APP = "wx-app";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TWO_HOURS = Duration.ofHours(2);

    private final MutableClock clock = new MutableClock(START);
    private final FakeTokenService tokenService = new FakeTokenService();
    private final CachedAccessTokens tokens = new CachedAccessTokens(tokenService, Duration.ofSeconds(30), clock);

    @Test
    void aFetchedTokenIsServedFromHereUntilItsMaxAge() {
        tokenService.next("t1", START.plus(TWO_HOURS));
        tokenService.next("t2", START.plus(TWO_HOURS));

        assertThat(tokens.accessToken(APP), is("t1"));
        clock.advance(Duration.ofSeconds(29));
        assertThat(tokens.accessToken(APP), is("t1"));
        assertThat(tokenService.fetches, is(1));

        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.accessToken(APP), is("t2"));
        assertThat(tokenService.fetches, is(2));
    }

    @Test
    void aTokenIsNeverServedFromHereCloseToItsExpiry() {
        tokenService.next("t1", START.plus(CachedAccessTokens.EXPIRY_MARGIN).plusSeconds(10));
        tokenService.next("t2", START.plus(TWO_HOURS));

        assertThat(tokens.accessToken(APP), is("t1"));
        clock.advance(Duration.ofSeconds(9));
        assertThat(tokens.accessToken(APP), is("t1"));
        clock.advance(Duration.ofSeconds(1)); // within the margin now, though younger than the max age
        assertThat(tokens.accessToken(APP), is("t2"));
        assertThat(tokenService.fetches, is(2));
    }

    @Test
    void aTokenAboutToExpireOrWithoutExpiryIsNotCached() {
        tokenService.next("soon", START.plus(CachedAccessTokens.EXPIRY_MARGIN));
        tokenService.next("unknown", Instant.EPOCH);
        tokenService.next("t3", START.plus(TWO_HOURS));

        assertThat(tokens.accessToken(APP), is("soon"));
        assertThat(tokens.accessToken(APP), is("unknown"));
        assertThat(tokens.accessToken(APP), is("t3"));
        assertThat(tokenService.fetches, is(3));
    }

    @Test
    void aRefusedTokenIsDroppedAndReportedSoTheNextCallAsksTokenService() {
        tokenService.next("t1", START.plus(TWO_HOURS));
        tokenService.next("t2", START.plus(TWO_HOURS));

        assertThat(tokens.accessToken(APP), is("t1"));
        tokens.invalidate(APP, "t1");

        assertThat(tokenService.invalidated, contains("t1"));
        assertThat(tokens.accessToken(APP), is("t2"));
        assertThat(tokens.accessToken(APP), is("t2"));
        assertThat(tokenService.fetches, is(2));
    }

    @Test
    void aLateRefusalOfAnOlderTokenKeepsTheFreshOne() {
        tokenService.next("t1", START.plus(TWO_HOURS));
        tokenService.next("t2", START.plus(TWO_HOURS));
        assertThat(tokens.accessToken(APP), is("t1"));
        tokens.invalidate(APP, "t1");
        assertThat(tokens.accessToken(APP), is("t2"));

        tokens.invalidate(APP, "t1"); // a second sender that also used t1 reports it

        assertThat(tokens.accessToken(APP), is("t2"));
        assertThat(tokenService.fetches, is(2));
        assertThat(tokenService.invalidated, contains("t1", "t1")); // token-service hears both; it knows t1 is not current
    }

    @Test
    void aRefusedTokenThatTokenServiceStillHandsOutIsNotCachedAgain() {
        tokenService.next("t1", START.plus(TWO_HOURS));
        tokenService.next("t1", START.plus(TWO_HOURS)); // e.g. a fetch that was under way when t1 was refused
        tokenService.next("t2", START.plus(TWO_HOURS));
        assertThat(tokens.accessToken(APP), is("t1"));
        tokens.invalidate(APP, "t1");

        assertThat(tokens.accessToken(APP), is("t1"));
        assertThat(tokens.accessToken(APP), is("t2"));
        assertThat(tokens.accessToken(APP), is("t2"));
        assertThat(tokenService.fetches, is(3));
    }

    @Test
    void appsAreCachedSeparately() {
        tokenService.next("a1", START.plus(TWO_HOURS));
        tokenService.next("b1", START.plus(TWO_HOURS));

        assertThat(tokens.accessToken("wx-a"), is("a1"));
        assertThat(tokens.accessToken("wx-b"), is("b1"));
        assertThat(tokens.accessToken("wx-a"), is("a1"));
        assertThat(tokenService.fetchedFor, contains("wx-a", "wx-b"));
    }

    @Test
    void zeroMaxAgeAsksTokenServiceEveryTime() {
        CachedAccessTokens uncached = new CachedAccessTokens(tokenService, Duration.ZERO, clock);
        tokenService.next("t1", START.plus(TWO_HOURS));
        tokenService.next("t1", START.plus(TWO_HOURS));

        uncached.accessToken(APP);
        uncached.accessToken(APP);

        assertThat(tokenService.fetches, is(2));
    }

    @Test
    void noTokenMeansTokenUnavailableAndNothingCached() {
        assertThrows(TokenUnavailableException.class, () -> tokens.accessToken(APP));
        tokenService.next("t1", START.plus(TWO_HOURS));
        assertThat(tokens.accessToken(APP), is("t1"));
    }

    @Test
    void aNegativeMaxAgeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CachedAccessTokens(tokenService, Duration.ofSeconds(-1), clock));
    }

    /** Hands out the queued tokens in order; throws TokenUnavailableException when none is queued. */
    private static final class FakeTokenService implements TokenService {
        private final Deque<IssuedAccessToken> queued = new ArrayDeque<>();
        final List<String> fetchedFor = new ArrayList<>();
        final List<String> invalidated = new ArrayList<>();
        int fetches;

        void next(String token, Instant expiresAt) {
            queued.add(new IssuedAccessToken(token, expiresAt));
        }

        @Override
        public IssuedAccessToken accessToken(String appId) {
            IssuedAccessToken next = queued.poll();
            if (next == null) {
                throw new TokenUnavailableException("token-service: UNAVAILABLE", null);
            }
            fetches++;
            fetchedFor.add(appId);
            return next;
        }

        @Override
        public void invalidate(String appId, String accessToken) {
            invalidated.add(accessToken);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
