package io.hongyan.dispatch;

import io.hongyan.dispatch.core.AcceptedMessage;
import io.hongyan.dispatch.nats.DispatchStream;
import io.hongyan.dispatch.nats.JetStreamWorkQueue;
import io.hongyan.dispatch.nats.StreamSettings;
import io.hongyan.dispatch.redis.RedisMessageStore;
import io.hongyan.platform.realtime.Channels;
import io.hongyan.proto.v1.DispatchServiceGrpc;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.MessageStatus;
import io.hongyan.proto.v1.SubmitMessageRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.hongyan.dispatch.DispatchHarness.APP;
import static io.hongyan.dispatch.DispatchHarness.awaitStatus;
import static io.hongyan.dispatch.DispatchHarness.template;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/**
 * A message taken from the stream again after the processes that worked on it stopped: its record
 * decides what happens, so a settled message is not sent twice and no attempt goes beyond the budget.
 */
class ResumedDeliveryTest {
    private static final int MAX_ATTEMPTS = 3;
    private static DispatchHarness harness;
    private DispatchServiceGrpc.DispatchServiceBlockingStub dispatch;
    private RedisMessageStore store;

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
        dispatch = harness.stub(harness.startDispatch(Map.of("dispatch.retry.max-attempts", Integer.toString(MAX_ATTEMPTS))));
        store = new RedisMessageStore(harness.redis, Duration.ofHours(1), Duration.ofHours(1), Clock.systemUTC());
    }

    @Test
    void aMessageWhoseAttemptsReachedTheBudgetFailsWithoutAnotherSend() {
        String id = UUID.randomUUID().toString();
        store.createAccepted(record(id, MessageStatus.SENDING, MAX_ATTEMPTS).setLastErrcode(-1).setLastErrmsg("system error").build(), true);
        try (DispatchHarness.EventLog events = harness.subscribeToAppStatus()) {
            redeliver(id, template("openid-gina"));

            MessageRecord failed = awaitStatus(dispatch, id, MessageStatus.FAILED);
            DispatchHarness.await("the FAILED event", () -> events.statuses(id).contains(MessageStatus.FAILED));

            assertThat(failed.getAttempts(), is(MAX_ATTEMPTS));
            assertThat(failed.getLastErrcode(), is(-1));
            assertThat(failed.getLastErrmsg(), is("retry budget spent; last error: system error"));
            assertThat(events.statuses(id), contains(MessageStatus.FAILED)); // no SENDING: nothing was tried
            assertThat(harness.simulator.stats().sendCalls(), is(0L));
            awaitNothingUnacknowledged();
        }
    }

    @Test
    void aMessageAlreadySentIsAcknowledgedWithoutAnotherSendOrEvent() {
        String id = UUID.randomUUID().toString();
        store.createAccepted(record(id, MessageStatus.SENT, 1).setWechatMsgid(77).build(), true);
        try (DispatchHarness.EventLog events = harness.subscribeToAppStatus()) {
            redeliver(id, template("openid-hank"));

            awaitNothingUnacknowledged();
            assertThat(DispatchHarness.get(dispatch, id).getStatus(), is(MessageStatus.SENT));
            assertThat(harness.simulator.stats().sendCalls(), is(0L));
            assertThat(events.statuses(id).isEmpty(), is(true));
        }
    }

    @Test
    void aMessageOfAnAppNoLongerConfiguredIsAnnouncedThenFails() {
        String id = UUID.randomUUID().toString();
        try (DispatchHarness.EventLog events = harness.subscribe(Channels.subject(Channels.appStatus("wx-gone")))) {
            redeliver(id, template("openid-ivy").toBuilder().setAppId("wx-gone").build());

            MessageRecord failed = awaitStatus(dispatch, id, MessageStatus.FAILED);
            DispatchHarness.await("the FAILED event", () -> events.statuses(id).contains(MessageStatus.FAILED));

            assertThat(failed.getLastErrmsg(), is("app wx-gone is no longer configured"));
            assertThat(failed.getAttempts(), is(0));
            assertThat(events.statuses(id), contains(MessageStatus.ACCEPTED, MessageStatus.FAILED));
            assertThat(harness.simulator.stats().sendCalls(), is(0L));
        }
    }

    private static MessageRecord.Builder record(String id, MessageStatus status, int attempts) {
        return MessageRecord.newBuilder().setMessageId(id).setAppId(APP.id()).setRecipient("openid").setStatus(status)
                .setAttempts(attempts).setKind("template");
    }

    /** Puts the message into the stream as the submit did, as if a sender now takes it again. */
    private static void redeliver(String id, SubmitMessageRequest request) {
        JetStreamWorkQueue.open(harness.nats, new StreamSettings(1 << 20, 1, Duration.ofSeconds(5), Duration.ofSeconds(60), 100))
                .publish(new AcceptedMessage(id, request, Instant.now()));
    }

    private static void awaitNothingUnacknowledged() {
        DispatchHarness.await("the stream message acknowledged", () -> {
            try {
                var consumer = harness.nats.jetStreamManagement().getConsumerInfo(DispatchStream.NAME, DispatchStream.CONSUMER);
                return consumer.getNumAckPending() == 0 && consumer.getNumPending() == 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
