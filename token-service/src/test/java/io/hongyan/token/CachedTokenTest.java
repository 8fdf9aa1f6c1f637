package io.hongyan.token;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a cached token is due for renewal. */
class CachedTokenTest {
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration MARGIN = Duration.ofSeconds(300);

    @Test
    void aTwoHourTokenIsDueFiveMinutesBeforeExpiry() {
        CachedToken token = new CachedToken("t", ISSUED, ISSUED.plusSeconds(7200));
        assertFalse(token.dueForRefreshAt(ISSUED.plusSeconds(7200 - 301), MARGIN));
        assertTrue(token.dueForRefreshAt(ISSUED.plusSeconds(7200 - 300), MARGIN));
    }

    @Test
    void theMarginIsCappedAtHalfTheLifetime() {
        CachedToken token = new CachedToken("t", ISSUED, ISSUED.plusSeconds(60));
        assertFalse(token.dueForRefreshAt(ISSUED.plusSeconds(29), MARGIN), "not due at once although 60 s < margin");
        assertTrue(token.dueForRefreshAt(ISSUED.plusSeconds(30), MARGIN));
    }

    @Test
    void validUntilExpiry() {
        CachedToken token = new CachedToken("t", ISSUED, ISSUED.plusSeconds(60));
        assertTrue(token.validAt(ISSUED.plusSeconds(59)));
        assertFalse(token.validAt(ISSUED.plusSeconds(60)));
    }

    @Test
    void toStringHidesTheToken() {
        assertThat(new CachedToken("secret-token-value", ISSUED, ISSUED.plusSeconds(60)).toString(),
                not(containsString("secret-token-value")));
    }
}
