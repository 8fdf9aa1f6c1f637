package io.hongyan.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link SimulatorStats}; all lock-free. */
final class Stats {

    private final LongAdder tokenCalls = new LongAdder();
    private final LongAdder stableTokenCalls = new LongAdder();
    private final LongAdder forceRefreshes = new LongAdder();
    private final Map<Integer, LongAdder> tokenErrors = new ConcurrentHashMap<>();
    private final LongAdder sendCalls = new LongAdder();
    private final Map<String, LongAdder> sendsOk = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> sendsErr = new ConcurrentHashMap<>();
    private final LongAdder duplicatesSuppressed = new LongAdder();
    private final LongAdder droppedBefore = new LongAdder();
    private final LongAdder droppedAfter = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    /** msgids must never repeat, so this one survives resets. */
    private final AtomicLong lastMsgid = new AtomicLong(1_000_000_000L);

    void tokenCall() {
        tokenCalls.increment();
    }

    void stableTokenCall() {
        stableTokenCalls.increment();
    }

    void forceRefresh() {
        forceRefreshes.increment();
    }

    void tokenError(int errcode) {
        tokenErrors.computeIfAbsent(errcode, k -> new LongAdder()).increment();
    }

    /** A send request starts; call {@link #sendDone()} in a finally block. */
    void sendStart() {
        sendCalls.increment();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
    }

    void sendDone() {
        inFlight.decrementAndGet();
    }

    void sendOk(String endpoint) {
        sendsOk.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    }

    void sendError(int errcode) {
        sendsErr.computeIfAbsent(errcode, k -> new LongAdder()).increment();
    }

    void duplicateSuppressed() {
        duplicatesSuppressed.increment();
    }

    void droppedBefore() {
        droppedBefore.increment();
    }

    void droppedAfter() {
        droppedAfter.increment();
    }

    long nextMsgid() {
        return lastMsgid.incrementAndGet();
    }

    /** Zero the counters; in-flight requests stay counted (they will decrement), msgids keep growing. */
    void reset() {
        for (LongAdder a : new LongAdder[] {tokenCalls, stableTokenCalls, forceRefreshes, sendCalls,
                duplicatesSuppressed, droppedBefore, droppedAfter}) {
            a.reset();
        }
        tokenErrors.clear();
        sendsOk.clear();
        sendsErr.clear();
        maxInFlight.set(inFlight.get());
    }

    SimulatorStats snapshot() {
        return new SimulatorStats(tokenCalls.sum(), stableTokenCalls.sum(), forceRefreshes.sum(), sums(tokenErrors),
                sendCalls.sum(), sums(sendsOk), sums(sendsErr), duplicatesSuppressed.sum(), droppedBefore.sum(),
                droppedAfter.sum(), inFlight.get(), maxInFlight.get(), lastMsgid.get());
    }

    private static <K> Map<K, Long> sums(Map<K, LongAdder> m) {
        Map<K, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
