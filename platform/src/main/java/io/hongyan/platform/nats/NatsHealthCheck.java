package io.hongyan.platform.nats;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.nats.client.Connection;

/** Ready only while the NATS connection is up. */
public final class NatsHealthCheck implements HealthCheck {
    private final Connection connection;

    public NatsHealthCheck(Connection connection) {
        this.connection = connection;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "nats";
    }

    @Override
    public HealthCheckResponse call() {
        Connection.Status status = connection.getStatus();
        return HealthCheckResponse.builder()
                .status(status == Connection.Status.CONNECTED)
                .detail("status", status.name())
                .build();
    }
}
