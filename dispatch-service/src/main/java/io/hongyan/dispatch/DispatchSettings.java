package io.hongyan.dispatch;

import io.helidon.config.Config;
import io.hongyan.dispatch.core.RetryPolicy;
import io.hongyan.dispatch.nats.StreamSettings;

import java.time.Duration;

/**
 * The {@code dispatch.*} settings (durations in ISO-8601, e.g. {@code PT1S}); defaults and meaning
 * in application.yaml.
 */
record DispatchSettings(
        Senders senders,
        StreamSettings stream,
        RetryPolicy retry,
        Records records,
        Duration tokenTimeout,
        Duration tokenCacheMaxAge,
        Duration wechatConnectTimeout,
        Duration wechatRequestTimeout,
        Duration backlogRefresh) {

    static final long GIBIBYTE = 1L << 30;

    static DispatchSettings from(Config dispatch) {
        Senders senders = new Senders(
                dispatch.get("senders.enabled").asBoolean().orElse(true),
                dispatch.get("senders.concurrency").asInt().orElse(64),
                duration(dispatch, "senders.fetch-wait", Duration.ofSeconds(1)),
                duration(dispatch, "senders.shutdown-grace", Duration.ofSeconds(15)));
        StreamSettings stream = new StreamSettings(
                dispatch.get("stream.max-bytes").asLong().orElse(GIBIBYTE),
                dispatch.get("stream.replicas").asInt().orElse(1),
                duration(dispatch, "stream.publish-timeout", Duration.ofSeconds(5)),
                duration(dispatch, "consumer.ack-wait", Duration.ofSeconds(60)),
                dispatch.get("consumer.max-ack-pending").asLong().orElse(10_000L));
        if (stream.maxAckPending() < senders.concurrency()) {
            throw new IllegalArgumentException("dispatch.consumer.max-ack-pending must be at least dispatch.senders.concurrency");
        }
        RetryPolicy retry = new RetryPolicy(
                duration(dispatch, "retry.initial-backoff", Duration.ofSeconds(1)),
                dispatch.get("retry.multiplier").asDouble().orElse(2.0),
                duration(dispatch, "retry.max-backoff", Duration.ofMinutes(5)),
                dispatch.get("retry.max-attempts").asInt().orElse(6));
        Records records = new Records(
                duration(dispatch, "records.status-ttl", Duration.ofDays(7)),
                duration(dispatch, "records.idempotency-ttl", Duration.ofHours(24)),
                duration(dispatch, "records.unfinished-submit-after", Duration.ofSeconds(5)),
                duration(dispatch, "records.announce-wait", Duration.ofSeconds(2)));
        return new DispatchSettings(senders, stream, retry, records,
                duration(dispatch, "token.timeout", Duration.ofSeconds(6)),
                durationOrZero(dispatch, "token.cache-max-age", Duration.ofSeconds(30)),
                duration(dispatch, "wechat.connect-timeout", Duration.ofSeconds(2)),
                duration(dispatch, "wechat.request-timeout", Duration.ofSeconds(5)),
                duration(dispatch, "backlog-refresh", Duration.ofSeconds(5)));
    }

    private static Duration duration(Config dispatch, String key, Duration fallback) {
        Duration value = dispatch.get(key).as(Duration.class).orElse(fallback);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("dispatch." + key + " must be positive");
        }
        return value;
    }

    private static Duration durationOrZero(Config dispatch, String key, Duration fallback) {
        Duration value = dispatch.get(key).as(Duration.class).orElse(fallback);
        if (value.isNegative()) {
            throw new IllegalArgumentException("dispatch." + key + " must not be negative");
        }
        return value;
    }

    /**
     * @param enabled       false: accept only, deliver nothing (the stream keeps everything)
     * @param concurrency   senders working at once, at most
     * @param fetchWait     how long one fetch from the stream waits for messages (at least 1 s)
     * @param shutdownGrace how long a shutdown waits for sends in flight
     */
    record Senders(boolean enabled, int concurrency, Duration fetchWait, Duration shutdownGrace) {
        Senders {
            if (concurrency < 1) {
                throw new IllegalArgumentException("dispatch.senders.concurrency must be at least 1");
            }
            if (fetchWait.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("dispatch.senders.fetch-wait must be at least PT1S");
            }
        }
    }

    /**
     * @param statusTtl               how long a status record lives after its last change
     * @param idempotencyTtl          how long an idempotency key holds
     * @param unfinishedSubmitAfter   age of an idempotency key without a status record after which its
     *                                submit is taken to have died half-way, and a retry publishes the message again
     * @param announceWait            how long a sender waits for the submit to announce ACCEPTED before doing it itself
     */
    record Records(Duration statusTtl, Duration idempotencyTtl, Duration unfinishedSubmitAfter, Duration announceWait) {
    }
}
