package io.hongyan.dispatch.core;

import io.opentelemetry.context.Context;

import java.time.Duration;

/** One message taken from the {@link WorkQueue}; {@link #ack()} or {@link #retryAfter} ends it. */
public interface WorkItem {

    AcceptedMessage message();

    /** The trace the message was accepted in, so that its delivery continues it. */
    Context traceContext();

    /** Still working on it: restarts the time after which the queue would hand it to another sender. */
    void inProgress();

    /** Done with it for good (sent, or given up): the queue forgets it. */
    void ack();

    /** Hands it back, to be delivered again after {@code delay}. */
    void retryAfter(Duration delay);
}
