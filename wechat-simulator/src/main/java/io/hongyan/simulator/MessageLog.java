package io.hongyan.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

/**
 * The newest N deliveries in a lock-free ring: memory stays bounded however long the simulator runs,
 * and concurrent senders never wait on each other to record.
 */
final class MessageLog {

    private record Slot(long seq, Delivery delivery) {
    }

    private static final class Ring {
        final AtomicLong next = new AtomicLong();
        final AtomicReferenceArray<Slot> slots;

        Ring(int capacity) {
            slots = new AtomicReferenceArray<>(capacity);
        }
    }

    private final int capacity;
    private final AtomicReference<Ring> ring;

    MessageLog(int capacity) {
        this.capacity = capacity;
        this.ring = new AtomicReference<>(new Ring(capacity));
    }

    void add(Delivery d) {
        Ring r = ring.get();
        long seq = r.next.getAndIncrement();
        r.slots.set((int) (seq % capacity), new Slot(seq, d));
    }

    /** Forget everything. */
    void clear() {
        ring.set(new Ring(capacity));
    }

    /**
     * The newest {@code limit} deliveries matching {@code filter}, oldest first. A slot being
     * overwritten while we read is skipped rather than returned out of order.
     */
    List<Delivery> query(Predicate<Delivery> filter, int limit) {
        Ring r = ring.get();
        long end = r.next.get();
        long start = Math.max(0, end - capacity);
        List<Delivery> out = new ArrayList<>();
        for (long seq = end - 1; seq >= start && out.size() < limit; seq--) {
            Slot s = r.slots.get((int) (seq % capacity));
            if (s != null && s.seq() == seq && filter.test(s.delivery())) {
                out.add(s.delivery());
            }
        }
        Collections.reverse(out);
        return out;
    }

    int capacity() {
        return capacity;
    }
}
