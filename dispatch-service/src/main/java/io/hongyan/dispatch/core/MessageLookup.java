package io.hongyan.dispatch.core;

import io.hongyan.proto.v1.MessageRecord;

/** GetMessage: a message's status record. */
public final class MessageLookup {
    private static final int MAX_MESSAGE_ID_CHARS = 128;

    private final MessageStore store;

    public MessageLookup(MessageStore store) {
        this.store = store;
    }

    /** @throws RequestRejectedException for a missing or malformed id, or NOT_FOUND */
    public MessageRecord find(String messageId) {
        if (messageId.isBlank()) {
            throw RequestRejectedException.missing("messageId");
        }
        if (messageId.length() > MAX_MESSAGE_ID_CHARS) {
            throw RequestRejectedException.invalid("messageId", "messageId must be at most " + MAX_MESSAGE_ID_CHARS + " characters");
        }
        return store.find(messageId).map(StoredMessage::record).orElseThrow(() ->
                RequestRejectedException.notFound("messageId", "no message with this id (unknown, or its record expired)"));
    }
}
