package io.hongyan.realtime.nats;

import io.hongyan.platform.nats.NatsTraceHeaders;
import io.hongyan.platform.nats.SharedFlush;
import io.hongyan.platform.realtime.Channels;
import io.hongyan.platform.tracing.Tracing;
import io.hongyan.realtime.ChannelFeed;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Channel events from core NATS: one dispatcher (one delivery thread) for the whole process,
 * subscribed to {@link Channels#subject} of exactly the channels that have local subscribers.
 * Messages of one subject arrive in publish order on that thread, which keeps per-channel order.
 */
public final class NatsChannelFeed implements ChannelFeed {
    private static final Logger LOG = Logger.getLogger(NatsChannelFeed.class.getName());
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

    private final Connection nats;
    private final Dispatcher dispatcher;
    private final EventSink sink;
    private final SharedFlush flush;

    public NatsChannelFeed(Connection nats, EventSink sink) {
        this.nats = nats;
        this.sink = sink;
        this.flush = new SharedFlush(nats, CONFIRM_TIMEOUT);
        this.dispatcher = nats.createDispatcher(this::onMessage);
        // The dispatcher only hands frames to bounded per-connection queues, so it keeps up; the
        // limits only matter if it stalls, and then dropping beats unbounded memory.
        dispatcher.setPendingLimits(100_000, 256L * 1024 * 1024);
    }

    @Override
    public void open(String channel) {
        dispatcher.subscribe(Channels.subject(channel));
    }

    @Override
    public void close(String channel) {
        dispatcher.unsubscribe(Channels.subject(channel));
    }

    /**
     * Waits until NATS has the subscriptions made so far (a shared flush: jnats treats more than
     * maxPingsOut unanswered PINGs as a dead connection, so concurrent subscribers must not each
     * send their own). On failure NATS re-sends subscriptions when it reconnects.
     */
    @Override
    public void confirm() {
        if (!flush.await()) {
            LOG.fine("NATS flush did not complete; subscriptions take effect when NATS is back");
        }
    }

    /** Unsubscribes everything and lets the dispatcher hand over what it already received. */
    @Override
    public void close() {
        try {
            dispatcher.drain(DRAIN_TIMEOUT).get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            LOG.log(Level.FINE, "dispatcher drain did not finish", e);
        }
    }

    private void onMessage(Message message) {
        String channel = channelOf(message.getSubject());
        Span span = Tracing.tracer().spanBuilder("realtime fan-out")
                .setParent(NatsTraceHeaders.of(message))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("hongyan.channel", channel)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            sink.accept(channel, new String(message.getData(), StandardCharsets.UTF_8));
        } finally {
            span.end();
        }
    }

    /** Inverse of {@link Channels#subject}: channel segments hold no '.', so the mapping is exact. */
    private static String channelOf(String subject) {
        return subject.substring(Channels.SUBJECT_PREFIX.length()).replace('.', ':');
    }
}
