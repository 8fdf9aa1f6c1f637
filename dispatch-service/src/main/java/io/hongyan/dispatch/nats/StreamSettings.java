package io.hongyan.dispatch.nats;

import java.time.Duration;

/**
 * The dispatch stream and its senders' consumer, as configured.
 *
 * @param maxBytes       the stream's size limit; when reached, publishes fail (discard=new) instead of memory growing
 * @param replicas       stream replicas (1 on a single NATS server; 3 on a cluster)
 * @param publishTimeout how long a submit waits for the stream to confirm a message
 * @param ackWait        how long a delivered message may go unacknowledged before it is redelivered;
 *                       longer than the slowest send step (senders signal progress before each WeChat call)
 * @param maxAckPending  how many messages may be unacknowledged at once (in flight plus waiting for a retry)
 */
public record StreamSettings(long maxBytes, int replicas, Duration publishTimeout, Duration ackWait, long maxAckPending) {
    public StreamSettings {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("dispatch.stream.max-bytes must be positive");
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("dispatch.stream.replicas must be at least 1");
        }
        if (publishTimeout.isNegative() || publishTimeout.isZero() || ackWait.isNegative() || ackWait.isZero()) {
            throw new IllegalArgumentException("dispatch.stream publish-timeout and ack-wait must be positive");
        }
    }
}
