package io.hongyan.platform.nats;

import io.helidon.config.Config;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Opens the process's NATS connection; it reconnects forever, since NATS restarts must not kill a service.
 * Every {@code flush()} is a PING, and jnats counts outstanding PINGs against {@code maxPingsOut}
 * (default 2) when its ping timer fires: with many threads flushing at once (dispatch announcing
 * ACCEPTED, realtime confirming subscriptions) a healthy connection was declared stale and
 * reconnected, dropping every subscription for a moment. A dead socket is still noticed at once.
 */
public final class NatsConnector {
    private NatsConnector() {
    }

    /** Reads {@code nats.url} (default {@code nats://127.0.0.1:4222}). */
    public static Connection connect(Config natsConfig, String connectionName) {
        Options options = Options.builder()
                .server(natsConfig.get("url").asString().orElse("nats://127.0.0.1:4222"))
                .connectionName(connectionName)
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500))
                .maxPingsOut(256)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        try {
            return Nats.connect(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to NATS at " + options.getServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to NATS", e);
        }
    }
}
