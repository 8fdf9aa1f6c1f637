package io.hongyan.dispatch.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 6);

    @Test
    void delaysGrowExponentiallyWithinTheirJitterBand() {
        for (int attempts = 1; attempts <= 8; attempts++) {
            long base = Math.min(1000L << (attempts - 1), 300_000L);
            for (int draw = 0; draw < 200; draw++) {
                long delay = policy.backoffAfter(attempts).toMillis();
                assertThat("after " + attempts + " attempts", delay, greaterThanOrEqualTo(base / 2));
                assertThat("after " + attempts + " attempts", delay, lessThanOrEqualTo(base));
            }
        }
    }

    @Test
    void delaysAreCappedAtTheMaximum() {
        assertThat(policy.backoffAfter(30).toMillis(), lessThanOrEqualTo(300_000L));
        assertThat(policy.backoffAfter(30).toMillis(), greaterThanOrEqualTo(150_000L));
    }

    @Test
    void delaysAreSpreadNotFixed() {
        long distinct = IntStream.range(0, 50).mapToLong(i -> policy.backoffAfter(3).toMillis()).distinct().count();
        assertThat(distinct > 10, is(true));
    }

    @Test
    void theBudgetEndsAtMaxAttempts() {
        assertThat(policy.exhausted(5), is(false));
        assertThat(policy.exhausted(6), is(true));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ZERO, 2, Duration.ofSeconds(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 0));
    }
}
