package io.hongyan.realtime;

import io.helidon.config.Config;
import io.hongyan.platform.config.ServiceConfig;

import java.time.Duration;

/**
 * The {@code hongyan.realtime} settings.
 *
 * @param tokenSecret                   HMAC secret of subscriber tokens (shared with ingress, which issues them)
 * @param maxSubscriptionsPerConnection channels one connection may hold at once
 * @param outboundQueueFrames           frames queued for one connection before it counts as a slow consumer
 * @param maxInboundFrameBytes          largest client message accepted
 * @param heartbeatInterval             how often the server pings; a connection silent for two intervals is closed
 */
public record RealtimeSettings(String tokenSecret,
                               int maxSubscriptionsPerConnection,
                               int outboundQueueFrames,
                               int maxInboundFrameBytes,
                               Duration heartbeatInterval) {

    public RealtimeSettings {
        requirePositive(maxSubscriptionsPerConnection, "max-subscriptions-per-connection");
        requirePositive(outboundQueueFrames, "outbound-queue-frames");
        requirePositive(maxInboundFrameBytes, "max-inbound-frame-bytes");
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("hongyan.realtime.heartbeat-interval must be positive");
        }
    }

    /** Reads the {@code hongyan.realtime} node; fails without a token secret. */
    public static RealtimeSettings from(Config realtime) {
        return new RealtimeSettings(
                ServiceConfig.required(realtime.get("token-secret"), "secret that verifies subscriber tokens"),
                realtime.get("max-subscriptions-per-connection").asInt().orElse(100),
                realtime.get("outbound-queue-frames").asInt().orElse(1024),
                realtime.get("max-inbound-frame-bytes").asInt().orElse(4096),
                realtime.get("heartbeat-interval").as(Duration.class).orElse(Duration.ofSeconds(30)));
    }

    private static void requirePositive(int value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException("hongyan.realtime." + key + " must be positive, was " + value);
        }
    }
}
