package io.hongyan.realtime.nats;

import io.hongyan.platform.nats.NatsTraceHeaders;
import io.hongyan.platform.realtime.Channels;
import io.hongyan.realtime.Event;
import io.hongyan.realtime.EventPublisher;
import io.nats.client.Connection;

import java.nio.charset.StandardCharsets;

/**
 * Publishes events with core NATS (at most once to each interested replica), carrying the trace
 * context in headers. While NATS is disconnected it refuses instead of buffering, so the caller
 * hears about it and can retry.
 */
public final class NatsEventPublisher implements EventPublisher {
    private final Connection nats;

    public NatsEventPublisher(Connection nats) {
        this.nats = nats;
    }

    @Override
    public Outcome publish(Event event) {
        Connection.Status status = nats.getStatus();
        if (status != Connection.Status.CONNECTED) {
            return new Unavailable("NATS is " + status.name().toLowerCase());
        }
        try {
            nats.publish(Channels.subject(event.channel()), NatsTraceHeaders.current(),
                    event.json().getBytes(StandardCharsets.UTF_8));
            return new Published();
        } catch (IllegalStateException closed) {
            return new Unavailable("NATS connection closed");
        }
    }
}
