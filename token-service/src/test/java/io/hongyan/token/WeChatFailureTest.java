package io.hongyan.token;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hongyan.proto.v1.TokenServiceGrpc;
import io.hongyan.testkit.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Bad requests and WeChat saying no: the documented status, nothing cached, no secret leaked. */
class WeChatFailureTest {
    private static final String WRONG_SECRET = "wrong-secret-7f3a9c";
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
    void unknownAppIsNotFoundWithMachineReadableTrailers() {
        StatusRuntimeException e = TokenServiceHarness.getFails(harness.stub(harness.start()), "wx-not-configured");
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("unknown_app", e.getTrailers().get(TokenServiceHarness.ERROR_CODE));
        assertEquals("appId", e.getTrailers().get(TokenServiceHarness.ERROR_FIELD));
        assertEquals(0, harness.tokenApiCalls());
    }

    @Test
    void blankAppIsInvalidArgument() {
        StatusRuntimeException e = TokenServiceHarness.getFails(harness.stub(harness.start()), "  ");
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("missing_field", e.getTrailers().get(TokenServiceHarness.ERROR_CODE));
        assertEquals("appId", e.getTrailers().get(TokenServiceHarness.ERROR_FIELD));
    }

    @Test
    void refusedCredentialsAreFailedPreconditionWithTheErrcodeButNotTheSecret() {
        TokenServiceGrpc.TokenServiceBlockingStub stub = harness.stub(harness.start(Map.of("hongyan.apps.0.secret", WRONG_SECRET)));

        StatusRuntimeException e = TokenServiceHarness.getFails(stub, TokenServiceHarness.APP.id());

        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertThat(e.getStatus().getDescription(), containsString("40125"));
        assertThat(e.getStatus().getDescription(), not(containsString(WRONG_SECRET)));
        assertNull(harness.cachedToken(), "no token cached");
        assertEquals(1, harness.simulator.stats().tokenErrors(40125));
    }

    @Test
    void weChatBusyIsUnavailableAndIsNotAskedAgainDuringTheFailureHold() {
        TokenServiceGrpc.TokenServiceBlockingStub stub = harness.stub(harness.start(Map.of("hongyan.token.failure-hold", "PT0.5S")));
        harness.simulator.failNextToken(-1, 1);

        StatusRuntimeException first = TokenServiceHarness.getFails(stub, TokenServiceHarness.APP.id());
        StatusRuntimeException second = TokenServiceHarness.getFails(stub, TokenServiceHarness.APP.id());

        assertEquals(Status.Code.UNAVAILABLE, first.getStatus().getCode());
        assertThat(first.getStatus().getDescription(), containsString("errcode -1"));
        assertEquals(Status.Code.UNAVAILABLE, second.getStatus().getCode(), "the remembered failure");
        assertEquals(1, harness.tokenApiCalls(), "callers within the failure hold do not call WeChat");
        assertNull(harness.cachedToken());

        TokenServiceHarness.pause(Duration.ofMillis(600));
        assertNotNull(TokenServiceHarness.get(stub), "after the hold, the next caller refreshes");
        assertEquals(2, harness.tokenApiCalls());
    }

    @Test
    void unreachableWeChatIsUnavailable() {
        String nowhere = "http://127.0.0.1:" + FreePorts.next();
        TokenServiceGrpc.TokenServiceBlockingStub stub = harness.stub(harness.start(Map.of("hongyan.apps.0.api-base-url", nowhere)));

        StatusRuntimeException e = TokenServiceHarness.getFails(stub, TokenServiceHarness.APP.id());

        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertThat(e.getStatus().getDescription(), containsString("no usable answer"));
        assertThat(e.getStatus().getDescription(), not(containsString(TokenServiceHarness.APP.secret())));
        assertNull(harness.cachedToken());
    }

    @Test
    void aFailedRefreshStillServesTheOldTokenWhileWeChatAcceptsIt() {
        TokenServiceGrpc.TokenServiceBlockingStub stub = harness.stub(harness.start());
        // A 2-hour token with 60 s left: due for renewal, still valid.
        Instant now = Instant.now();
        harness.redis.hset(TokenServiceHarness.KEYS.token(), Map.of(
                "token", "near-expiry-token",
                "issued_at", Long.toString(now.minusSeconds(7140).toEpochMilli()),
                "expires_at", Long.toString(now.plusSeconds(60).toEpochMilli())));
        harness.simulator.failNextToken(-1, 1);

        assertEquals("near-expiry-token", TokenServiceHarness.get(stub));
        assertEquals(1, harness.tokenApiCalls(), "the renewal was tried");
        assertEquals("near-expiry-token", harness.cachedToken(), "and the old token kept");
    }
}
