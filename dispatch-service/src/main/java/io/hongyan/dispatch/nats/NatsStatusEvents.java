package io.hongyan.dispatch.nats;

import io.hongyan.dispatch.core.StatusEvents;
import io.hongyan.platform.nats.NatsTraceHeaders;
import io.hongyan.platform.nats.SharedFlush;
import io.hongyan.platform.realtime.Channels;
import io.hongyan.proto.v1.StatusEvent;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Status events on core NATS: proto3 JSON of {@link StatusEvent} on the subjects of the realtime
 * channels {@code message:<id>} and {@code app:<app>:status}, with the current trace in the headers.
 * Events are fire-and-forget: a status change is never undone because its event could not be sent.
 */
public final class NatsStatusEvents implements StatusEvents {
    private static final Logger LOG = Logger.getLogger(NatsStatusEvents.class.getName());

    private final Connection nats;
    private final Duration confirmTimeout;
    private final SharedFlush flush;

    public NatsStatusEvents(Connection nats, Duration confirmTimeout) {
        this.nats = nats;
        this.confirmTimeout = confirmTimeout;
        this.flush = new SharedFlush(nats, confirmTimeout);
    }

    @Override
    public void publish(StatusEvent event) {
        byte[] json = StatusEventJson.print(event).getBytes(StandardCharsets.UTF_8);
        Headers headers = NatsTraceHeaders.current();
        nats.publish(Channels.subject(Channels.message(event.getRecord().getMessageId())), headers, json);
        nats.publish(Channels.subject(Channels.appStatus(event.getRecord().getAppId())), headers, json);
    }

    /**
     * Publishes, then waits until the event reached the NATS server (a shared flush), so that a
     * sender in another replica cannot publish a later status of the message before this one.
     */
    @Override
    public void publishConfirmed(StatusEvent event) {
        publish(event);
        if (!flush.await()) {
            LOG.warning(() -> "NATS did not confirm the " + event.getRecord().getStatus() + " event of message "
                    + event.getRecord().getMessageId() + " within " + confirmTimeout);
        }
    }
}
