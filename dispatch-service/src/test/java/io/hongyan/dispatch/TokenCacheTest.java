package io.hongyan.dispatch;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.hongyan.proto.v1.DispatchServiceGrpc;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.MessageStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.hongyan.dispatch.DispatchHarness.awaitStatus;
import static io.hongyan.dispatch.DispatchHarness.template;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** dispatch reuses the token token-service gave it for a while, and drops it the moment WeChat refuses it. */
class TokenCacheTest {
    private static DispatchHarness harness;

    @BeforeAll
    static void startWorld() {
        harness = new DispatchHarness();
    }

    @AfterAll
    static void stopWorld() throws InterruptedException {
        harness.close();
    }

    @BeforeEach
    void reset() {
        harness.reset();
    }

    @Test
    void consecutiveSendsAskTokenServiceOnce() {
        DispatchServiceGrpc.DispatchServiceBlockingStub dispatch = harness.stub(harness.startDispatch());
        long before = tokenServiceRequests();

        sendAndAwait(dispatch, "openid-alice");
        sendAndAwait(dispatch, "openid-bob");
        sendAndAwait(dispatch, "openid-carol");

        assertThat(tokenServiceRequests() - before, is(1L));
    }

    @Test
    void withTheCacheOffEverySendAsksTokenService() {
        DispatchServiceGrpc.DispatchServiceBlockingStub dispatch =
                harness.stub(harness.startDispatch(Map.of("dispatch.token.cache-max-age", "PT0S")));
        long before = tokenServiceRequests();

        sendAndAwait(dispatch, "openid-alice");
        sendAndAwait(dispatch, "openid-bob");
        sendAndAwait(dispatch, "openid-carol");

        assertThat(tokenServiceRequests() - before, is(3L));
    }

    @Test
    void aCachedTokenThatWeChatExpiredEarlyIsReplacedAtOnceAndTheNewOneCached() {
        DispatchServiceGrpc.DispatchServiceBlockingStub dispatch = harness.stub(harness.startDispatch());
        sendAndAwait(dispatch, "openid-alice");
        harness.simulator.expireTokensNow(); // dispatch and token-service both still hold the old token

        MessageRecord second = sendAndAwait(dispatch, "openid-bob");
        MessageRecord third = sendAndAwait(dispatch, "openid-carol");

        assertThat(harness.simulator.stats().sendsErr(42001), is(1L));
        assertThat(second.getAttempts(), is(2)); // refused with the cached token, then sent with a fresh one, at once
        assertThat(third.getAttempts(), is(1));
        assertThat(harness.simulator.stats().tokenCalls(), is(2L)); // the first token, and exactly one more
        assertThat(harness.simulator.messages().getLast().accessToken(), is(harness.cachedAccessToken()));
    }

    private static MessageRecord sendAndAwait(DispatchServiceGrpc.DispatchServiceBlockingStub dispatch, String recipient) {
        return awaitStatus(dispatch, dispatch.submitMessage(template(recipient)).getMessageId(), MessageStatus.SENT);
    }

    /** GetAccessToken calls token-service (running in this JVM) has answered, whatever the outcome. */
    private static long tokenServiceRequests() {
        return Metrics.globalRegistry().meters(meter -> meter.id().name().equals("hongyan_token_requests")).stream()
                .mapToLong(meter -> ((Counter) meter).count())
                .sum();
    }
}
