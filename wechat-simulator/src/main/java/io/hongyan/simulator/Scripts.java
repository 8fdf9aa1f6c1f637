package io.hongyan.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scripted (deterministic) faults: queues of "the next N calls answer errcode E" for sends and
 * for token calls, and counters of connections to drop before or after delivery. Lock-free:
 * concurrent calls each consume exactly one unit.
 */
final class Scripts {

    private static final class Step {
        final int errcode;
        final AtomicInteger remaining;

        Step(ScriptedFailure f) {
            errcode = f.errcode();
            remaining = new AtomicInteger(f.count());
        }
    }

    private final Queue<Step> failNext = new ConcurrentLinkedQueue<>();
    private final Queue<Step> failNextToken = new ConcurrentLinkedQueue<>();
    private final AtomicInteger dropNextBefore = new AtomicInteger();
    private final AtomicInteger dropNextAfter = new AtomicInteger();

    OptionalInt takeSendFailure() {
        return take(failNext);
    }

    OptionalInt takeTokenFailure() {
        return take(failNextToken);
    }

    boolean takeDropBefore() {
        return takeOne(dropNextBefore);
    }

    boolean takeDropAfter() {
        return takeOne(dropNextAfter);
    }

    void setFailNext(List<ScriptedFailure> steps) {
        replace(failNext, steps);
    }

    void setFailNextToken(List<ScriptedFailure> steps) {
        replace(failNextToken, steps);
    }

    void addFailNext(ScriptedFailure step) {
        failNext.add(new Step(step));
    }

    void addFailNextToken(ScriptedFailure step) {
        failNextToken.add(new Step(step));
    }

    void setDropNextBefore(int n) {
        dropNextBefore.set(n);
    }

    void setDropNextAfter(int n) {
        dropNextAfter.set(n);
    }

    List<ScriptedFailure> pendingFailNext() {
        return pending(failNext);
    }

    List<ScriptedFailure> pendingFailNextToken() {
        return pending(failNextToken);
    }

    int pendingDropBefore() {
        return dropNextBefore.get();
    }

    int pendingDropAfter() {
        return dropNextAfter.get();
    }

    void clear() {
        failNext.clear();
        failNextToken.clear();
        dropNextBefore.set(0);
        dropNextAfter.set(0);
    }

    private static OptionalInt take(Queue<Step> q) {
        Step head;
        while ((head = q.peek()) != null) {
            if (takeOne(head.remaining)) {
                return OptionalInt.of(head.errcode);
            }
            q.remove(head);
        }
        return OptionalInt.empty();
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private static void replace(Queue<Step> q, List<ScriptedFailure> steps) {
        q.clear();
        steps.forEach(s -> q.add(new Step(s)));
    }

    private static List<ScriptedFailure> pending(Queue<Step> q) {
        List<ScriptedFailure> out = new ArrayList<>();
        for (Step s : q) {
            int n = s.remaining.get();
            if (n > 0) {
                out.add(new ScriptedFailure(s.errcode, n));
            }
        }
        return out;
    }
}
