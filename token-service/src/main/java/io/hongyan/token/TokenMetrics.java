package io.hongyan.token;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;

import java.util.List;

/** The service's counters, in the process-wide Helidon registry that /observe/metrics serves. */
public final class TokenMetrics {
    /** Requests for apps we do not know are counted under one tag value, so bad input cannot grow the registry. */
    private static final String UNKNOWN_APP_TAG = "unknown";

    private final MeterRegistry registry;

    public TokenMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One GetAccessToken answer, by app and outcome (cached, refreshed, waited, near_expiry, refused, …). */
    public void request(String appId, String outcome) {
        counter("hongyan_token_requests", "GetAccessToken calls by app and outcome", appId, "outcome", outcome).increment();
    }

    public void unknownApp() {
        request(UNKNOWN_APP_TAG, "unknown_app");
    }

    /** One call to WeChat's token API, by app and result (issued, forced, refused, unreachable). */
    public void refresh(String appId, String result) {
        counter("hongyan_token_refreshes", "calls to WeChat's token API by app and result", appId, "result", result).increment();
    }

    /** A caller found another one refreshing and had to wait for its token. */
    public void lockWait(String appId) {
        registry.getOrCreate(Counter.builder("hongyan_token_lock_waits")
                .description("GetAccessToken calls that waited for another caller's refresh")
                .tags(List.of(Tag.create("app", appId)))).increment();
    }

    private Counter counter(String name, String description, String appId, String tag, String value) {
        return registry.getOrCreate(Counter.builder(name)
                .description(description)
                .tags(List.of(Tag.create("app", appId), Tag.create(tag, value))));
    }
}
