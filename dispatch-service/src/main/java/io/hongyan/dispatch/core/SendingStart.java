package io.hongyan.dispatch.core;

import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.MessageStatus;

/** The answer to {@link MessageStore#startSending}. */
public sealed interface SendingStart {

    /** The message is SENDING now, with the attempt counted; {@code record} is the record after the change. */
    record Started(MessageStatus previous, MessageRecord record) implements SendingStart {
    }

    /** The status may not move to SENDING (SENT or a final status): nothing more to send; nothing changed. */
    record Refused(MessageStatus current) implements SendingStart {
    }

    /** Its attempts reached the budget (made by processes that died before recording their outcome); nothing changed. */
    record Exhausted(MessageRecord record) implements SendingStart {
    }

    /** Its ACCEPTED event is not out yet; nothing changed. */
    record Unannounced() implements SendingStart {
    }

    /** No record exists (never created, or expired). */
    record Missing() implements SendingStart {
    }
}
