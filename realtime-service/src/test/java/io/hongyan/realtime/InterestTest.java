package io.hongyan.realtime;

import com.google.gson.JsonObject;
import io.hongyan.platform.nats.NatsConnector;
import io.hongyan.platform.realtime.Channels;
import io.hongyan.testkit.SharedInfrastructure;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.nats.client.Connection;
import io.nats.client.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.hongyan.realtime.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** realtime holds a NATS subscription for a channel exactly while some local connection wants it. */
class InterestTest {
    private static RealtimeFixture realtime;
    private static Connection probe;

    @BeforeAll
    static void start() {
        realtime = RealtimeFixture.start();
        probe = NatsConnector.connect(Config.just(ConfigSources.create(Map.of("url", SharedInfrastructure.nats().url()))), "probe");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        probe.close();
        realtime.close();
    }

    @Test
    void subscribesToNatsOnlyWhileSomeConnectionWantsTheChannel() throws Exception {
        String channel = "interest:one";
        Subscriptions subscriptions = realtime.server.subscriptions();
        assertFalse(subscriptions.isOpen(channel));
        assertFalse(natsHasInterest(channel), "no NATS subscription before any subscriber");

        try (WsTestClient first = realtime.connect(channel); WsTestClient second = realtime.connect(channel)) {
            first.subscribe(channel);
            assertTrue(subscriptions.isOpen(channel));
            assertTrue(natsHasInterest(channel), "NATS subscription after the first subscribe");
            int openBefore = subscriptions.openChannels();
            second.subscribe(channel);
            assertEquals(openBefore, subscriptions.openChannels(), "a second subscriber shares the NATS subscription");

            first.send("{\"op\":\"unsubscribe\",\"channel\":\"" + channel + "\"}");
            assertEquals("unsubscribed", nextReply(first).get("op").getAsString());
            assertTrue(subscriptions.isOpen(channel), "still wanted by the second connection");

            second.close(); // disconnect without unsubscribing
            assertEventually("the last subscriber's disconnect ends the interest", () -> !subscriptions.isOpen(channel));
            assertEventually("no NATS subscription after both left", () -> !natsHasInterest(channel));
        }
    }

    @Test
    void concurrentSubscribesUnsubscribesAndDisconnectsLeaveNoInterestBehind() throws Exception {
        String channel = "interest:churn";
        Subscriptions subscriptions = realtime.server.subscriptions();
        List<WsTestClient> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clients.add(realtime.connect(channel));
        }
        String subscribe = "{\"op\":\"subscribe\",\"channel\":\"" + channel + "\"}";
        String unsubscribe = "{\"op\":\"unsubscribe\",\"channel\":\"" + channel + "\"}";
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                WsTestClient client = clients.get(i);
                boolean disconnectMidway = i % 2 == 0;
                running.add(threads.submit(() -> {
                    for (int round = 0; round < 30; round++) {
                        client.send(subscribe);
                        if (disconnectMidway && round == 15) {
                            client.close(); // gone while subscribed, maybe while the server handles the subscribe
                            return null;
                        }
                        client.send(unsubscribe);
                    }
                    client.send(subscribe);
                    return null;
                }));
            }
            for (Future<?> task : running) {
                task.get(20, TimeUnit.SECONDS);
            }
        }
        WsTestClient survivor = clients.get(1);
        for (int reply = 1; reply < 61; reply++) {
            nextReply(survivor); // the server answers in order: after 61 replies it has handled every command
        }
        assertEquals("subscribed", nextReply(survivor).get("op").getAsString());
        assertTrue(subscriptions.isOpen(channel));
        assertTrue(natsHasInterest(channel));

        assertEquals(0, realtime.server.natsReconnects(), "concurrent subscribes must not make NATS reconnect");

        clients.forEach(WsTestClient::close);
        assertEventually("no interest once every connection is gone", () -> !subscriptions.isOpen(channel));
        assertEventually("sessions all ended", () -> realtime.server.openSessions() == 0);
        assertEventually("no leaked NATS subscription", () -> !natsHasInterest(channel));
    }

    /** The next reply to a command, skipping events (the probe's requests arrive as events). */
    private static JsonObject nextReply(WsTestClient client) throws InterruptedException {
        while (true) {
            JsonObject frame = client.next();
            if (frame.has("op")) {
                return frame;
            }
        }
    }

    /**
     * Asks NATS itself (the unsubscribe travels on realtime's own connection, so it shows here a moment later): a request on the channel's subject is refused at once with "no responders"
     * when nobody subscribes; with a subscriber it is delivered and simply gets no reply.
     */
    private static boolean natsHasInterest(String channel) {
        CompletableFuture<Message> reply = probe.request(Channels.subject(channel), "{\"probe\":true}".getBytes(StandardCharsets.UTF_8));
        try {
            reply.get(500, TimeUnit.MILLISECONDS);
            return true;
        } catch (CancellationException | ExecutionException noResponders) {
            return false;
        } catch (TimeoutException delivered) {
            reply.cancel(true);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
