package io.hongyan.ingress.nats;

import io.helidon.config.Config;
import io.hongyan.ingress.InboundEventPublisher;
import io.hongyan.platform.nats.NatsTraceHeaders;
import io.hongyan.platform.realtime.Channels;
import io.hongyan.wechat.callback.InboundEvent;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Stores inbound events in the JetStream stream {@code HONGYAN_INBOUND} (subject
 * {@code hongyan.inbound.<app>}) with {@code Nats-Msg-Id = appId:dedupKey}: within the stream's
 * duplicate window JetStream stores WeChat's retries of one callback once, whichever replica
 * they reach. A publish counts only once the stream has acknowledged it. Only a first store is
 * then announced on the realtime subject of {@code app:<app>:inbound}: had the stream captured
 * the realtime subject itself, live subscribers would see every retry, since core NATS
 * delivers a message to subscribers whether or not the stream keeps it.
 */
public final class JetStreamInboundPublisher implements InboundEventPublisher {
    public static final String STREAM = "HONGYAN_INBOUND";
    public static final String SUBJECT_PREFIX = "hongyan.inbound.";
    public static final String SUBJECTS = SUBJECT_PREFIX + "*";
    private static final Logger LOG = Logger.getLogger(JetStreamInboundPublisher.class.getName());
    private static final int STREAM_NOT_FOUND = 10059;
    private static final int MAX_PLAIN_MSG_ID = 256;

    private final Connection nats;
    private final JetStream jetStream;
    private final Duration ackTimeout;

    private JetStreamInboundPublisher(Connection nats, JetStream jetStream, Duration ackTimeout) {
        this.nats = nats;
        this.jetStream = jetStream;
        this.ackTimeout = ackTimeout;
    }

    /**
     * Creates or updates the stream from {@code ingress.inbound-stream} ({@code replicas} 1,
     * {@code max-age} PT24H, {@code duplicate-window} PT5M, {@code ack-timeout} PT2S) and
     * returns a publisher on it.
     */
    public static JetStreamInboundPublisher start(Connection nats, Config streamConfig) {
        StreamConfiguration stream = StreamConfiguration.builder()
                .name(STREAM)
                .subjects(SUBJECTS)
                .storageType(StorageType.File)
                .replicas(streamConfig.get("replicas").asInt().orElse(1))
                .maxAge(streamConfig.get("max-age").as(Duration.class).orElse(Duration.ofHours(24)))
                .duplicateWindow(streamConfig.get("duplicate-window").as(Duration.class).orElse(Duration.ofMinutes(5)))
                .build();
        try {
            JetStreamManagement management = nats.jetStreamManagement();
            try {
                management.getStreamInfo(STREAM);
                management.updateStream(stream);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                    throw e;
                }
                management.addStream(stream);
                LOG.info(() -> "created JetStream stream " + STREAM);
            }
            return new JetStreamInboundPublisher(nats, nats.jetStream(),
                    streamConfig.get("ack-timeout").as(Duration.class).orElse(Duration.ofSeconds(2)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the JetStream stream " + STREAM, e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot set up the JetStream stream " + STREAM + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Publication publish(InboundEvent event) {
        PublishOptions options = PublishOptions.builder()
                .expectedStream(STREAM)
                .messageId(messageId(event))
                .build();
        try {
            // Asynchronous, so that the wait is bounded by ackTimeout even while the connection is
            // down (a synchronous publish then blocks well past WeChat's 5 s).
            byte[] json = event.toJson().getBytes(StandardCharsets.UTF_8);
            PublishAck ack = jetStream.publishAsync(SUBJECT_PREFIX + event.appId(), NatsTraceHeaders.current(), json, options)
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (ack.isDuplicate()) {
                return new Publication.Duplicate();
            }
            nats.publish(Channels.subject(Channels.appInbound(event.appId())), NatsTraceHeaders.current(), json);
            return new Publication.Stored(ack.getSeqno());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(event, e);
        } catch (ExecutionException e) {
            return unavailable(event, e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            return unavailable(event, e);
        }
    }

    private static Publication unavailable(InboundEvent event, Throwable cause) {
        // A late ack may still store it; WeChat's retry is then a duplicate, which is fine.
        LOG.warning(() -> "inbound event for " + event.appId() + " not stored in time: " + cause);
        return new Publication.Unavailable(cause.getClass().getSimpleName());
    }

    /**
     * {@code appId:dedupKey}, hashed when the key is long or not printable ASCII (it may carry a
     * menu key or URL), so that it is always a valid NATS header value.
     */
    static String messageId(InboundEvent event) {
        String id = event.appId() + ":" + event.dedupKey();
        if (id.length() <= MAX_PLAIN_MSG_ID && id.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return event.appId() + ":sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
