package io.hongyan.dispatch.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * The JetStream stream {@value #NAME} that holds accepted messages until they are delivered, and
 * its durable pull consumer {@value #CONSUMER}, created or brought up to date at startup.
 *
 * <p>Work-queue retention: a message leaves the stream when a sender acknowledges it, so max-bytes
 * bounds the undelivered backlog, not history. Discard-new makes a full stream refuse new messages
 * (a submit then answers RESOURCE_EXHAUSTED) instead of dropping accepted ones. The duplicate
 * window makes a re-publish under the same message id (Nats-Msg-Id) a no-op.
 */
public final class DispatchStream {
    public static final String NAME = "HONGYAN_DISPATCH";
    public static final String SUBJECTS = "hongyan.dispatch.>";
    public static final String CONSUMER = "dispatch-senders";
    static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);
    private static final int NOT_FOUND = 404;
    private static final Logger LOG = Logger.getLogger(DispatchStream.class.getName());

    private DispatchStream() {
    }

    /** The subject of an app's messages. */
    public static String subject(String appId) {
        return "hongyan.dispatch." + appId;
    }

    /** Creates the stream and consumer, or updates them to the configured settings. */
    public static void ensure(Connection nats, StreamSettings settings) {
        try {
            JetStreamManagement jsm = nats.jetStreamManagement();
            StreamConfiguration stream = StreamConfiguration.builder()
                    .name(NAME)
                    .subjects(SUBJECTS)
                    .storageType(StorageType.File)
                    .retentionPolicy(RetentionPolicy.WorkQueue)
                    .maxBytes(settings.maxBytes())
                    .discardPolicy(DiscardPolicy.New)
                    .replicas(settings.replicas())
                    .duplicateWindow(DUPLICATE_WINDOW)
                    .build();
            if (exists(jsm)) {
                jsm.updateStream(stream);
            } else {
                jsm.addStream(stream);
                LOG.info(() -> "created JetStream stream " + NAME);
            }
            jsm.addOrUpdateConsumer(NAME, ConsumerConfiguration.builder()
                    .durable(CONSUMER)
                    .deliverPolicy(DeliverPolicy.All)
                    .ackPolicy(AckPolicy.Explicit)
                    .ackWait(settings.ackWait())
                    .maxAckPending(settings.maxAckPending())
                    // Attempts are counted (and bounded) by dispatch itself, per message, in its status record.
                    .maxDeliver(-1)
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up JetStream stream " + NAME, e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot set up JetStream stream " + NAME + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(JetStreamManagement jsm) throws IOException, JetStreamApiException {
        try {
            jsm.getStreamInfo(NAME);
            return true;
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() == NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }
}
