package io.hongyan.token;

import io.hongyan.platform.config.WeChatApp;

import java.time.Duration;
import java.util.Collection;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renews tokens that have entered their refresh window before callers find them due, so that
 * callers rarely wait. Uses the same cluster-wide lock as callers: with several replicas, whoever
 * gets there first renews and the others skip.
 */
public final class ProactiveRefresher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ProactiveRefresher.class.getName());

    private final Thread thread;

    private ProactiveRefresher(Thread thread) {
        this.thread = thread;
    }

    /** Starts renewing every {@code interval} on a virtual thread. */
    public static ProactiveRefresher start(AccessTokens tokens, Collection<WeChatApp> apps, Duration interval) {
        Thread thread = Thread.ofVirtual().name("token-proactive-refresh").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
                for (WeChatApp app : apps) {
                    try {
                        tokens.refreshIfDue(app);
                    } catch (RuntimeException e) {
                        // Redis down, say: callers will see it too; keep trying next round.
                        LOG.log(Level.WARNING, app.appId() + ": proactive refresh failed", e);
                    }
                }
            }
        });
        return new ProactiveRefresher(thread);
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(Duration.ofSeconds(5));
    }
}
