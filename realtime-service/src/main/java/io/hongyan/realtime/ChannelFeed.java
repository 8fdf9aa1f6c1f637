package io.hongyan.realtime;

/**
 * Where this replica receives the events of channels it has local subscribers for (NATS). Every
 * event of an open channel goes to the {@link EventSink} the feed was made with.
 */
public interface ChannelFeed extends AutoCloseable {

    /** Starts receiving a channel's events. Called once per channel until {@link #close(String)}. */
    void open(String channel);

    /** Stops receiving a channel's events. */
    void close(String channel);

    /**
     * Returns once the broker has taken every {@link #open} and {@link #close} made so far, so events
     * published anywhere after this reach the channels opened before it. Bounded; never throws.
     */
    void confirm();

    /** Stops receiving everything, handing over what already arrived. */
    @Override
    void close();

    /** Takes the events of open channels; called on the feed's delivery thread. */
    @FunctionalInterface
    interface EventSink {
        void accept(String channel, String json);
    }
}
