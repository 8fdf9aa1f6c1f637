package io.hongyan.platform.realtime;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscriberTokensTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-21T00:00:00Z");
    private final SubscriberTokens tokens = new SubscriberTokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void issuedTokenVerifiesWithItsChannels() {
        String token = tokens.issue(new SubscriberGrant("key-1", List.of("message:abc", "app:wx1:*"), NOW.plusSeconds(60)));
        SubscriberGrant grant = tokens.verify(token).orElseThrow();
        assertEquals(List.of("message:abc", "app:wx1:*"), grant.channels());
        assertTrue(grant.allows("message:abc"));
        assertTrue(grant.allows("app:wx1:status"));
        assertFalse(grant.allows("message:abd"));
        assertFalse(grant.allows("app:wx2:status"));
        assertFalse(grant.allows("app:wx1"), "the prefix pattern needs at least one more segment");
    }

    @Test
    void tamperedOrForeignTokensAreRefused() {
        String token = tokens.issue(new SubscriberGrant("key-1", List.of("message:abc"), NOW.plusSeconds(60)));
        String forged = tokens.issue(new SubscriberGrant("key-1", List.of("app:wx1:*"), NOW.plusSeconds(60)));
        String spliced = forged.substring(0, forged.indexOf('.')) + token.substring(token.indexOf('.'));
        assertTrue(tokens.verify(spliced).isEmpty());
        SubscriberTokens other = new SubscriberTokens("another-secret-another-secret-123", Clock.fixed(NOW, ZoneOffset.UTC));
        assertTrue(other.verify(token).isEmpty());
        assertTrue(tokens.verify("not-a-token").isEmpty());
        assertTrue(tokens.verify(null).isEmpty());
    }

    @Test
    void expiredTokensAreRefused() {
        String token = tokens.issue(new SubscriberGrant("key-1", List.of("message:abc"), NOW.plusSeconds(60)));
        SubscriberTokens later = new SubscriberTokens(SECRET, Clock.fixed(NOW.plus(Duration.ofSeconds(60)), ZoneOffset.UTC));
        assertTrue(later.verify(token).isEmpty());
    }

    @Test
    void shortSecretsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SubscriberTokens("short", Clock.systemUTC()));
    }

    @Test
    void channelNamesCannotCarryNatsWildcards() {
        assertEquals("hongyan.rt.app.wx1.status", Channels.subject("app:wx1:status"));
        for (String bad : List.of("", "a..b", "a:*", "a:>", "a b", "a.b", ":a", "a:", "x".repeat(201))) {
            assertFalse(Channels.isValid(bad), bad);
        }
    }
}
