package io.hongyan.dispatch.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the senders' consumer every few seconds, so the backlog gauge costs no NATS call per
 * scrape: messages waiting plus messages delivered but not yet acknowledged (in flight or
 * waiting out a retry backoff).
 */
public final class BacklogMonitor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BacklogMonitor.class.getName());

    private final JetStreamManagement jsm;
    private final AtomicLong backlog = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("dispatch-backlog").daemon().factory());

    private BacklogMonitor(JetStreamManagement jsm) {
        this.jsm = jsm;
    }

    public static BacklogMonitor start(Connection nats, Duration every) {
        try {
            BacklogMonitor monitor = new BacklogMonitor(nats.jetStreamManagement());
            monitor.timer.scheduleWithFixedDelay(monitor::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
            return monitor;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach JetStream management", e);
        }
    }

    public long backlog() {
        return backlog.get();
    }

    private void refresh() {
        try {
            ConsumerInfo info = jsm.getConsumerInfo(DispatchStream.NAME, DispatchStream.CONSUMER);
            backlog.set(info.getNumPending() + info.getNumAckPending());
        } catch (Exception e) {
            LOG.log(Level.FINE, "could not read the dispatch consumer's backlog", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
