package io.hongyan.realtime;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bounded polling for state that settles asynchronously (a disconnect seen by the server, say). */
final class Eventually {
    private Eventually() {
    }

    static void assertEventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                assertTrue(condition.getAsBoolean(), what);
                return;
            }
            Thread.sleep(10);
        }
    }
}
