package io.hongyan.token;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hongyan.proto.v1.InvalidateAccessTokenRequest;
import io.hongyan.proto.v1.TokenServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** InvalidateAccessToken deletes a token only while it is the cached one. */
class InvalidationTest {
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
    void invalidatingTheCurrentTokenDeletesItAndTheNextGetFetchesANewOne() {
        String current = TokenServiceHarness.get(stub);
        // WeChat expired it early (as after a secret reset): senders now see 42001 and report it.
        harness.simulator.expireTokensNow();

        assertTrue(TokenServiceHarness.invalidate(stub, current), "was_current");
        assertNull(harness.cachedToken(), "deleted from the cache");

        String next = TokenServiceHarness.get(stub);
        assertNotEquals(current, next);
        assertEquals(2, harness.tokenApiCalls(), "exactly one refresh after the invalidation");
        assertEquals(next, harness.cachedToken());
    }

    @Test
    void aLateReportOfAnOldTokenDoesNotDeleteTheNewOne() {
        String old = TokenServiceHarness.get(stub);
        harness.simulator.expireTokensNow();
        assertTrue(TokenServiceHarness.invalidate(stub, old));
        String current = TokenServiceHarness.get(stub);

        // A second sender that also used the old token reports it after the refresh.
        assertFalse(TokenServiceHarness.invalidate(stub, old), "was_current is false for a replaced token");

        assertEquals(current, harness.cachedToken(), "the new token is still cached");
        assertEquals(current, TokenServiceHarness.get(stub));
        assertEquals(2, harness.tokenApiCalls(), "no refresh caused by the late report");
    }

    @Test
    void invalidatingATokenWhenNoneIsCachedChangesNothing() {
        assertFalse(TokenServiceHarness.invalidate(stub, "never-issued"));
        assertNull(harness.cachedToken());
        assertNull(harness.redis.get(TokenServiceHarness.KEYS.refused()), "only a current token is remembered as refused");
    }

    @Test
    void blankAppIdIsInvalidArgument() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.invalidateAccessToken(
                InvalidateAccessTokenRequest.newBuilder().setAppId(" ").setAccessToken("t").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("missing_field", e.getTrailers().get(TokenServiceHarness.ERROR_CODE));
        assertEquals("appId", e.getTrailers().get(TokenServiceHarness.ERROR_FIELD));
    }

    @Test
    void blankAccessTokenIsInvalidArgument() {
        String current = TokenServiceHarness.get(stub);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.invalidateAccessToken(
                InvalidateAccessTokenRequest.newBuilder().setAppId(TokenServiceHarness.APP.id()).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("missing_field", e.getTrailers().get(TokenServiceHarness.ERROR_CODE));
        assertEquals("accessToken", e.getTrailers().get(TokenServiceHarness.ERROR_FIELD));
        assertEquals(current, harness.cachedToken(), "nothing deleted");
    }

    @Test
    void unknownAppIsNotFound() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.invalidateAccessToken(
                InvalidateAccessTokenRequest.newBuilder().setAppId("wx-not-configured").setAccessToken("t").build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("unknown_app", e.getTrailers().get(TokenServiceHarness.ERROR_CODE));
        assertEquals("appId", e.getTrailers().get(TokenServiceHarness.ERROR_FIELD));
    }
}
