package io.hongyan.realtime;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hongyan.platform.nats.NatsConnector;
import io.hongyan.platform.nats.NatsHealthCheck;
import io.hongyan.platform.realtime.SubscriberTokens;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.realtime.grpc.RealtimeGrpcService;
import io.hongyan.realtime.nats.NatsChannelFeed;
import io.hongyan.realtime.nats.NatsEventPublisher;
import io.hongyan.realtime.ws.Sessions;
import io.hongyan.realtime.ws.WsEndpoint;
import io.nats.client.Connection;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The realtime service: WebSocket subscribers on {@code /v1/ws}, the {@code RealtimeService} gRPC
 * API, health and metrics, all on {@code server.port}.
 */
public final class RealtimeServer implements AutoCloseable {
    public static final String NAME = "realtime-service";
    private static final Duration GOODBYE_WAIT = Duration.ofSeconds(2);

    private final ServiceServer server;
    private final Sessions sessions;
    private final Subscriptions subscriptions;
    private final Connection nats;

    private RealtimeServer(ServiceServer server, Sessions sessions, Subscriptions subscriptions, Connection nats) {
        this.server = server;
        this.sessions = sessions;
        this.subscriptions = subscriptions;
        this.nats = nats;
    }

    /**
     * Starts the service from the root configuration. Closing the returned server stops it and
     * closes NATS; use {@link #launch} to also say goodbye (1001) to subscribers first.
     */
    public static ServiceServer start(Config root) {
        return launch(root).server();
    }

    /** Starts the service; {@link #close()} closes subscriber sessions with 1001 before stopping. */
    public static RealtimeServer launch(Config root) {
        RealtimeSettings settings = RealtimeSettings.from(root.get("hongyan.realtime"));
        SubscriberTokens tokens = new SubscriberTokens(settings.tokenSecret(), Clock.systemUTC());
        RealtimeMetrics metrics = RealtimeMetrics.process();

        Connection nats = NatsConnector.connect(root.get("nats"), NAME);
        Subscriptions subscriptions;
        try {
            subscriptions = new Subscriptions(sink -> new NatsChannelFeed(nats, sink), metrics);
        } catch (RuntimeException e) {
            closeQuietly(nats);
            throw e;
        }
        Sessions sessions = new Sessions(settings, tokens, subscriptions, metrics);
        WsEndpoint endpoint = new WsEndpoint(sessions, metrics);

        ServiceServer server = ServiceServer.builder(NAME, withFrameLimit(root.get("server"), settings.maxInboundFrameBytes()))
                .grpc(new RealtimeGrpcService(new NatsEventPublisher(nats), metrics))
                .http(endpoint::httpRoutes)
                .routing(endpoint.routing())
                .healthCheck(new NatsHealthCheck(nats))
                .closeOnStop(nats)          // closed last
                .closeOnStop(subscriptions) // drains the NATS dispatcher
                .closeOnStop(sessions)      // stops heartbeats
                .start();
        return new RealtimeServer(server, sessions, subscriptions, nats);
    }

    public ServiceServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** Closes every subscriber session with 1001, stops the server, drains the dispatcher, closes NATS. */
    @Override
    public void close() {
        sessions.goodbye(GOODBYE_WAIT);
        server.close();
    }

    /** The interest registry, for tests that check NATS subscriptions follow local interest. */
    Subscriptions subscriptions() {
        return subscriptions;
    }

    /** How often the NATS connection had to reconnect (each time, every subscription lapses briefly). */
    long natsReconnects() {
        return nats.getStatistics().getReconnects();
    }

    /** Open WebSocket sessions of this server (the metrics gauge counts the whole process). */
    int openSessions() {
        return sessions.count();
    }

    /** Helidon reads whole frames into memory, so its frame limit is the first line of the inbound cap. */
    private static Config withFrameLimit(Config server, int maxFrameBytes) {
        return Config.just(
                ConfigSources.create(Map.of("protocols.websocket.max-frame-length", Integer.toString(maxFrameBytes))),
                ConfigSources.create(server.detach()));
    }

    private static void closeQuietly(Connection nats) {
        try {
            nats.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
