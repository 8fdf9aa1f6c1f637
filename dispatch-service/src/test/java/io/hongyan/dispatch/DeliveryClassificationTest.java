package io.hongyan.dispatch;

import io.hongyan.platform.server.ServiceServer;
import io.hongyan.proto.v1.DispatchServiceGrpc;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.MessageStatus;
import io.hongyan.simulator.Delivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.hongyan.dispatch.DispatchHarness.awaitStatus;
import static io.hongyan.dispatch.DispatchHarness.template;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** WeChat's answers, scripted at the simulator, and what dispatch makes of them (PROTOCOL.md §6). */
class DeliveryClassificationTest {
    private static DispatchHarness harness;
    private DispatchServiceGrpc.DispatchServiceBlockingStub dispatch;
    private DispatchHarness.EventLog events;

    @BeforeAll
    static void startWorld() {
        harness = new DispatchHarness();
    }

    @AfterAll
    static void stopWorld() throws InterruptedException {
        harness.close();
    }

    @BeforeEach
    void startDispatch() {
        harness.reset();
        ServiceServer server = harness.startDispatch(Map.of("dispatch.retry.max-attempts", "3"));
        dispatch = harness.stub(server);
        if (events != null) {
            events.close();
        }
        events = harness.subscribeToAppStatus();
    }

    @Test
    void busyTwiceIsRetriedWithBackoffThenSent() {
        harness.simulator.failNext(-1, 2);

        String id = dispatch.submitMessage(template("openid-alice")).getMessageId();
        MessageRecord sent = awaitStatus(dispatch, id, MessageStatus.SENT);

        assertThat(sent.getAttempts(), is(3));
        assertThat(sent.getLastErrcode(), is(-1)); // the last error stays on record after success
        assertThat(harness.simulator.stats().sendCalls(), is(3L));
        assertThat(harness.simulator.stats().sendsOkTotal(), is(1L));
        DispatchHarness.await("the SENT event", () -> events.statuses(id).contains(MessageStatus.SENT));
        assertThat(events.statuses(id), contains(MessageStatus.ACCEPTED,
                MessageStatus.SENDING, MessageStatus.RETRYING,
                MessageStatus.SENDING, MessageStatus.RETRYING,
                MessageStatus.SENDING, MessageStatus.SENT));
    }

    @Test
    void aRefusedTokenIsInvalidatedAndReplacedOnceAtOnce() {
        harness.simulator.failNext(40001, 1);

        String id = dispatch.submitMessage(template("openid-bob")).getMessageId();
        MessageRecord sent = awaitStatus(dispatch, id, MessageStatus.SENT);

        assertThat(harness.simulator.stats().tokenCalls(), is(2L)); // the first token, and exactly one more
        assertThat(harness.simulator.stats().sendsErr(40001), is(1L));
        assertThat(harness.simulator.stats().sendCalls(), is(2L));
        assertThat(sent.getAttempts(), is(2));
        List<Delivery> deliveries = harness.simulator.messages();
        assertThat(deliveries, hasSize(1));
        assertThat(deliveries.getFirst().accessToken(), is(harness.cachedAccessToken()));
        // Retried at once, not after a backoff: no RETRYING in between.
        assertThat(events.statuses(id), not(org.hamcrest.Matchers.hasItem(MessageStatus.RETRYING)));
    }

    @Test
    void aSecondTokenRefusalIsRetriedLikeATransientError() {
        harness.simulator.failNext(40001, 2);

        String id = dispatch.submitMessage(template("openid-bob")).getMessageId();
        MessageRecord sent = awaitStatus(dispatch, id, MessageStatus.SENT);

        assertThat(sent.getAttempts(), is(3));
        assertThat(sent.getLastErrcode(), is(40001));
        assertThat(harness.simulator.stats().sendCalls(), is(3L));
        DispatchHarness.await("the SENT event", () -> events.statuses(id).contains(MessageStatus.SENT));
        assertThat(events.statuses(id), contains(MessageStatus.ACCEPTED, MessageStatus.SENDING, MessageStatus.RETRYING,
                MessageStatus.SENDING, MessageStatus.SENT));
    }

    @Test
    void aBadRecipientFailsAtOnceWithoutRetry() {
        harness.simulator.failNext(40003, 1);

        String id = dispatch.submitMessage(template("openid-nobody")).getMessageId();
        MessageRecord failed = awaitStatus(dispatch, id, MessageStatus.FAILED);

        assertThat(failed.getLastErrcode(), is(40003));
        assertThat(failed.getLastErrmsg(), is("simulated failure"));
        assertThat(failed.getAttempts(), is(1));
        DispatchHarness.pause(Duration.ofMillis(400)); // several backoffs long: a retry would have happened
        assertThat(harness.simulator.stats().sendCalls(), is(1L));
        assertThat(DispatchHarness.get(dispatch, id).getStatus(), is(MessageStatus.FAILED));
    }

    @Test
    void aSpentRetryBudgetFails() {
        harness.simulator.failNext(-1, 10);

        String id = dispatch.submitMessage(template("openid-carol")).getMessageId();
        MessageRecord failed = awaitStatus(dispatch, id, MessageStatus.FAILED);

        assertThat(failed.getAttempts(), is(3));
        assertThat(failed.getLastErrcode(), is(-1));
        DispatchHarness.pause(Duration.ofMillis(400));
        assertThat(harness.simulator.stats().sendCalls(), is(3L));
    }

    @Test
    void aLostConnectionIsRetried() {
        harness.simulator.dropNextBefore(1);

        String id = dispatch.submitMessage(template("openid-dave")).getMessageId();
        MessageRecord sent = awaitStatus(dispatch, id, MessageStatus.SENT);

        assertThat(sent.getAttempts(), is(2));
        assertThat(harness.simulator.stats().droppedBefore(), is(1L));
        assertThat(harness.simulator.stats().sendsOkTotal(), is(1L));
    }
}
