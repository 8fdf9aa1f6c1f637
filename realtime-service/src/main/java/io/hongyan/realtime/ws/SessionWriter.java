package io.hongyan.realtime.ws;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsSession;
import io.hongyan.realtime.RealtimeMetrics;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The only writer of one WebSocket session: a bounded queue drained by the connection's own virtual
 * thread, so no producer (the NATS dispatcher above all) ever waits for this client's socket, and
 * frames leave in the order they were queued. Helidon's session is not safe for concurrent sends,
 * which is one more reason every frame goes through here.
 */
final class SessionWriter {

    /** What the writer sends. */
    sealed interface Outbound {
    }

    record Text(String json) implements Outbound {
    }

    record Ping() implements Outbound {
    }

    record Pong(byte[] data) implements Outbound {
    }

    /** Wakes a waiting writer so that it notices a close request or a stop. */
    private record Wake() implements Outbound {
    }

    private static final Outbound WAKE = new Wake();
    private static final Duration FENCE_TIMEOUT = Duration.ofSeconds(1);

    private final WsSession session;
    private final BlockingQueue<Outbound> queue;
    private final RealtimeMetrics metrics;
    private final Runnable onWriteFailure;
    private final AtomicReference<CloseReason> closing = new AtomicReference<>();
    private final ReentrantLock writing = new ReentrantLock();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long writeStartedNanos;

    /** @param onWriteFailure called (on the writer thread) when the socket refuses a write */
    SessionWriter(WsSession session, int capacity, RealtimeMetrics metrics, Runnable onWriteFailure) {
        this.session = session;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.metrics = metrics;
        this.onWriteFailure = onWriteFailure;
        this.thread = Thread.ofVirtual().name("ws-writer").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /**
     * Queues a frame without waiting. False when the queue is full: the client is not keeping up.
     * Once the session is closing, frames are dropped (and true returned): nothing follows a close.
     */
    boolean offer(Outbound frame) {
        if (stopped || closing.get() != null) {
            return true;
        }
        return queue.offer(frame);
    }

    /** Sends a close frame next, dropping what is still queued. True for the first request only. */
    boolean close(CloseReason reason) {
        if (!closing.compareAndSet(null, reason)) {
            return false;
        }
        queue.offer(WAKE); // fails only on a full queue, and then the writer is busy, not waiting
        return true;
    }

    /**
     * Gives the close frame up to {@code grace} to leave. A writer still stuck on the socket by then
     * is interrupted; interrupting a virtual thread blocked on a socket closes that socket.
     */
    void awaitClosed(Duration grace) throws InterruptedException {
        if (!thread.join(grace)) {
            thread.interrupt();
        }
    }

    /**
     * The peer closed: never write again, and wait briefly for a write in progress, because Helidon
     * answers the close on its own thread and two concurrent sends would interleave on the wire.
     */
    void stop() {
        stopped = true;
        queue.offer(WAKE);
        try {
            if (writing.tryLock(FENCE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                writing.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The connection is gone: end the writer thread wherever it is. */
    void terminate() {
        stopped = true;
        thread.interrupt();
    }

    /** Whether one write has been blocked on the socket for longer than {@code limit}. */
    boolean stuckLongerThan(Duration limit) {
        long started = writeStartedNanos;
        return started != 0 && System.nanoTime() - started > limit.toNanos();
    }

    private void run() {
        try {
            while (!stopped) {
                CloseReason reason = closing.get();
                if (reason != null) {
                    write(() -> session.close(reason.code(), reason.text()));
                    return;
                }
                switch (queue.take()) {
                    case Text text -> {
                        write(() -> session.send(text.json(), true));
                        metrics.frameSent();
                    }
                    case Ping ignored -> write(() -> session.ping(BufferData.create(BufferData.EMPTY_BYTES)));
                    case Pong pong -> write(() -> session.pong(BufferData.create(pong.data())));
                    case Wake ignored -> {
                        // loop around to look at closing and stopped
                    }
                }
            }
        } catch (InterruptedException e) {
            // terminated, or a close frame could not leave in time
        } catch (RuntimeException socketGone) {
            if (!stopped) {
                onWriteFailure.run();
            }
        }
    }

    private void write(Runnable send) {
        writing.lock();
        try {
            if (stopped) {
                return;
            }
            writeStartedNanos = System.nanoTime() | 1; // never 0, which means "not writing"
            send.run();
        } finally {
            writeStartedNanos = 0;
            writing.unlock();
        }
    }
}
