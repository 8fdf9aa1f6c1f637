package io.hongyan.dispatch.core;

import io.hongyan.proto.v1.MessageRecord;

import java.util.Optional;

/** Status records and idempotency keys (Redis in production). */
public interface MessageStore {

    /**
     * Reserves an app's idempotency key for {@code messageId}, unless a submit already holds it.
     *
     * @return {@link IdempotencyClaim.Reserved} or who holds the key and since when
     */
    IdempotencyClaim claimIdempotencyKey(String appId, String key, String messageId);

    /** Frees the key, but only while it still belongs to {@code messageId}. */
    void releaseIdempotencyKey(String appId, String key, String messageId);

    /**
     * Creates the message's ACCEPTED record unless one exists.
     *
     * @param announced whether its ACCEPTED event has already been published
     * @return true if this call created it
     */
    boolean createAccepted(MessageRecord accepted, boolean announced);

    /** Notes that the ACCEPTED event is out; true if this call changed that (it was not noted before). */
    boolean markAnnounced(String messageId);

    Optional<StoredMessage> find(String messageId);

    /** Applies a status change if the status may move that way (forward only), atomically. */
    TransitionResult transition(String messageId, StatusChange change);

    /**
     * A sender's start of an attempt, atomically: moves the message to SENDING and counts the
     * attempt ({@link StatusChange#sending()}), but only once its ACCEPTED event is out and while
     * its attempts are below {@code attemptBudget}.
     */
    SendingStart startSending(String messageId, int attemptBudget);
}
