package io.hongyan.dispatch.core;

import java.time.Duration;
import java.util.function.Consumer;

/** The durable queue between acceptance and delivery (the dispatch stream). */
public interface WorkQueue {

    /**
     * Stores a message durably; returns only once the queue has confirmed it. Publishing the same
     * message id again within the queue's duplicate window stores nothing new.
     *
     * @throws WorkQueueRejectedException when the queue is full or cannot be reached
     */
    void publish(AcceptedMessage message);

    /**
     * Takes up to {@code max} messages, handing each to {@code onItem} as soon as it arrives, and
     * returns after {@code max} messages or {@code maxWait}. Messages not acknowledged in time come back.
     *
     * @return how many messages were handed over
     */
    int fetch(int max, Duration maxWait, Consumer<WorkItem> onItem);
}
