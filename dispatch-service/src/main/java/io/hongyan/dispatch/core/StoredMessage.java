package io.hongyan.dispatch.core;

import io.hongyan.proto.v1.MessageRecord;

/**
 * A status record as stored.
 *
 * @param record    the record clients see
 * @param announced whether the ACCEPTED event has been published (senders wait for it, so that
 *                  each channel shows ACCEPTED first)
 */
public record StoredMessage(MessageRecord record, boolean announced) {
}
