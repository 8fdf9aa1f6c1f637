package io.hongyan.token;

import io.hongyan.platform.server.ServiceServer;
import io.hongyan.proto.v1.TokenServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The core promise: however many callers on however many replicas, one WeChat call per refresh. */
class SingleRefreshAcrossReplicasTest {
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
    void fiftyConcurrentCallersOnTwoReplicasShareOneWeChatCall() throws Exception {
        // WeChat answering slowly widens the window in which everybody else finds the cache empty.
        harness.simulator.configure(faults -> faults.latencyMs(150));
        ServiceServer first = harness.start();
        ServiceServer second = harness.start();
        List<TokenServiceGrpc.TokenServiceBlockingStub> stubs = List.of(harness.stub(first), harness.stub(second));

        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> tokens = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                TokenServiceGrpc.TokenServiceBlockingStub stub = stubs.get(i % 2);
                tokens.add(callers.submit(() -> {
                    go.await();
                    return TokenServiceHarness.get(stub);
                }));
            }
            go.countDown();
        }

        Set<String> distinct = new HashSet<>();
        for (Future<String> token : tokens) {
            distinct.add(token.get());
        }
        assertThat("every caller got the same token", distinct.size(), is(1));
        assertEquals(1, harness.tokenApiCalls(), "WeChat's token API was called exactly once");
        assertEquals(distinct.iterator().next(), harness.cachedToken(), "the token is the cached one");
    }
}
