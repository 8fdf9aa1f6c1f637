package io.hongyan.dispatch.core;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a message waits before its next attempt, and when to give up.
 *
 * <p>Exponential backoff with "equal jitter": the delay after n failed attempts is
 * {@code min(max, initial * multiplier^(n-1))}, of which half is fixed and half random. The fixed
 * half keeps a busy WeChat from being hit again at once; the random half spreads the retries of a
 * burst that failed together.
 *
 * @param initialBackoff the base delay after the first failed attempt
 * @param multiplier     growth per further attempt
 * @param maxBackoff     the cap on the base delay
 * @param maxAttempts    attempts after which a message that still fails becomes FAILED
 */
public record RetryPolicy(Duration initialBackoff, double multiplier, Duration maxBackoff, int maxAttempts) {
    public RetryPolicy {
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("max backoff must not be shorter than the initial backoff");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("backoff multiplier must be at least 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
    }

    /** The delay before the next attempt of a message that has failed {@code attempts} times (at least 1). */
    public Duration backoffAfter(int attempts) {
        double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempts - 1));
        long capped = (long) Math.min(base, maxBackoff.toMillis());
        long fixed = capped / 2;
        return Duration.ofMillis(fixed + ThreadLocalRandom.current().nextLong(capped - fixed + 1));
    }

    /** Whether a message that has been tried {@code attempts} times gets no further attempt. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
