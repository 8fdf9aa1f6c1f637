package io.hongyan.token;

import io.hongyan.platform.server.ServiceServer;
import io.hongyan.proto.v1.TokenServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens that run out: with the simulator issuing 2-second tokens, the refresh margin is capped
 * at half the lifetime (1 s), so renewal happens 1 s after issue and expiry 2 s after.
 */
class TokenExpiryTest {
    private static final long LIFETIME_S = 2;
    private static TokenServiceHarness harness;

    @BeforeAll
    static void startWorld() {
        harness = new TokenServiceHarness();
    }

    @AfterAll
    static void stopWorld() {
        harness.close();
    }

    @BeforeEach
    void reset() {
        harness.reset();
        harness.simulator.configure(faults -> faults.tokenLifetimeS(LIFETIME_S));
    }

    @Test
    void expiredTokenIsRefreshedOnceForAllConcurrentCallers() throws Exception {
        TokenServiceGrpc.TokenServiceBlockingStub stub = harness.stub(harness.start());
        String first = TokenServiceHarness.get(stub);
        long ttl = harness.redis.pttl(TokenServiceHarness.KEYS.token());
        assertTrue(ttl > 0 && ttl <= LIFETIME_S * 1000, "cached no longer than WeChat's expires_in, TTL " + ttl + " ms");
        awaitCacheEmpty(Duration.ofSeconds(LIFETIME_S + 2));

        List<Future<String>> tokens = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                tokens.add(callers.submit(() -> TokenServiceHarness.get(stub)));
            }
        }
        Set<String> distinct = new HashSet<>();
        for (Future<String> token : tokens) {
            distinct.add(token.get());
        }
        assertEquals(1, distinct.size(), "all callers got the one new token");
        assertNotEquals(first, distinct.iterator().next(), "the expired token is not handed out");
        assertEquals(2, harness.tokenApiCalls(), "one call for the first token, exactly one for the refresh");
    }

    @Test
    void tokenInItsRefreshWindowIsRenewedByTheNextCaller() {
        TokenServiceGrpc.TokenServiceBlockingStub stub = harness.stub(harness.start());
        String first = TokenServiceHarness.get(stub);
        assertEquals(first, TokenServiceHarness.get(stub), "fresh token comes from the cache");
        assertEquals(1, harness.tokenApiCalls());

        TokenServiceHarness.pause(Duration.ofMillis(LIFETIME_S * 1000 / 2 + 200));
        String renewed = TokenServiceHarness.get(stub);

        assertNotEquals(first, renewed, "a token past half its life is renewed, not served");
        assertEquals(2, harness.tokenApiCalls());
        assertEquals(renewed, harness.cachedToken());
    }

    @Test
    void proactiveRefresherRenewsTokensNobodyAsksFor() {
        ServiceServer server = harness.start(Map.of(
                "hongyan.token.proactive-refresh", "true",
                "hongyan.token.refresh-interval", "PT0.2S"));
        String first = TokenServiceHarness.get(harness.stub(server));

        Instant deadline = Instant.now().plusSeconds(LIFETIME_S + 1);
        while (first.equals(harness.cachedToken()) && Instant.now().isBefore(deadline)) {
            TokenServiceHarness.pause(Duration.ofMillis(50));
        }

        String renewed = harness.cachedToken();
        assertNotNull(renewed, "the refresher stored a new token before the old one expired");
        assertNotEquals(first, renewed);
    }

    private static void awaitCacheEmpty(Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (harness.cachedToken() != null && Instant.now().isBefore(deadline)) {
            TokenServiceHarness.pause(Duration.ofMillis(50));
        }
        assertNull(harness.cachedToken(), "the cached token expired with WeChat's lifetime");
    }
}
