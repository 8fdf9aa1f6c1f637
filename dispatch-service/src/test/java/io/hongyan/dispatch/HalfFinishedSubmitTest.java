package io.hongyan.dispatch;

import io.hongyan.dispatch.core.AcceptedMessage;
import io.hongyan.dispatch.nats.JetStreamWorkQueue;
import io.hongyan.dispatch.nats.StreamSettings;
import io.hongyan.dispatch.redis.RedisMessageStore;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.proto.v1.DispatchServiceGrpc;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.MessageStatus;
import io.hongyan.proto.v1.SubmitMessageRequest;
import io.hongyan.proto.v1.SubmitMessageResponse;
import io.hongyan.simulator.MessageQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.hongyan.dispatch.DispatchHarness.APP;
import static io.hongyan.dispatch.DispatchHarness.awaitStatus;
import static io.hongyan.dispatch.DispatchHarness.template;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * A submitting process that died half-way must not leave a client holding the id of a message
 * that does not exist, nor a message whose channel does not start with ACCEPTED.
 */
class HalfFinishedSubmitTest {
    private static DispatchHarness harness;
    private DispatchServiceGrpc.DispatchServiceBlockingStub dispatch;

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
        ServiceServer server = harness.startDispatch();
        dispatch = harness.stub(server);
    }

    @Test
    void aMessageInTheStreamWithoutAStatusRecordIsRecordedAnnouncedAndSent() {
        // As if the submitting process died right after the stream's ack: the message is in the
        // stream, the client may have its id, but no status record or ACCEPTED event exists.
        String id = UUID.randomUUID().toString();
        try (DispatchHarness.EventLog events = harness.subscribeToAppStatus()) {
            JetStreamWorkQueue.open(harness.nats, new StreamSettings(1 << 20, 1, Duration.ofSeconds(5), Duration.ofSeconds(60), 100))
                    .publish(new AcceptedMessage(id, template("openid-erin"), Instant.now()));

            MessageRecord sent = awaitStatus(dispatch, id, MessageStatus.SENT);
            DispatchHarness.await("the SENT event", () -> events.statuses(id).contains(MessageStatus.SENT));

            assertThat(events.statuses(id), contains(MessageStatus.ACCEPTED, MessageStatus.SENDING, MessageStatus.SENT));
            assertThat(sent.getAttempts(), is(1));
            assertThat(harness.simulator.messages(new MessageQuery(null, null, id, 10)), hasSize(1));
        }
    }

    @Test
    void aRetryOfASubmitThatDiedAfterReservingItsKeyPublishesTheMessageUnderTheReservedId() {
        // As if the first submit reserved the key 10 s ago and died before publishing.
        String reservedId = UUID.randomUUID().toString();
        harness.redis.set(RedisMessageStore.idempotencyKey(APP.id(), "order-7"), reservedId,
                SetParams.setParams().px(Duration.ofHours(24).minusSeconds(10).toMillis()));
        SubmitMessageRequest retry = template("openid-frank").toBuilder().setIdempotencyKey("order-7").build();

        SubmitMessageResponse response = dispatch.submitMessage(retry);

        assertThat(response.getMessageId(), is(reservedId));
        assertThat(response.getDuplicate(), is(true));
        awaitStatus(dispatch, reservedId, MessageStatus.SENT);
        assertThat(harness.simulator.messages(new MessageQuery(null, null, reservedId, 10)), hasSize(1));
        assertThat(dispatch.submitMessage(retry).getStatus(), is(MessageStatus.SENT));
        assertThat(harness.streamLastSequence(), is(1L));
    }
}
