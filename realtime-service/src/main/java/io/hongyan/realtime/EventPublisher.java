package io.hongyan.realtime;

/** Sends an event to the subscribers of its channel on every replica (NATS). */
public interface EventPublisher {

    Outcome publish(Event event);

    sealed interface Outcome {
    }

    /** The broker took the event. */
    record Published() implements Outcome {
    }

    /** The broker cannot take events now; the caller may retry. */
    record Unavailable(String reason) implements Outcome {
    }
}
