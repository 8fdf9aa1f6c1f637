package io.hongyan.dispatch.core;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.hongyan.wechat.api.ErrorClass;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** dispatch-service's meters, named hongyan_dispatch_*. */
public final class DispatchMetrics {
    private final MeterRegistry registry;

    public DispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A SubmitMessage answered; {@code result} is accepted, duplicate, or the error code it was refused with. */
    public void submit(String result) {
        registry.getOrCreate(Counter.builder("hongyan_dispatch_submits")
                .description("SubmitMessage calls, by result")
                .tags(Metrics.tags("result", result))).increment();
    }

    /** A WeChat send call made, by app and error class of its answer. */
    public void send(String appId, ErrorClass errorClass) {
        registry.getOrCreate(Counter.builder("hongyan_dispatch_sends")
                .description("WeChat send API calls, by app and error class of the answer")
                .tags(Metrics.tags("app", appId, "class", errorClass.name().toLowerCase(Locale.ROOT)))).increment();
    }

    /** A message put back for a later attempt. */
    public void retry(String appId) {
        registry.getOrCreate(Counter.builder("hongyan_dispatch_retries")
                .description("Messages scheduled for another attempt after a backoff")
                .tags(Metrics.tags("app", appId))).increment();
    }

    /**
     * Registers the gauges of one running dispatch; closing the handle removes them again, so a
     * later instance in the same JVM (tests) reports its own values rather than a stopped one's.
     */
    public AutoCloseable gauges(Supplier<Integer> sendersBusy, Supplier<Long> backlog) {
        List<Gauge<?>> gauges = List.of(
                registry.getOrCreate(Gauge.builder("hongyan_dispatch_senders_busy", sendersBusy)
                        .description("Senders working on a message now")),
                registry.getOrCreate(Gauge.builder("hongyan_dispatch_backlog", backlog)
                        .description("Messages in the dispatch stream not yet acknowledged (waiting, in flight or backing off)")));
        return () -> gauges.forEach(registry::remove);
    }
}
