package io.hongyan.dispatch;

import io.hongyan.platform.server.ServiceServer;
import io.hongyan.proto.v1.DispatchServiceGrpc;
import io.hongyan.proto.v1.MessageStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.hongyan.dispatch.DispatchHarness.awaitStatus;
import static io.hongyan.dispatch.DispatchHarness.template;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The sender pool is bounded: never more WeChat calls at once than senders, and all of them busy under load. */
class BoundedSendersTest {
    private static final int SENDERS = 4;
    private static final int MESSAGES = 40;
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
        ServiceServer server = harness.startDispatch(Map.of("dispatch.senders.concurrency", Integer.toString(SENDERS)));
        dispatch = harness.stub(server);
    }

    @Test
    void atMostConcurrencySendsAreInFlight() {
        harness.simulator.configure(faults -> faults.latencyMs(200));

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            ids.add(dispatch.submitMessage(template("openid-" + i)).getMessageId());
        }
        ids.forEach(id -> awaitStatus(dispatch, id, MessageStatus.SENT));

        assertThat(harness.simulator.stats().sendsOkTotal(), is((long) MESSAGES));
        // Never more than the pool, and the pool was used in full (at most 4 and at least 4).
        assertThat(harness.simulator.stats().maxInFlightSends(), is(SENDERS));
    }
}
