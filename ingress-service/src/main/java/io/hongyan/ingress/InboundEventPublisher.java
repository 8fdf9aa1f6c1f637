package io.hongyan.ingress;

import io.hongyan.wechat.callback.InboundEvent;

/**
 * Hands verified inbound WeChat events on to the rest of the system (realtime subscribers, and
 * later dispatch for receipts). Publishing the same event again within the duplicate window
 * stores nothing new, on every replica: that is how WeChat's retries are handled once.
 */
public interface InboundEventPublisher {

    /** Waits (bounded) until the event is stored durably or known to be a duplicate. */
    Publication publish(InboundEvent event);

    /** How a publish ended. */
    sealed interface Publication {
        /** Stored now, as the stream's {@code sequence}. */
        record Stored(long sequence) implements Publication {
        }

        /** Stored before (a retry of the same callback); nothing new was stored. */
        record Duplicate() implements Publication {
        }

        /** Not stored: the broker could not take it in time. WeChat should retry. */
        record Unavailable(String reason) implements Publication {
        }
    }
}
