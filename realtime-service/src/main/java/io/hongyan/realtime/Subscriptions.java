package io.hongyan.realtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which local subscribers want which channel, and the interest-based feed behind it: a channel is
 * opened on the feed when its first local subscriber arrives and closed when its last one leaves.
 *
 * <p>Each channel's membership changes inside {@link ConcurrentHashMap#compute}, so the first
 * arrival and the last departure of one channel are serialised with each other and the feed sees
 * open/close strictly alternating; different channels do not contend. Delivery reads without locks.
 */
public final class Subscriptions implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Subscriptions.class.getName());

    private final ConcurrentHashMap<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final ChannelFeed feed;
    private final RealtimeMetrics metrics;

    /** @param feedFactory makes the feed that will deliver into this registry */
    public Subscriptions(Function<ChannelFeed.EventSink, ChannelFeed> feedFactory, RealtimeMetrics metrics) {
        this.metrics = metrics;
        this.feed = feedFactory.apply(this::deliver);
    }

    /** Adds a subscriber to a valid channel (no effect if it is already there). */
    public void add(String channel, Subscriber subscriber) {
        subscribers.compute(channel, (name, members) -> {
            if (members == null) {
                feed.open(name); // throws if the feed is gone: then nothing is recorded
                metrics.channelOpened();
                members = ConcurrentHashMap.newKeySet();
            }
            members.add(subscriber);
            return members;
        });
    }

    /** Removes a subscriber from a channel (no effect if it is not there). */
    public void remove(String channel, Subscriber subscriber) {
        subscribers.computeIfPresent(channel, (name, members) -> {
            members.remove(subscriber);
            if (!members.isEmpty()) {
                return members;
            }
            try {
                feed.close(name);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing channel feed failed; the broker drops the interest with the connection", e);
            }
            metrics.channelClosed();
            return null;
        });
    }

    /** Waits until the broker knows every channel opened so far (see {@link ChannelFeed#confirm()}). */
    public void confirm() {
        feed.confirm();
    }

    /** Whether the feed is open for a channel, i.e. some local subscriber wants it. */
    public boolean isOpen(String channel) {
        return subscribers.containsKey(channel);
    }

    /** How many channels the feed is open for. */
    public int openChannels() {
        return subscribers.size();
    }

    /** Fans one event out to the channel's local subscribers; the frame is built once for all of them. */
    void deliver(String channel, String json) {
        Set<Subscriber> members = subscribers.get(channel);
        if (members == null || members.isEmpty()) {
            return;
        }
        if (!(Event.check(channel, json) instanceof Event.Valid valid)) {
            metrics.rejected("invalid_event");
            LOG.fine(() -> "dropped an event on " + channel + " that is not a JSON object or array of at most 64 KiB");
            return;
        }
        String frame = valid.event().frame();
        for (Subscriber subscriber : members) {
            subscriber.deliver(frame);
        }
    }

    /** Closes the feed; events already received are still delivered. */
    @Override
    public void close() {
        feed.close();
    }
}
