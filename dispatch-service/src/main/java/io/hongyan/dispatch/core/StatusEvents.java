package io.hongyan.dispatch.core;

import io.hongyan.proto.v1.StatusEvent;

/** Where status changes are announced (the realtime channels message:{id} and app:{app}:status). */
public interface StatusEvents {

    /** Publishes an event; events published from one process reach subscribers in publish order. */
    void publish(StatusEvent event);

    /**
     * Publishes an event and returns once the broker has it, so that an event a sender in another
     * process publishes afterwards cannot overtake it.
     */
    void publishConfirmed(StatusEvent event);
}
