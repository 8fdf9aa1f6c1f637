package io.hongyan.token;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.hongyan.proto.v1.TokenServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.params.SetParams;

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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Callers that do not hold the refresh lock never call WeChat, and a dead holder's lock expires. */
class LockHolderTest {
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
    }

    @Test
    void callersWaitForADeadHoldersLockToExpireThenOneRefreshes() throws Exception {
        TokenServiceGrpc.TokenServiceBlockingStub stub = harness.stub(harness.start());
        double lockWaitsBefore = lockWaits();
        // A replica took the lock and died before writing a token.
        harness.redis.set(TokenServiceHarness.KEYS.lock(), "dead-owner", SetParams.setParams().px(1000));

        List<Future<String>> tokens = new ArrayList<>();
        long callsWhileLocked;
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10; i++) {
                tokens.add(callers.submit(() -> TokenServiceHarness.get(stub)));
            }
            TokenServiceHarness.pause(Duration.ofMillis(500));
            callsWhileLocked = harness.tokenApiCalls();
        }

        assertEquals(0, callsWhileLocked, "nobody called WeChat while another owner held the lock");
        Set<String> distinct = new HashSet<>();
        for (Future<String> token : tokens) {
            distinct.add(token.get());
        }
        assertEquals(1, distinct.size(), "all callers got the token refreshed after the lock expired");
        assertEquals(1, harness.tokenApiCalls(), "exactly one refresh");
        assertTrue(lockWaits() - lockWaitsBefore >= 1, "lock waits are counted");
    }

    @Test
    void callersGiveUpWithUnavailableWhenTheLockOutlastsTheWait() {
        TokenServiceGrpc.TokenServiceBlockingStub stub = harness.stub(harness.start(Map.of("hongyan.token.wait-timeout", "PT0.3S")));
        harness.redis.set(TokenServiceHarness.KEYS.lock(), "slow-owner", SetParams.setParams().px(10_000));

        StatusRuntimeException e = TokenServiceHarness.getFails(stub, TokenServiceHarness.APP.id());

        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertEquals(0, harness.tokenApiCalls());
        assertEquals("slow-owner", harness.redis.get(TokenServiceHarness.KEYS.lock()), "someone else's lock is never released");
    }

    @Test
    void aStillValidTokenIsServedAtOnceWhileAnotherCallerRefreshesIt() {
        TokenServiceGrpc.TokenServiceBlockingStub stub = harness.stub(harness.start());
        // A 2-hour token with 60 s left: inside the 300 s refresh margin, but still valid.
        Instant now = Instant.now();
        harness.redis.hset(TokenServiceHarness.KEYS.token(), Map.of(
                "token", "near-expiry-token",
                "issued_at", Long.toString(now.minusSeconds(7140).toEpochMilli()),
                "expires_at", Long.toString(now.plusSeconds(60).toEpochMilli())));
        harness.redis.set(TokenServiceHarness.KEYS.lock(), "busy-owner", SetParams.setParams().px(10_000));

        // Waiting would end in UNAVAILABLE: the lock outlives the 5 s wait.
        assertEquals("near-expiry-token", TokenServiceHarness.get(stub));
        assertEquals(0, harness.tokenApiCalls());
    }

    @Test
    void theLockHolderReleasesItsLockAfterRefreshing() {
        TokenServiceHarness.get(harness.stub(harness.start()));
        assertNull(harness.redis.get(TokenServiceHarness.KEYS.lock()), "lock released");
    }

    private static double lockWaits() {
        return Metrics.globalRegistry()
                .counter("hongyan_token_lock_waits", List.of(Tag.create("app", TokenServiceHarness.APP.id())))
                .map(Counter::count)
                .orElse(0L);
    }
}
