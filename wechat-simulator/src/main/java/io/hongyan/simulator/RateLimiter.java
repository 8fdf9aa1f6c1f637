package io.hongyan.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-app fixed 1-second windows for the 45009 fault. Each window is one {@link AtomicLong}
 * holding (second &lt;&lt; 24 | count), updated by CAS: no lock, even for one busy app.
 * Every send that reaches the check counts, refused ones included.
 */
final class RateLimiter {

    private static final long COUNT_MASK = (1L << 24) - 1;

    private final Map<String, AtomicLong> windows = new ConcurrentHashMap<>();

    /** Whether one more send for {@code appId} fits in the current second; 0 or less means no limit. */
    boolean allow(String appId, int limitPerSec, long nowMillis) {
        if (limitPerSec <= 0) {
            return true;
        }
        long second = nowMillis / 1000;
        AtomicLong w = windows.computeIfAbsent(appId, k -> new AtomicLong());
        while (true) {
            long cur = w.get();
            long next;
            if (cur >>> 24 == second) {
                long count = cur & COUNT_MASK;
                next = count == COUNT_MASK ? cur : cur + 1;
            } else {
                next = (second << 24) | 1;
            }
            if (w.compareAndSet(cur, next)) {
                return (next & COUNT_MASK) <= limitPerSec;
            }
        }
    }

    void clear() {
        windows.clear();
    }
}
