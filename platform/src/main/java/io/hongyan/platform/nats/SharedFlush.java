package io.hongyan.platform.nats;

import io.nats.client.Connection;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Confirms that what this connection published (or subscribed) so far has reached the NATS
 * server: a flush (PING/PONG) that began after the call. NATS handles a connection's protocol
 * in order, so that PONG covers everything sent before it.
 *
 * <p>Flushes are shared, one at a time: a caller whose work was queued before a flush began
 * returns with that flush, so concurrent callers cost one PING per round trip instead of one
 * each (a PING is a write, a PONG to read and a waiter to wake, and jnats counts PINGs in flight
 * against maxPingsOut). A failed or timed-out flush releases its group too: waiting longer would
 * not confirm them either.
 */
public final class SharedFlush {
    private final Connection nats;
    private final Duration timeout;
    private final ReentrantLock flushing = new ReentrantLock();
    private final AtomicLong requested = new AtomicLong();
    private long covered; // guarded by flushing

    public SharedFlush(Connection nats, Duration timeout) {
        this.nats = nats;
        this.timeout = timeout;
    }

    /** True once a flush that began after this call completed; false if it failed or timed out. */
    public boolean await() {
        long ticket = requested.incrementAndGet();
        flushing.lock();
        try {
            if (covered >= ticket) {
                return true;
            }
            long covering = requested.get();
            try {
                nats.flush(timeout);
                return true;
            } catch (TimeoutException | IllegalStateException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                covered = covering;
            }
        } finally {
            flushing.unlock();
        }
    }
}
