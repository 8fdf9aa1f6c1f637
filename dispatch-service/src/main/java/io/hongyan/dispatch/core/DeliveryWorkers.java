package io.hongyan.dispatch.core;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bounded pool of senders. One loop takes from the work queue only as many messages as there
 * are free senders (a semaphore of {@code concurrency} permits) and runs each on its own virtual
 * thread, which frees its permit when done. The backlog therefore stays in the queue, never in memory.
 *
 * <p>Closing stops taking messages and waits (bounded) for the sends in flight; whatever is still
 * unacknowledged afterwards is redelivered by the queue.
 */
public final class DeliveryWorkers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeliveryWorkers.class.getName());
    private static final Duration PAUSE_AFTER_QUEUE_ERROR = Duration.ofSeconds(1);

    private final WorkQueue queue;
    private final Delivery delivery;
    private final int concurrency;
    private final Duration fetchWait;
    private final Duration shutdownGrace;
    private final Semaphore freeSenders;
    private final AtomicInteger busy = new AtomicInteger();
    private final Thread loop;
    private volatile boolean running = true;

    private DeliveryWorkers(WorkQueue queue, Delivery delivery, int concurrency, Duration fetchWait, Duration shutdownGrace) {
        this.queue = queue;
        this.delivery = delivery;
        this.concurrency = concurrency;
        this.fetchWait = fetchWait;
        this.shutdownGrace = shutdownGrace;
        this.freeSenders = new Semaphore(concurrency);
        this.loop = Thread.ofPlatform().name("dispatch-fetch").daemon().unstarted(this::fetchLoop);
    }

    /**
     * Starts taking messages.
     *
     * @param fetchWait     how long one fetch waits for messages (also how soon a close is noticed)
     * @param shutdownGrace how long a close waits for sends in flight
     */
    public static DeliveryWorkers start(WorkQueue queue, Delivery delivery, int concurrency, Duration fetchWait,
                                        Duration shutdownGrace) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("sender concurrency must be at least 1");
        }
        DeliveryWorkers workers = new DeliveryWorkers(queue, delivery, concurrency, fetchWait, shutdownGrace);
        workers.loop.start();
        return workers;
    }

    /** Senders working on a message now. */
    public int busy() {
        return busy.get();
    }

    private void fetchLoop() {
        while (running) {
            try {
                if (!freeSenders.tryAcquire(fetchWait.toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int reserved = 1 + freeSenders.drainPermits();
                AtomicInteger handedOver = new AtomicInteger();
                try {
                    queue.fetch(reserved, fetchWait, item -> {
                        handedOver.incrementAndGet();
                        Thread.ofVirtual().name("dispatch-sender").start(() -> send(item));
                    });
                } finally {
                    freeSenders.release(reserved - handedOver.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "taking messages from the dispatch queue failed; trying again shortly", e);
                pause();
            }
        }
    }

    private void send(WorkItem item) {
        busy.incrementAndGet();
        try {
            delivery.deliver(item);
        } finally {
            busy.decrementAndGet();
            freeSenders.release();
        }
    }

    private void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_QUEUE_ERROR);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        loop.join(fetchWait.plusSeconds(5).toMillis());
        if (!freeSenders.tryAcquire(concurrency, shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warning(() -> busy.get() + " sends still in flight after " + shutdownGrace
                    + "; the dispatch queue redelivers them after its ack wait");
        }
    }
}
