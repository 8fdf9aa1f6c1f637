package io.hongyan.simulator;

import java.time.InstantSource;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * WeChat's template-message {@code client_msg_id} rule: the same app + openid + client_msg_id is
 * delivered once within 10 minutes. Our model of the repeat's reply: errcode 0 with the first
 * delivery's msgid (WeChat does not document it).
 *
 * <p>Bounded: entries expire after the window, and beyond {@code capacity} the oldest go first
 * (a FIFO queue in insertion order, which with a fixed window is also expiry order).
 */
final class DedupCache {

    static final long WINDOW_MILLIS = 10 * 60 * 1000L;

    private record Entry(long msgid, long expiresAt) {
    }

    private record Queued(String key, Entry entry) {
    }

    /** The outcome: the msgid to answer, and whether it was a repeat. */
    record Outcome(long msgid, boolean duplicate) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Queue<Queued> order = new ConcurrentLinkedQueue<>();
    private final ReentrantLock evicting = new ReentrantLock();
    private final int capacity;
    private final InstantSource clock;

    DedupCache(int capacity, InstantSource clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /**
     * Either remember a new delivery (taking a msgid from {@code newMsgid}) or return the
     * earlier one. Atomic per key: two concurrent identical sends deliver once.
     */
    Outcome deliverOnce(String appId, String touser, String clientMsgId, LongSupplier newMsgid) {
        long now = clock.millis();
        evict(now);
        String key = appId + '\n' + touser + '\n' + clientMsgId;
        boolean[] fresh = new boolean[1];
        Entry e = entries.compute(key, (k, old) -> {
            if (old != null && old.expiresAt() > now) {
                return old;
            }
            fresh[0] = true;
            return new Entry(newMsgid.getAsLong(), now + WINDOW_MILLIS);
        });
        if (fresh[0]) {
            order.add(new Queued(key, e));
        }
        return new Outcome(e.msgid(), !fresh[0]);
    }

    private void evict(long now) {
        // One evictor at a time; the others skip instead of waiting (the next call catches up).
        if (!evicting.tryLock()) {
            return;
        }
        try {
            Queued head;
            while ((head = order.peek()) != null && (head.entry().expiresAt() <= now || entries.size() > capacity)) {
                order.poll();
                // Only if the entry is still this one: a newer delivery under the same key stays.
                entries.remove(head.key(), head.entry());
            }
        } finally {
            evicting.unlock();
        }
    }

    int size() {
        return entries.size();
    }

    void clear() {
        entries.clear();
        order.clear();
    }
}
