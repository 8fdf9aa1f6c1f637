package io.hongyan.token;

import java.time.Duration;
import java.util.Optional;

/**
 * The cluster-wide state of each app's token: the cached token, the refresh lock, the token last
 * reported as refused, the force-refresh guard and the last refresh failure.
 *
 * <p>Every method throws {@link TokenStoreUnavailableException} when the store cannot answer.
 */
public interface TokenStore {

    Optional<CachedToken> cached(String appId);

    /** Stores a freshly issued token until it expires and forgets any remembered failure. */
    void save(String appId, CachedToken token);

    /** Takes the app's refresh lock unless someone holds it; it frees itself after {@code ttl}. */
    boolean tryLock(String appId, String owner, Duration ttl);

    /** Releases the lock only if {@code owner} still holds it (it may have expired and been taken). */
    void unlock(String appId, String owner);

    /**
     * Deletes the cached token only if it is {@code accessToken}, and then remembers it as refused
     * for as long as it would have lived.
     *
     * @return whether it was the cached token
     */
    boolean invalidate(String appId, String accessToken);

    /** The token last invalidated while current, while WeChat may still hand it out. */
    Optional<String> refusedToken(String appId);

    /** Claims the app's one force-refresh per {@code spacing}; false if it was used within it. */
    boolean claimForceRefresh(String appId, Duration spacing);

    /** Remembers a failed refresh for {@code hold}, so that others report it instead of asking WeChat again. */
    void rememberFailure(String appId, Issuance.Failed failure, Duration hold);

    Optional<Issuance.Failed> recentFailure(String appId);
}
