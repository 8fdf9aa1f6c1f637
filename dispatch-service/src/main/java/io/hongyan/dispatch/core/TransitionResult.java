package io.hongyan.dispatch.core;

import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.MessageStatus;

/** The answer to {@link MessageStore#transition}. */
public sealed interface TransitionResult {

    /** The change was made; {@code record} is the record after it. */
    record Applied(MessageStatus previous, MessageRecord record) implements TransitionResult {
    }

    /** The status may not move that way (e.g. out of SENT or a final state); nothing changed. */
    record Refused(MessageStatus current) implements TransitionResult {
    }

    /** No record exists (never created, or expired). */
    record Missing() implements TransitionResult {
    }
}
