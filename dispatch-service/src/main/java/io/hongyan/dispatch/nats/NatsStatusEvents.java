package io.hongyan.dispatch.nats;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.hongyan.dispatch.core.StatusEvents;
import io.hongyan.platform.nats.NatsTraceHeaders;
import io.hongyan.platform.realtime.Channels;
import io.hongyan.proto.v1.StatusEvent;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Status events on core NATS: proto3 JSON of {@link StatusEvent} on the subjects of the realtime
 * channels {@code message:<id>} and {@code app:<app>:status}, with the current trace in the headers.
 * Events are fire-and-forget: a status change is never undone because its event could not be sent.
 */
public final class NatsStatusEvents implements StatusEvents {
    private static final Logger LOG = Logger.getLogger(NatsStatusEvents.class.getName());
    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    private final Connection nats;
    private final Duration confirmTimeout;

    public NatsStatusEvents(Connection nats, Duration confirmTimeout) {
        this.nats = nats;
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public void publish(StatusEvent event) {
        byte[] json;
        try {
            json = JSON.print(event).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("status event cannot be printed as JSON", e);
        }
        Headers headers = NatsTraceHeaders.current();
        nats.publish(Channels.subject(Channels.message(event.getRecord().getMessageId())), headers, json);
        nats.publish(Channels.subject(Channels.appStatus(event.getRecord().getAppId())), headers, json);
    }

    @Override
    public void publishConfirmed(StatusEvent event) {
        publish(event);
        try {
            nats.flush(confirmTimeout);
        } catch (TimeoutException e) {
            LOG.warning(() -> "NATS did not confirm the " + event.getRecord().getStatus() + " event of message "
                    + event.getRecord().getMessageId() + " within " + confirmTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
