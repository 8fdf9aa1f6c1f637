package io.hongyan.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An access token as the cluster caches it.
 *
 * @param accessToken the token WeChat issued; never printed (see {@link #toString()})
 * @param issuedAt    when this service received it
 * @param expiresAt   when WeChat stops accepting it (issuedAt + expires_in)
 */
public record CachedToken(String accessToken, Instant issuedAt, Instant expiresAt) {

    public CachedToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** WeChat still accepts it at {@code now}. */
    public boolean validAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /**
     * It is time to fetch the next one: within {@code margin} of expiry, but never more than half
     * the token's lifetime before it, so that short-lived tokens are not refreshed on every call.
     */
    public boolean dueForRefreshAt(Instant now, Duration margin) {
        Duration halfLife = Duration.between(issuedAt, expiresAt).dividedBy(2);
        Duration effective = margin.compareTo(halfLife) < 0 ? margin : halfLife;
        return !now.isBefore(expiresAt.minus(effective));
    }

    @Override
    public String toString() {
        // Tokens stay out of logs; the length is enough to tell entries apart when debugging.
        return "CachedToken[" + accessToken.length() + " chars, issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
