package io.hongyan.dispatch.nats;

import io.hongyan.dispatch.core.StatusEvents;
import io.hongyan.platform.nats.NatsTraceHeaders;
import io.hongyan.platform.realtime.Channels;
import io.hongyan.proto.v1.StatusEvent;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Status events on core NATS: proto3 JSON of {@link StatusEvent} on the subjects of the realtime
 * channels {@code message:<id>} and {@code app:<app>:status}, with the current trace in the headers.
 * Events are fire-and-forget: a status change is never undone because its event could not be sent.
 */
public final class NatsStatusEvents implements StatusEvents {
    private static final Logger LOG = Logger.getLogger(NatsStatusEvents.class.getName());

    private final Connection nats;
    private final Duration confirmTimeout;
    /** One flush at a time; see {@link #publishConfirmed}. */
    private final ReentrantLock flushing = new ReentrantLock();
    private final AtomicLong confirmsRequested = new AtomicLong();
    private long confirmsCovered; // guarded by flushing

    public NatsStatusEvents(Connection nats, Duration confirmTimeout) {
        this.nats = nats;
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public void publish(StatusEvent event) {
        byte[] json = StatusEventJson.print(event).getBytes(StandardCharsets.UTF_8);
        Headers headers = NatsTraceHeaders.current();
        nats.publish(Channels.subject(Channels.message(event.getRecord().getMessageId())), headers, json);
        nats.publish(Channels.subject(Channels.appStatus(event.getRecord().getAppId())), headers, json);
    }

    /**
     * Publishes, then waits for a flush (PING/PONG) that began after the publish: NATS handles a
     * connection's messages in order, so its PONG means the event reached the server. Flushes are
     * shared, one at a time: a caller whose publish was queued before a flush began returns with
     * that flush, so concurrent submits cost one PING per round trip instead of one each (each PING
     * is a write on the connection, a PONG to read and a waiter to wake; and jnats counts PINGs
     * in flight against maxPingsOut).
     */
    @Override
    public void publishConfirmed(StatusEvent event) {
        publish(event);
        long ticket = confirmsRequested.incrementAndGet();
        flushing.lock();
        try {
            if (confirmsCovered >= ticket) {
                return;
            }
            long covering = confirmsRequested.get();
            try {
                nats.flush(confirmTimeout);
            } catch (TimeoutException e) {
                LOG.warning(() -> "NATS did not confirm the " + event.getRecord().getStatus() + " event of message "
                        + event.getRecord().getMessageId() + " within " + confirmTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                // A failed or timed-out flush releases its group too: waiting longer would not confirm them either.
                confirmsCovered = covering;
            }
        } finally {
            flushing.unlock();
        }
    }
}
