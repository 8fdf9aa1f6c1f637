package io.hongyan.token;

import io.hongyan.proto.v1.TokenServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * stable_token returns the current token for as long as WeChat thinks it valid, so after a sender
 * reports it refused, a plain re-fetch would hand the same bad token back. The service then forces
 * a refresh, at most once per 30 s per app.
 */
class ForceRefreshTest {
    private static TokenServiceHarness harness;
    private TokenServiceGrpc.TokenServiceBlockingStub stub;

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
        stub = harness.stub(harness.start());
    }

    @Test
    void refusedStableTokenHandedBackAgainIsForceRefreshedOnceIn30Seconds() {
        String first = TokenServiceHarness.get(stub);
        assertTrue(TokenServiceHarness.invalidate(stub, first));

        String second = TokenServiceHarness.get(stub);

        assertNotEquals(first, second, "the service did not accept the refused token back");
        assertEquals(1, harness.simulator.stats().forceRefreshes(), "one force_refresh");
        assertEquals(3, harness.simulator.stats().stableTokenCalls(), "first fetch, re-fetch (same token), forced fetch");
        long guard = harness.redis.pttl(TokenServiceHarness.KEYS.forceGuard());
        assertTrue(guard > 25_000 && guard <= 30_000, "force guard lasts WeChat's 30 s, TTL " + guard + " ms");

        // Within 30 s, the next refused token is not forced again: the service returns what
        // stable_token gives, and does not loop.
        assertTrue(TokenServiceHarness.invalidate(stub, second));
        String third = TokenServiceHarness.get(stub);

        assertEquals(second, third, "stable_token's answer, unforced");
        assertEquals(1, harness.simulator.stats().forceRefreshes(), "still one force_refresh");
        assertEquals(4, harness.simulator.stats().stableTokenCalls());
    }

    @Test
    void aTokenNobodyReportedIsNeverForceRefreshed() {
        String first = TokenServiceHarness.get(stub);
        harness.redis.del(TokenServiceHarness.KEYS.token()); // gone from the cache, e.g. evicted

        assertEquals(first, TokenServiceHarness.get(stub), "stable_token's current token is fine");
        assertEquals(0, harness.simulator.stats().forceRefreshes());
    }

    @Test
    void plainTokenApiNeedsNoForcing() {
        stub = harness.stub(harness.start(Map.of("hongyan.token.api", "plain")));
        String first = TokenServiceHarness.get(stub);
        assertTrue(TokenServiceHarness.invalidate(stub, first));

        assertNotEquals(first, TokenServiceHarness.get(stub));
        assertEquals(2, harness.simulator.stats().tokenCalls(), "/cgi-bin/token issues a new token every call");
        assertEquals(0, harness.simulator.stats().stableTokenCalls());
    }

    @Test
    void anAppsOwnTokenApiOverridesTheDefault() {
        stub = harness.stub(harness.start(Map.of("hongyan.token.api", "stable", "hongyan.apps.0.token-api", "plain")));
        TokenServiceHarness.get(stub);
        assertEquals(1, harness.simulator.stats().tokenCalls());
        assertEquals(0, harness.simulator.stats().stableTokenCalls());
    }
}
