package io.hongyan.realtime.ws;

import io.hongyan.platform.realtime.SubscriberTokens;
import io.hongyan.realtime.RealtimeMetrics;
import io.hongyan.realtime.RealtimeSettings;
import io.hongyan.realtime.Subscriptions;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The open WebSocket sessions of this replica: their heartbeats and their goodbye at shutdown. */
public final class Sessions implements AutoCloseable {
    private final RealtimeSettings settings;
    private final SubscriberTokens tokens;
    private final Subscriptions subscriptions;
    private final RealtimeMetrics metrics;
    private final Set<SubscriberSession> open = ConcurrentHashMap.newKeySet();
    private final Thread heartbeats;

    public Sessions(RealtimeSettings settings, SubscriberTokens tokens, Subscriptions subscriptions, RealtimeMetrics metrics) {
        this.settings = settings;
        this.tokens = tokens;
        this.subscriptions = subscriptions;
        this.metrics = metrics;
        this.heartbeats = Thread.ofVirtual().name("ws-heartbeats").start(this::beat);
    }

    /** How many sessions are open. */
    public int count() {
        return open.size();
    }

    /**
     * Closes every session with 1001 and waits up to {@code wait} for the clients to finish the close
     * handshake. Call it before stopping the server, which would otherwise just cut the sockets.
     */
    public void goodbye(Duration wait) {
        List<SubscriberSession> leaving = List.copyOf(open);
        leaving.forEach(session -> session.close(CloseReason.SHUTDOWN));
        try {
            CompletableFuture.allOf(leaving.stream().map(SubscriberSession::finished).toArray(CompletableFuture[]::new))
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // clients that do not answer are cut when the server stops
        }
    }

    /** Stops the heartbeats. The server has stopped by now, so every connection is already gone. */
    @Override
    public void close() {
        heartbeats.interrupt();
    }

    SubscriberSession newSession() {
        return new SubscriberSession(this);
    }

    void opened(SubscriberSession session) {
        open.add(session);
        metrics.connectionOpened();
    }

    void closed(SubscriberSession session) {
        if (open.remove(session)) {
            metrics.connectionClosed();
        }
    }

    RealtimeSettings settings() {
        return settings;
    }

    SubscriberTokens tokens() {
        return tokens;
    }

    Subscriptions subscriptions() {
        return subscriptions;
    }

    RealtimeMetrics metrics() {
        return metrics;
    }

    private void beat() {
        Duration interval = settings.heartbeatInterval();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(interval);
                open.forEach(session -> session.heartbeat(interval));
            }
        } catch (InterruptedException e) {
            // closed
        }
    }
}
