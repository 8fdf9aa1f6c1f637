package io.hongyan.token;

import io.hongyan.platform.config.WeChatApp;
import io.hongyan.platform.config.WeChatApps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Hands out each app's access token and makes sure that, across every replica, only one caller at
 * a time asks WeChat for a new one.
 *
 * <p>A caller that finds no fresh token takes the app's refresh lock in the {@link TokenStore};
 * the holder checks the cache again (someone may have refreshed it while it queued) and only then
 * calls WeChat. Callers that do not get the lock never call WeChat: they serve the cached token if
 * it is still valid, or else poll the cache until the holder has written the new token, a failure
 * is recorded, the lock frees up (its holder died: they then compete for it) or the wait ends.
 *
 * <p>Why polling and not Redis pub/sub: a subscription needs its own blocking connection per
 * waiting caller and a re-read after subscribing to avoid missing a notification sent in between,
 * and the lock's expiry (holder died) sends no notification at all, so the loop that re-reads and
 * re-tries the lock is needed anyway. Waits only happen while a token is missing or expired (the
 * proactive refresher renews it earlier), last about one WeChat round trip, and cost a few reads.
 */
public final class AccessTokens {
    private static final Logger LOG = Logger.getLogger(AccessTokens.class.getName());
    private static final Duration FIRST_POLL = Duration.ofMillis(10);
    private static final Duration LONGEST_POLL = Duration.ofMillis(100);

    private final WeChatApps apps;
    private final TokenStore store;
    private final TokenIssuer issuer;
    private final TokenSettings settings;
    private final TokenMetrics metrics;
    private final Clock clock;

    public AccessTokens(WeChatApps apps, TokenStore store, TokenIssuer issuer, TokenSettings settings,
                        TokenMetrics metrics, Clock clock) {
        this.apps = apps;
        this.store = store;
        this.issuer = issuer;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A valid token for the app, waiting at most {@code hongyan.token.wait-timeout} for another caller's refresh. */
    public TokenLookup get(String appId) {
        Optional<WeChatApp> app = apps.find(appId);
        if (app.isEmpty()) {
            metrics.unknownApp();
            return new TokenLookup.UnknownApp();
        }
        TokenLookup lookup = lookup(app.get());
        metrics.request(appId, outcome(lookup));
        return lookup;
    }

    /** WeChat refused {@code accessToken}: forget it, unless a newer token has replaced it already. */
    public Invalidation invalidate(String appId, String accessToken) {
        if (apps.find(appId).isEmpty()) {
            return Invalidation.UNKNOWN_APP;
        }
        return store.invalidate(appId, accessToken) ? Invalidation.DELETED : Invalidation.NOT_CURRENT;
    }

    /**
     * Renews the app's token if it has entered the refresh window and nobody else is renewing it.
     * Never waits: the proactive refresher calls this for every app in turn.
     */
    public void refreshIfDue(WeChatApp app) {
        Optional<CachedToken> cached = store.cached(app.appId());
        if (cached.isEmpty() || !cached.get().dueForRefreshAt(clock.instant(), settings.refreshMargin())
                || store.recentFailure(app.appId()).isPresent()) {
            return;
        }
        String owner = UUID.randomUUID().toString();
        if (store.tryLock(app.appId(), owner, settings.lockTtl())) {
            try {
                refreshHoldingLock(app);
            } finally {
                store.unlock(app.appId(), owner);
            }
        }
    }

    private TokenLookup lookup(WeChatApp app) {
        String appId = app.appId();
        Instant started = clock.instant();
        Instant deadline = started.plus(settings.waitTimeout());
        Duration pause = FIRST_POLL;
        boolean waited = false;
        while (true) {
            Optional<CachedToken> cached = store.cached(appId);
            Instant now = clock.instant();
            if (cached.isPresent() && !cached.get().dueForRefreshAt(now, settings.refreshMargin())) {
                return new TokenLookup.Found(cached.get(), waited ? TokenLookup.Route.WAITED : TokenLookup.Route.CACHED);
            }
            Optional<CachedToken> stillValid = cached.filter(token -> token.validAt(now));
            // A refresh failed moments ago: report it (or serve the still valid token) instead of
            // asking WeChat again; this keeps a refused secret from costing one call per request.
            Optional<Issuance.Failed> failure = store.recentFailure(appId);
            if (failure.isPresent()) {
                return stillValid.<TokenLookup>map(token -> new TokenLookup.Found(token, TokenLookup.Route.NEAR_EXPIRY))
                        .orElseGet(() -> new TokenLookup.RefreshFailed(failure.get()));
            }
            String owner = UUID.randomUUID().toString();
            if (store.tryLock(appId, owner, settings.lockTtl())) {
                try {
                    return refreshHoldingLock(app);
                } finally {
                    store.unlock(appId, owner);
                }
            }
            if (stillValid.isPresent()) {
                return new TokenLookup.Found(stillValid.get(), TokenLookup.Route.NEAR_EXPIRY);
            }
            if (!waited) {
                metrics.lockWait(appId);
                waited = true;
            }
            Duration left = Duration.between(now, deadline);
            if (left.isNegative() || left.isZero() || !sleep(jittered(pause.compareTo(left) < 0 ? pause : left))) {
                return new TokenLookup.TimedOut(Duration.between(started, clock.instant()));
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_POLL) < 0 ? pause.multipliedBy(2) : LONGEST_POLL;
        }
    }

    /** Called only while holding the app's lock. */
    private TokenLookup refreshHoldingLock(WeChatApp app) {
        String appId = app.appId();
        Instant now = clock.instant();
        Optional<CachedToken> cached = store.cached(appId);
        // Double check: the previous holder may have written a new token, or recorded a failure,
        // between our reading the cache and our taking the lock.
        if (cached.isPresent() && !cached.get().dueForRefreshAt(now, settings.refreshMargin())) {
            return new TokenLookup.Found(cached.get(), TokenLookup.Route.CACHED);
        }
        Optional<Issuance.Failed> failure = store.recentFailure(appId);
        if (failure.isPresent()) {
            return cached.filter(token -> token.validAt(now))
                    .<TokenLookup>map(token -> new TokenLookup.Found(token, TokenLookup.Route.NEAR_EXPIRY))
                    .orElseGet(() -> new TokenLookup.RefreshFailed(failure.get()));
        }
        Issuance issuance = issue(app, false);
        if (issuance instanceof Issuance.Issued issued && isRefusedToken(appId, issued.accessToken())
                && store.claimForceRefresh(appId, TokenSettings.FORCE_REFRESH_SPACING)) {
            // stable_token hands back the token a sender just saw refused, because WeChat still
            // thinks it valid: ask for a new one, once (the guard allows one per 30 s per app).
            LOG.info(() -> appId + ": WeChat returned the token reported as refused; forcing a refresh");
            issuance = issue(app, true);
        }
        return switch (issuance) {
            case Issuance.Issued issued -> {
                Instant issuedAt = clock.instant();
                CachedToken token = new CachedToken(issued.accessToken(), issuedAt, issuedAt.plus(issued.lifetime()));
                store.save(appId, token);
                yield new TokenLookup.Found(token, TokenLookup.Route.REFRESHED);
            }
            case Issuance.Failed failed -> {
                LOG.warning(() -> appId + ": token refresh failed: " + failed.describe());
                store.rememberFailure(appId, failed, settings.failureHold());
                Instant failedAt = clock.instant();
                // The old token, if WeChat still accepts it, is better than no token.
                yield cached.filter(token -> token.validAt(failedAt))
                        .<TokenLookup>map(token -> new TokenLookup.Found(token, TokenLookup.Route.NEAR_EXPIRY))
                        .orElseGet(() -> new TokenLookup.RefreshFailed(failed));
            }
        };
    }

    private boolean isRefusedToken(String appId, String accessToken) {
        return store.refusedToken(appId).filter(accessToken::equals).isPresent();
    }

    private Issuance issue(WeChatApp app, boolean forceRefresh) {
        Issuance issuance = issuer.issue(app, forceRefresh);
        String result = switch (issuance) {
            case Issuance.Issued issued -> forceRefresh ? "forced" : "issued";
            case Issuance.Refused refused -> "refused";
            case Issuance.Unreachable unreachable -> "unreachable";
        };
        metrics.refresh(app.appId(), result);
        return issuance;
    }

    private static String outcome(TokenLookup lookup) {
        return switch (lookup) {
            case TokenLookup.Found found -> found.route().name().toLowerCase(Locale.ROOT);
            case TokenLookup.UnknownApp unknown -> "unknown_app";
            case TokenLookup.RefreshFailed failed -> failed.failure() instanceof Issuance.Refused ? "refused" : "unreachable";
            case TokenLookup.TimedOut timedOut -> "timed_out";
        };
    }

    /** Spreads waiting callers apart so they do not poll Redis in lockstep. */
    private static Duration jittered(Duration pause) {
        long millis = Math.max(1, pause.toMillis());
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
