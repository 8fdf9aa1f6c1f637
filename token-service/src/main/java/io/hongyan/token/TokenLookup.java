package io.hongyan.token;

import java.time.Duration;

/** The answer to "give me this app's access token". */
public sealed interface TokenLookup {

    /** A token WeChat accepts now; {@code route} says how it was obtained (for metrics). */
    record Found(CachedToken token, Route route) implements TokenLookup {
    }

    /** No app with that id is configured. */
    record UnknownApp() implements TokenLookup {
    }

    /** The refresh failed (here or, recently, on another replica) and no valid token is cached. */
    record RefreshFailed(Issuance.Failed failure) implements TokenLookup {
    }

    /** Another replica held the refresh lock for the whole bounded wait. */
    record TimedOut(Duration waited) implements TokenLookup {
    }

    /** How a {@link Found} token was obtained. */
    enum Route {
        /** Fresh in the cache. */
        CACHED,
        /** This caller held the lock and refreshed it. */
        REFRESHED,
        /** Another caller refreshed it while this one waited. */
        WAITED,
        /** Near expiry but still valid, while another caller refreshes it or a refresh just failed. */
        NEAR_EXPIRY
    }
}
