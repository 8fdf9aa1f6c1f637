package io.hongyan.dispatch.nats;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hongyan.dispatch.core.AcceptedMessage;
import io.hongyan.dispatch.core.WorkItem;
import io.hongyan.dispatch.core.WorkQueue;
import io.hongyan.dispatch.core.WorkQueueRejectedException;
import io.hongyan.platform.nats.NatsTraceHeaders;
import io.hongyan.proto.v1.SubmitMessageRequest;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.impl.Headers;
import io.opentelemetry.context.Context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The work queue on JetStream. A message is stored on {@code hongyan.dispatch.<app>} with:
 * <ul>
 *   <li>body: the {@link SubmitMessageRequest} as protobuf bytes;</li>
 *   <li>{@code Nats-Msg-Id}: the message id (the stream drops a second copy within its duplicate window);</li>
 *   <li>{@value #ACCEPTED_AT}: acceptance time in epoch milliseconds;</li>
 *   <li>{@code traceparent}: the trace of the submit, continued by the delivery.</li>
 * </ul>
 */
public final class JetStreamWorkQueue implements WorkQueue {
    static final String MESSAGE_ID = "Nats-Msg-Id";
    static final String ACCEPTED_AT = "Hongyan-Accepted-At";
    /** JetStream's "store failed" error; with discard=new it is what a full stream answers. */
    private static final int STREAM_STORE_FAILED = 10077;
    private static final Logger LOG = Logger.getLogger(JetStreamWorkQueue.class.getName());

    private final JetStream jetStream;
    private final Duration publishTimeout;
    /** Opened by the fetch loop on its first fetch; only that one thread uses it. */
    private JetStreamSubscription pull;

    private JetStreamWorkQueue(JetStream jetStream, Duration publishTimeout) {
        this.jetStream = jetStream;
        this.publishTimeout = publishTimeout;
    }

    /** Binds to the stream and consumer that {@link DispatchStream#ensure} set up. */
    public static JetStreamWorkQueue open(Connection nats, StreamSettings settings) {
        try {
            JetStream jetStream = nats.jetStream();
            jetStream.getConsumerContext(DispatchStream.NAME, DispatchStream.CONSUMER); // fails now if it is missing
            return new JetStreamWorkQueue(jetStream, settings.publishTimeout());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind to consumer " + DispatchStream.CONSUMER, e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot bind to consumer " + DispatchStream.CONSUMER + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void publish(AcceptedMessage message) {
        Headers headers = NatsTraceHeaders.current();
        headers.put(ACCEPTED_AT, Long.toString(message.acceptedAt().toEpochMilli()));
        PublishOptions options = PublishOptions.builder()
                .messageId(message.messageId())
                .expectedStream(DispatchStream.NAME)
                .streamTimeout(publishTimeout)
                .build();
        try {
            jetStream.publish(DispatchStream.subject(message.appId()), headers, message.request().toByteArray(), options);
        } catch (JetStreamApiException e) {
            boolean full = e.getApiErrorCode() == STREAM_STORE_FAILED && String.valueOf(e.getErrorDescription()).contains("maximum");
            throw new WorkQueueRejectedException(full, "dispatch stream refused the message: " + e.getErrorDescription(), e);
        } catch (IOException e) {
            // Includes the publish ack not arriving within publishTimeout: the message may or may
            // not be stored, so the submit fails and the client retries (the same idempotency key
            // or a new id; a stored orphan is still delivered).
            throw new WorkQueueRejectedException(false, "dispatch stream did not confirm the message: " + e.getMessage(), e);
        }
    }

    /**
     * Fetches through one pull subscription kept open across fetches. A fetch per new subscription
     * (jnats' ConsumerContext.fetch) dropped a message the server sent just as that fetch timed
     * out: it stayed unacked until the ack wait (60 s) ran out. On a kept subscription a late
     * message waits in the subscription for the next fetch.
     */
    @Override
    public int fetch(int max, Duration maxWait, Consumer<WorkItem> onItem) {
        int handedOver = 0;
        try {
            if (pull == null) {
                pull = jetStream.subscribe(null, PullSubscribeOptions.bind(DispatchStream.NAME, DispatchStream.CONSUMER));
            }
            for (Message message : pull.fetch(max, maxWait)) {
                WorkItem item = itemOf(message);
                if (item != null) {
                    handedOver++;
                    onItem.accept(item);
                }
            }
            return handedOver;
        } catch (IOException e) {
            throw new UncheckedIOException("fetching from " + DispatchStream.NAME + " failed", e);
        } catch (JetStreamApiException | RuntimeException e) {
            throw new IllegalStateException("fetching from " + DispatchStream.NAME + " failed: " + e.getMessage(), e);
        }
    }

    /** The work item of a stream message, or null (after terminating it) if the message cannot be read. */
    private static WorkItem itemOf(Message message) {
        Headers headers = message.getHeaders();
        String messageId = headers == null ? null : headers.getFirst(MESSAGE_ID);
        if (messageId == null || messageId.isBlank()) {
            return unreadable(message, "it has no " + MESSAGE_ID + " header", null);
        }
        try {
            SubmitMessageRequest request = SubmitMessageRequest.parseFrom(message.getData());
            String acceptedAt = headers.getFirst(ACCEPTED_AT);
            Instant accepted = acceptedAt == null ? Instant.now() : Instant.ofEpochMilli(Long.parseLong(acceptedAt));
            return new JetStreamWorkItem(new AcceptedMessage(messageId, request, accepted), message);
        } catch (InvalidProtocolBufferException | NumberFormatException e) {
            return unreadable(message, "message " + messageId + " is not a SubmitMessageRequest", e);
        }
    }

    /** Only dispatch publishes here; a message it cannot read would fail the same way on every redelivery. */
    private static WorkItem unreadable(Message message, String why, Exception cause) {
        LOG.log(Level.SEVERE, "dropping a message on " + message.getSubject() + ": " + why, cause);
        message.term();
        return null;
    }

    /** A stream message being delivered. */
    private record JetStreamWorkItem(AcceptedMessage message, Message natsMessage) implements WorkItem {
        @Override
        public Context traceContext() {
            return NatsTraceHeaders.of(natsMessage);
        }

        @Override
        public void inProgress() {
            natsMessage.inProgress();
        }

        @Override
        public void ack() {
            natsMessage.ack();
        }

        @Override
        public void retryAfter(Duration delay) {
            natsMessage.nakWithDelay(delay);
        }
    }
}
