package io.hongyan.dispatch;

import io.hongyan.dispatch.nats.DispatchStream;
import io.hongyan.dispatch.redis.RedisMessageStore;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.proto.v1.DispatchServiceGrpc;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.MessageStatus;
import io.hongyan.simulator.MessageQuery;
import io.hongyan.testkit.FreePorts;
import io.hongyan.testkit.JavaProcess;
import io.nats.client.api.ConsumerInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.hongyan.dispatch.DispatchHarness.awaitStatus;
import static io.hongyan.dispatch.DispatchHarness.template;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/** A message acknowledged to a client is never lost: not while nobody sends, not when a sender dies mid-send. */
class DurabilityTest {
    private static final String ACK_WAIT = "PT3S";
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
    void aMessageAcceptedWhileNobodySendsIsDeliveredByTheNextDispatch() {
        ServiceServer acceptOnly = harness.startDispatch(Map.of("dispatch.senders.enabled", "false"));
        String id = harness.stub(acceptOnly).submitMessage(template("openid-alice")).getMessageId();
        DispatchHarness.pause(Duration.ofMillis(1500)); // long enough for a sender to have taken it
        assertThat(harness.simulator.stats().sendCalls(), is(0L));
        assertThat(DispatchHarness.get(harness.stub(acceptOnly), id).getStatus(), is(MessageStatus.ACCEPTED));
        harness.closeDispatch();

        ServiceServer sending = harness.startDispatch();
        MessageRecord sent = awaitStatus(harness.stub(sending), id, MessageStatus.SENT);

        assertThat(sent.getAttempts(), is(1));
        assertThat(harness.simulator.messages(new MessageQuery(null, null, id, 10)), hasSize(1));
    }

    @Test
    void aGracefulShutdownLetsTheSendInFlightFinish() throws Exception {
        ServiceServer server = harness.startDispatch();
        DispatchServiceGrpc.DispatchServiceBlockingStub stub = harness.stub(server);
        awaitStatus(stub, stub.submitMessage(template("openid-warmup")).getMessageId(), MessageStatus.SENT);
        harness.simulator.configure(faults -> faults.latencyMs(1000));
        String id = stub.submitMessage(template("openid-carol")).getMessageId();
        DispatchHarness.await("the send to be in flight", () -> harness.simulator.stats().inFlightSends() == 1);

        harness.closeDispatch();

        assertThat(harness.redis.hget(RedisMessageStore.recordKey(id), "status"), is("SENT"));
        ConsumerInfo consumer = harness.nats.jetStreamManagement().getConsumerInfo(DispatchStream.NAME, DispatchStream.CONSUMER);
        assertThat("acknowledged before the connection closed", consumer.getNumAckPending(), is(0L));
        assertThat(consumer.getNumPending(), is(0L));
    }

    @Test
    void aDispatchKilledMidSendLeavesTheMessageToTheNextOneAndWeChatDeliversItOnce() {
        Map<String, String> childConfig = new HashMap<>(harness.config(Map.of("dispatch.consumer.ack-wait", ACK_WAIT)));
        int port = FreePorts.next();
        childConfig.put("server.port", Integer.toString(port));
        JavaProcess child = JavaProcess.start("dispatch-child", Main.class.getName(), port, childConfig);
        String id;
        try {
            DispatchServiceGrpc.DispatchServiceBlockingStub childStub = harness.stub(port);
            // Warm the token cache so that the only slow call is the send itself.
            awaitStatus(childStub, childStub.submitMessage(template("openid-warmup")).getMessageId(), MessageStatus.SENT);
            harness.simulator.configure(faults -> faults.latencyMs(3000));

            id = childStub.submitMessage(template("openid-bob")).getMessageId();
            DispatchHarness.await("the send to be in flight", () -> harness.simulator.stats().inFlightSends() == 1);
            assertThat(DispatchHarness.get(childStub, id).getStatus(), is(MessageStatus.SENDING));
            child.kill();
        } finally {
            child.close();
        }
        harness.simulator.configure(faults -> faults.latencyMs(0));

        ServiceServer next = harness.startDispatch(Map.of("dispatch.consumer.ack-wait", ACK_WAIT));
        MessageRecord sent = awaitStatus(harness.stub(next), id, MessageStatus.SENT);

        // The killed send reached WeChat (the simulator finishes it after its latency) and so did the
        // resend: client_msg_id made WeChat deliver once and answer the resend with the same msgid.
        DispatchHarness.await("both sends to be answered", () -> harness.simulator.stats().inFlightSends() == 0
                && harness.simulator.stats().duplicatesSuppressed() == 1);
        assertThat(harness.simulator.messages(new MessageQuery(null, null, id, 10)), hasSize(1));
        assertThat(sent.getWechatMsgid(), is(harness.simulator.messages(new MessageQuery(null, null, id, 1)).getFirst().msgid()));
        assertThat(sent.getAttempts(), greaterThanOrEqualTo(2));
    }
}
