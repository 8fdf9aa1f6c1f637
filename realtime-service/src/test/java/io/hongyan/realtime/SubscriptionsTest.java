package io.hongyan.realtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The interest registry without NATS: open/close strictly alternate per channel, whatever the threads do. */
class SubscriptionsTest {

    /** A feed that fails the test if it is opened twice or closed while closed. */
    private static final class StrictFeed implements ChannelFeed {
        final AtomicBoolean open = new AtomicBoolean();
        final AtomicInteger opens = new AtomicInteger();
        final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        EventSink sink;

        @Override
        public void open(String channel) {
            opens.incrementAndGet();
            if (!open.compareAndSet(false, true)) {
                violations.add("opened twice");
            }
        }

        @Override
        public void close(String channel) {
            if (!open.compareAndSet(true, false)) {
                violations.add("closed while closed");
            }
        }

        @Override
        public void confirm() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void firstArrivalOpensAndLastDepartureClosesUnderContention() throws Exception {
        StrictFeed feed = new StrictFeed();
        Subscriptions subscriptions = new Subscriptions(sink -> {
            feed.sink = sink;
            return feed;
        }, RealtimeMetrics.process());
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Subscriber subscriber = frame -> {
                };
                running.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        subscriptions.add("hot:channel", subscriber);
                        subscriptions.remove("hot:channel", subscriber);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> task : running) {
                task.get(30, TimeUnit.SECONDS);
            }
        }
        assertEquals(List.of(), List.copyOf(feed.violations));
        assertFalse(feed.open.get(), "closed after the last subscriber left");
        assertFalse(subscriptions.isOpen("hot:channel"));
        assertTrue(feed.opens.get() > 1, "the channel was reopened along the way");
    }

    @Test
    void deliversValidEventsToTheChannelsSubscribersOnly() {
        StrictFeed feed = new StrictFeed();
        Subscriptions subscriptions = new Subscriptions(sink -> {
            feed.sink = sink;
            return feed;
        }, RealtimeMetrics.process());
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        subscriptions.add("c:a", a::add);
        subscriptions.add("c:b", b::add);

        feed.sink.accept("c:a", "{\"n\":1}");
        feed.sink.accept("c:a", "not json"); // not an object or array: dropped
        feed.sink.accept("c:a", "7");
        feed.sink.accept("c:none", "{\"n\":2}");

        assertEquals(List.of("{\"channel\":\"c:a\",\"data\":{\"n\":1}}"), a);
        assertEquals(List.of(), b);
    }
}
