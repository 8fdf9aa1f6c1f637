package io.hongyan.realtime.ws;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import io.hongyan.platform.realtime.SubscriberGrant;
import io.hongyan.realtime.Subscriber;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WebSocket connection of a subscriber: its grant, its channels and its writer.
 *
 * <p>Helidon calls the listener methods on the connection's own thread. Subscriptions change there,
 * while the session can end from other threads (slow consumer on the NATS thread, heartbeats, the
 * connection dying), so membership changes and {@link #end()} are serialised on this object:
 * a subscribe racing a disconnect can never leave interest behind.
 */
final class SubscriberSession implements WsListener, Subscriber {
    private static final Logger LOG = Logger.getLogger(SubscriberSession.class.getName());
    /** How long a close frame may take to leave before the socket is cut. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private final Sessions sessions;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final Set<String> channels = new HashSet<>(); // guarded by this
    private final StringBuilder fragments = new StringBuilder(); // connection thread only
    private int fragmentBytes; // connection thread only
    private boolean ended; // guarded by this
    private SubscriberGrant grant;
    private SessionWriter writer;
    private volatile long lastHeardNanos = System.nanoTime();

    SubscriberSession(Sessions sessions) {
        this.sessions = sessions;
    }

    /** Runs before the handshake answer: no valid token, no upgrade (the request then gets a 401 over HTTP). */
    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        grant = prologue.query().first("token").asOptional()
                .flatMap(sessions.tokens()::verify)
                .orElseThrow(() -> new WsUpgradeException("no valid subscriber token"));
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        writer = new SessionWriter(session, sessions.settings().outboundQueueFrames(), sessions.metrics(), this::connectionLost);
        writer.start();
        sessions.opened(this);
        // Helidon tells listeners about close frames, not about sockets that just die; the connection
        // thread (this one) ends either way, so its end is the reliable signal.
        Thread connectionThread = Thread.currentThread();
        Thread.ofVirtual().name("ws-watch").start(() -> {
            try {
                connectionThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            connectionLost();
            finished.complete(null);
        });
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        heard();
        fragmentBytes += text.getBytes(StandardCharsets.UTF_8).length;
        if (fragmentBytes > sessions.settings().maxInboundFrameBytes()) {
            sessions.metrics().rejected("message_too_big");
            close(CloseReason.MESSAGE_TOO_BIG);
            return;
        }
        if (!last) {
            fragments.append(text);
            return;
        }
        String message = fragments.isEmpty() ? text : fragments.append(text).toString();
        fragments.setLength(0);
        fragmentBytes = 0;
        handle(ClientCommand.parse(message));
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        heard();
        if (last) {
            reply(new ServerFrame.Error("bad_request", "binary frames are not supported; send JSON text frames", null));
        }
    }

    @Override
    public void onPing(WsSession session, BufferData buffer) {
        heard();
        byte[] data = new byte[buffer.available()];
        buffer.read(data);
        offer(new SessionWriter.Pong(data));
    }

    @Override
    public void onPong(WsSession session, BufferData buffer) {
        heard();
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        end();
        if (writer != null) {
            writer.stop();
        }
    }

    @Override
    public void onError(WsSession session, Throwable error) {
        LOG.log(Level.FINE, "WebSocket error", error);
        onClose(session, 1011, "error");
    }

    /** Queues an event; a client that cannot keep up is dropped instead of slowing anyone else. */
    @Override
    public void deliver(String frame) {
        offer(new SessionWriter.Text(frame));
    }

    /** Called every heartbeat interval by {@link Sessions}. */
    void heartbeat(Duration interval) {
        if (writer == null) {
            return;
        }
        if (writer.stuckLongerThan(interval)) {
            close(CloseReason.SLOW_CONSUMER);
        } else if (grant.isExpired(Instant.now())) {
            close(CloseReason.TOKEN_EXPIRED);
        } else if (System.nanoTime() - lastHeardNanos > 2 * interval.toNanos()) {
            close(CloseReason.HEARTBEAT_TIMEOUT);
        } else {
            offer(new SessionWriter.Ping());
        }
    }

    /**
     * Ends the session at once (no more events) and sends a close frame; the socket is cut if the
     * frame cannot leave within {@link #CLOSE_GRACE}. Never blocks the caller.
     */
    void close(CloseReason reason) {
        if (writer == null || !writer.close(reason)) {
            return;
        }
        if (reason == CloseReason.SLOW_CONSUMER) {
            sessions.metrics().slowConsumerClosed();
        }
        Thread.ofVirtual().name("ws-close").start(() -> {
            end();
            try {
                writer.awaitClosed(CLOSE_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Completes when the connection is gone (close handshake done or socket dead). */
    CompletableFuture<Void> finished() {
        return finished;
    }

    private void handle(ClientCommand command) {
        switch (command) {
            case ClientCommand.Subscribe subscribe -> subscribe(subscribe.channel());
            case ClientCommand.Unsubscribe unsubscribe -> unsubscribe(unsubscribe.channel());
            case ClientCommand.Ping ignored -> reply(new ServerFrame.Pong());
            case ClientCommand.Rejected rejected -> reply(rejected.error());
        }
    }

    private void subscribe(String channel) {
        if (!grant.allows(channel)) {
            reply(new ServerFrame.Error("forbidden", "the token does not allow this channel", channel));
            return;
        }
        synchronized (this) {
            if (ended) {
                return;
            }
            if (!channels.contains(channel)) {
                if (channels.size() >= sessions.settings().maxSubscriptionsPerConnection()) {
                    reply(new ServerFrame.Error("too_many_subscriptions", "at most "
                            + sessions.settings().maxSubscriptionsPerConnection() + " channels per connection", channel));
                    return;
                }
                sessions.subscriptions().add(channel, this);
                channels.add(channel);
                sessions.metrics().subscriptionsChanged(1);
            }
        }
        // Acknowledge only once NATS has the interest: events published after "subscribed" arrive.
        sessions.subscriptions().confirm();
        reply(new ServerFrame.Subscribed(channel));
    }

    private void unsubscribe(String channel) {
        synchronized (this) {
            if (channels.remove(channel)) {
                sessions.subscriptions().remove(channel, this);
                sessions.metrics().subscriptionsChanged(-1);
            }
        }
        reply(new ServerFrame.Unsubscribed(channel));
    }

    private void reply(ServerFrame frame) {
        if (frame instanceof ServerFrame.Error error) {
            sessions.metrics().rejected(error.code());
        }
        offer(new SessionWriter.Text(frame.json()));
    }

    private void offer(SessionWriter.Outbound frame) {
        if (!writer.offer(frame)) {
            close(CloseReason.SLOW_CONSUMER);
        }
    }

    private void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** The socket is gone: forget the session and stop its writer. */
    private void connectionLost() {
        end();
        writer.terminate();
    }

    /** Drops every subscription of this session; idempotent, callable from any thread. */
    private void end() {
        int dropped;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            channels.forEach(channel -> sessions.subscriptions().remove(channel, this));
            dropped = channels.size();
            channels.clear();
        }
        sessions.metrics().subscriptionsChanged(-dropped);
        sessions.closed(this);
    }
}
