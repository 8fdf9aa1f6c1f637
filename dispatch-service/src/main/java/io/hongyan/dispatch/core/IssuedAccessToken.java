package io.hongyan.dispatch.core;

import java.time.Instant;
import java.util.Objects;

/**
 * An access token as token-service hands it out.
 *
 * @param accessToken the token; never printed (see {@link #toString()})
 * @param expiresAt   when WeChat stops accepting it; {@link Instant#EPOCH} if token-service did not say
 */
public record IssuedAccessToken(String accessToken, Instant expiresAt) {
    public IssuedAccessToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "IssuedAccessToken[" + accessToken.length() + " chars, expiresAt=" + expiresAt + "]";
    }
}
