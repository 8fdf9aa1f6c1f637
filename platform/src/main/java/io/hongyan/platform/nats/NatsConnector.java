package io.hongyan.platform.nats;

import io.helidon.config.Config;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** Opens the process's NATS connection; it reconnects forever, since NATS restarts must not kill a service. */
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
