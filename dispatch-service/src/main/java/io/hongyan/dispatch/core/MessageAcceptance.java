package io.hongyan.dispatch.core;

import io.hongyan.proto.v1.MessageStatus;
import io.hongyan.proto.v1.SubmitMessageRequest;
import io.hongyan.proto.v1.SubmitMessageResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SubmitMessage: validate, assign an id, honour the idempotency key, store the message durably in
 * the work queue, record it as ACCEPTED. The client gets its id only after the queue confirmed the
 * message, so an id a client holds always names a message that exists.
 */
public final class MessageAcceptance {
    private static final Logger LOG = Logger.getLogger(MessageAcceptance.class.getName());
    private static final Duration CLAIM_POLL = Duration.ofMillis(20);

    private final SubmitValidation validation;
    private final MessageStore store;
    private final WorkQueue queue;
    private final MessageStatuses statuses;
    private final DispatchMetrics metrics;
    private final Clock clock;
    private final Duration unfinishedClaimAfter;

    /**
     * @param unfinishedClaimAfter how old an idempotency key without a status record must be before
     *                             its submit is taken to have died half-way (and its message is
     *                             published again under the key's id)
     */
    public MessageAcceptance(SubmitValidation validation, MessageStore store, WorkQueue queue, MessageStatuses statuses,
                             DispatchMetrics metrics, Clock clock, Duration unfinishedClaimAfter) {
        this.validation = validation;
        this.store = store;
        this.queue = queue;
        this.statuses = statuses;
        this.metrics = metrics;
        this.clock = clock;
        this.unfinishedClaimAfter = unfinishedClaimAfter;
    }

    /**
     * Accepts one message.
     *
     * @throws RequestRejectedException for bad input, an unknown app, or a queue that is full or unreachable
     */
    public SubmitMessageResponse submit(SubmitMessageRequest request) throws InterruptedException {
        try {
            validation.check(request);
            SubmitMessageResponse response = accept(request);
            metrics.submit(response.getDuplicate() ? "duplicate" : "accepted");
            return response;
        } catch (RequestRejectedException e) {
            metrics.submit(e.errorCode());
            throw e;
        } catch (RuntimeException e) {
            metrics.submit("error");
            throw e;
        }
    }

    private SubmitMessageResponse accept(SubmitMessageRequest request) throws InterruptedException {
        String messageId = UUID.randomUUID().toString();
        String key = request.getIdempotencyKey();
        if (!key.isEmpty()) {
            Optional<SubmitMessageResponse> earlier = claimKey(request, messageId);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        AcceptedMessage message = new AcceptedMessage(messageId, request, clock.instant());
        try {
            queue.publish(message);
        } catch (WorkQueueRejectedException e) {
            if (!key.isEmpty()) {
                store.releaseIdempotencyKey(request.getAppId(), key, messageId);
            }
            throw rejection(e);
        }
        recordAccepted(message);
        return response(messageId, MessageStatus.ACCEPTED, false);
    }

    /**
     * Reserves the idempotency key for {@code messageId}; if an earlier submit holds it, answers
     * with that submit's message instead.
     */
    private Optional<SubmitMessageResponse> claimKey(SubmitMessageRequest request, String messageId)
            throws InterruptedException {
        Instant giveUp = clock.instant().plus(unfinishedClaimAfter).plusSeconds(1);
        while (true) {
            IdempotencyClaim claim = store.claimIdempotencyKey(request.getAppId(), request.getIdempotencyKey(), messageId);
            if (!(claim instanceof IdempotencyClaim.Taken taken)) {
                return Optional.empty();
            }
            Optional<StoredMessage> earlier = store.find(taken.messageId());
            if (earlier.isPresent()) {
                return Optional.of(response(taken.messageId(), earlier.get().record().getStatus(), true));
            }
            if (taken.age().compareTo(unfinishedClaimAfter) >= 0 || clock.instant().isAfter(giveUp)) {
                return Optional.of(republish(request, taken.messageId()));
            }
            // The earlier submit is still between its key and its record: it either finishes (record
            // appears) or fails (key disappears, and this submit takes it over).
            Thread.sleep(CLAIM_POLL);
        }
    }

    /**
     * The earlier submit under this key never recorded its message (its process died between the
     * key and the record). Its client may hold the id, so the message is published again under that
     * id; if the stream had it already, the stream's duplicate detection (same message id) drops
     * this copy.
     */
    private SubmitMessageResponse republish(SubmitMessageRequest request, String messageId) {
        LOG.info(() -> "idempotency key of message " + messageId + " has no status record; publishing the message again");
        AcceptedMessage message = new AcceptedMessage(messageId, request, clock.instant());
        try {
            queue.publish(message);
        } catch (WorkQueueRejectedException e) {
            throw rejection(e);
        }
        recordAccepted(message);
        return response(messageId, MessageStatus.ACCEPTED, true);
    }

    private void recordAccepted(AcceptedMessage message) {
        try {
            statuses.recordAccepted(message);
        } catch (RuntimeException e) {
            // The stream holds the message, so it is accepted: the sender that takes it records it.
            LOG.log(Level.WARNING, "could not record message " + message.messageId() + " as ACCEPTED; its sender will", e);
        }
    }

    private static RequestRejectedException rejection(WorkQueueRejectedException e) {
        return e.full()
                ? RequestRejectedException.full("the dispatch queue is full; try again later", e)
                : RequestRejectedException.unavailable("the dispatch queue cannot take messages now; try again later", e);
    }

    private static SubmitMessageResponse response(String messageId, MessageStatus status, boolean duplicate) {
        return SubmitMessageResponse.newBuilder().setMessageId(messageId).setStatus(status).setDuplicate(duplicate).build();
    }
}
