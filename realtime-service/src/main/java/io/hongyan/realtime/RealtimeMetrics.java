package io.hongyan.realtime;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code hongyan_realtime_*} meters. There is one instance per process because the metrics
 * registry is per process: several servers in one JVM (tests) add up, as replicas do in Prometheus.
 */
public final class RealtimeMetrics {
    private static final RealtimeMetrics PROCESS = new RealtimeMetrics(Metrics.globalRegistry());

    private final MeterRegistry registry;
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong subscriptions = new AtomicLong();
    private final AtomicLong channels = new AtomicLong();
    private final Counter framesSent;
    private final Counter slowConsumersClosed;
    private final Counter publishes;

    private RealtimeMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.getOrCreate(Gauge.builder("hongyan_realtime_connections", connections::get)
                .description("Open WebSocket connections"));
        registry.getOrCreate(Gauge.builder("hongyan_realtime_subscriptions", subscriptions::get)
                .description("Channel subscriptions held by open connections"));
        registry.getOrCreate(Gauge.builder("hongyan_realtime_channels", channels::get)
                .description("Channels with a NATS subscription (at least one local subscriber)"));
        framesSent = registry.getOrCreate(Counter.builder("hongyan_realtime_frames_sent")
                .description("Frames written to WebSocket connections"));
        slowConsumersClosed = registry.getOrCreate(Counter.builder("hongyan_realtime_slow_consumers_closed")
                .description("Connections closed because their outbound queue was full"));
        publishes = registry.getOrCreate(Counter.builder("hongyan_realtime_publishes")
                .description("Events published through the Publish RPC"));
    }

    public static RealtimeMetrics process() {
        return PROCESS;
    }

    public void connectionOpened() {
        connections.incrementAndGet();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    public void subscriptionsChanged(int delta) {
        subscriptions.addAndGet(delta);
    }

    void channelOpened() {
        channels.incrementAndGet();
    }

    void channelClosed() {
        channels.decrementAndGet();
    }

    public void frameSent() {
        framesSent.increment();
    }

    public void slowConsumerClosed() {
        slowConsumersClosed.increment();
    }

    public void published() {
        publishes.increment();
    }

    /** Counts one rejected input by its error code (unauthorized, forbidden, bad_request, invalid_field, …). */
    public void rejected(String code) {
        registry.getOrCreate(Counter.builder("hongyan_realtime_rejected")
                .description("Rejected client frames, connections, publishes and events, by code")
                .tags(List.of(Tag.create("code", code)))).increment();
    }

    public long slowConsumersClosedCount() {
        return slowConsumersClosed.count();
    }
}
