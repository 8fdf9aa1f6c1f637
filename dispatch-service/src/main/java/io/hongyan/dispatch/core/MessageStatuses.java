package io.hongyan.dispatch.core;

import com.google.protobuf.Timestamp;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.MessageStatus;
import io.hongyan.proto.v1.StatusEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Status records and their events, kept in step: every change is stored first, then announced.
 *
 * <p>Each channel must show a message's ACCEPTED event first, yet a sender may take the message
 * from the stream before the submitting thread has announced it. So the record carries an
 * "announced" flag: the submitting thread sets it after publishing ACCEPTED, and a sender waits for
 * it (briefly) before publishing anything. If the submitting process died after the stream took the
 * message, the sender records and announces ACCEPTED itself.
 */
public final class MessageStatuses {
    private static final Logger LOG = Logger.getLogger(MessageStatuses.class.getName());
    private static final Duration POLL_INTERVAL = Duration.ofMillis(15);

    private final MessageStore store;
    private final StatusEvents events;
    private final Clock clock;
    private final Duration announceWait;

    public MessageStatuses(MessageStore store, StatusEvents events, Clock clock, Duration announceWait) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.announceWait = announceWait;
    }

    /** Records a just-accepted message as ACCEPTED and announces it, unless a sender already did. */
    public void recordAccepted(AcceptedMessage message) {
        MessageRecord accepted = acceptedRecord(message);
        if (store.createAccepted(accepted, false)) {
            events.publishConfirmed(event(accepted, MessageStatus.MESSAGE_STATUS_UNSPECIFIED));
            store.markAnnounced(message.messageId());
        }
    }

    /**
     * The message's record once its ACCEPTED event is out: waits up to the announce wait for the
     * submitting thread, then records and announces it itself.
     */
    public MessageRecord announced(AcceptedMessage message) throws InterruptedException {
        Instant deadline = clock.instant().plus(announceWait);
        while (true) {
            Optional<StoredMessage> stored = store.find(message.messageId());
            if (stored.isPresent() && stored.get().announced()) {
                return stored.get().record();
            }
            if (clock.instant().isAfter(deadline)) {
                return announceForSubmitter(message, stored.isEmpty());
            }
            Thread.sleep(POLL_INTERVAL);
        }
    }

    /**
     * A sender's start of an attempt: moves the message to SENDING (counting the attempt) and
     * publishes that, once its ACCEPTED event is out, like {@link #announced} (waits for the
     * submitting thread, then announces it itself). Usually the submit has announced it long
     * before, and this is one Redis round trip.
     *
     * @return {@link SendingStart.Started}, {@link SendingStart.Refused} (nothing more to send) or
     *         {@link SendingStart.Exhausted} (attempt budget spent)
     * @throws IllegalStateException if the message has no status record even after announcing it
     */
    public SendingStart startSending(AcceptedMessage message, int attemptBudget) throws InterruptedException {
        Instant deadline = clock.instant().plus(announceWait);
        boolean announcedHere = false;
        while (true) {
            SendingStart start = store.startSending(message.messageId(), attemptBudget);
            boolean recordMissing = false;
            switch (start) {
                case SendingStart.Started started -> {
                    events.publish(event(started.record(), started.previous()));
                    return start;
                }
                case SendingStart.Refused refused -> {
                    return start;
                }
                case SendingStart.Exhausted exhausted -> {
                    return start;
                }
                case SendingStart.Unannounced unannounced -> {
                    // the submitting thread has not published ACCEPTED yet: wait for it, below
                }
                case SendingStart.Missing missing -> recordMissing = true;
            }
            if (announcedHere) {
                // Only a Redis that lost data gets here (see change()).
                throw new IllegalStateException("status record of message " + message.messageId() + " is missing; SENDING not recorded");
            }
            if (clock.instant().isAfter(deadline)) {
                announceForSubmitter(message, recordMissing);
                announcedHere = true;
            } else {
                Thread.sleep(POLL_INTERVAL);
            }
        }
    }

    /**
     * Applies a status change and publishes its event.
     *
     * @return the record after the change; empty if the status may not move that way
     * @throws IllegalStateException if the message has no status record
     */
    public Optional<MessageRecord> change(String messageId, StatusChange change) {
        return switch (store.transition(messageId, change)) {
            case TransitionResult.Applied applied -> {
                events.publish(event(applied.record(), applied.previous()));
                yield Optional.of(applied.record());
            }
            case TransitionResult.Refused refused -> {
                LOG.fine(() -> "message " + messageId + " stays " + refused.current() + " (not moved to " + change.to() + ")");
                yield Optional.empty();
            }
            // Only a Redis that lost data gets here; failing makes the delivery start over (and the
            // record be created again) rather than acknowledge a message whose outcome went unrecorded.
            case TransitionResult.Missing missing -> throw new IllegalStateException(
                    "status record of message " + messageId + " is missing; " + change.to() + " not recorded");
        };
    }

    private MessageRecord announceForSubmitter(AcceptedMessage message, boolean recordMissing) {
        if (recordMissing) {
            // The submitting process stopped between the stream's ack and the record: the client may
            // hold this id, so the message must exist and be seen as ACCEPTED before anything else.
            MessageRecord accepted = acceptedRecord(message);
            if (store.createAccepted(accepted, false)) {
                LOG.info(() -> "message " + message.messageId() + " had no status record; recorded it as ACCEPTED");
            }
        }
        MessageRecord record = store.find(message.messageId()).map(StoredMessage::record)
                .orElseThrow(() -> new IllegalStateException("status record of " + message.messageId() + " vanished"));
        if (store.markAnnounced(message.messageId())) {
            // A submitting thread that is merely slow may announce it too; a second ACCEPTED is
            // better than a channel whose first event is SENDING.
            events.publishConfirmed(event(record, MessageStatus.MESSAGE_STATUS_UNSPECIFIED));
        }
        return record;
    }

    private MessageRecord acceptedRecord(AcceptedMessage message) {
        Timestamp acceptedAt = timestamp(message.acceptedAt());
        return MessageRecord.newBuilder()
                .setMessageId(message.messageId())
                .setAppId(message.appId())
                .setRecipient(message.request().getRecipient())
                .setStatus(MessageStatus.ACCEPTED)
                .setAcceptedAt(acceptedAt)
                .setUpdatedAt(acceptedAt)
                .setIdempotencyKey(message.request().getIdempotencyKey())
                .setKind(message.endpoint().kind())
                .build();
    }

    private static StatusEvent event(MessageRecord record, MessageStatus previous) {
        return StatusEvent.newBuilder().setRecord(record).setPreviousStatus(previous).build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
