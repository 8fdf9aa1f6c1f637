package io.hongyan.dispatch.core;

import java.time.Duration;

/** What happened when a submit tried to reserve its idempotency key. */
public sealed interface IdempotencyClaim {

    /** The key is now ours. */
    record Reserved() implements IdempotencyClaim {
    }

    /**
     * An earlier submit holds the key.
     *
     * @param messageId the id the earlier submit was given
     * @param age       how long ago the key was reserved
     */
    record Taken(String messageId, Duration age) implements IdempotencyClaim {
    }
}
