package io.hongyan.dispatch;

import io.helidon.config.Config;
import io.helidon.metrics.api.Metrics;
import io.hongyan.dispatch.core.CachedAccessTokens;
import io.hongyan.dispatch.core.Delivery;
import io.hongyan.dispatch.core.DeliveryAttempt;
import io.hongyan.dispatch.core.DeliveryWorkers;
import io.hongyan.dispatch.core.DispatchMetrics;
import io.hongyan.dispatch.core.MessageAcceptance;
import io.hongyan.dispatch.core.MessageLookup;
import io.hongyan.dispatch.core.MessageStatuses;
import io.hongyan.dispatch.core.SubmitValidation;
import io.hongyan.dispatch.grpc.DispatchGrpcService;
import io.hongyan.dispatch.grpc.TokenServiceClient;
import io.hongyan.dispatch.nats.BacklogMonitor;
import io.hongyan.dispatch.nats.DispatchStream;
import io.hongyan.dispatch.nats.JetStreamWorkQueue;
import io.hongyan.dispatch.nats.NatsStatusEvents;
import io.hongyan.dispatch.redis.RedisMessageStore;
import io.hongyan.dispatch.wechat.WeChatHttpSender;
import io.hongyan.platform.config.ServiceConfig;
import io.hongyan.platform.config.WeChatApps;
import io.hongyan.platform.nats.NatsConnector;
import io.hongyan.platform.nats.NatsHealthCheck;
import io.hongyan.platform.redis.RedisConnector;
import io.hongyan.platform.redis.RedisHealthCheck;
import io.hongyan.platform.server.ServiceServer;
import io.nats.client.Connection;
import redis.clients.jedis.RedisClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * dispatch-service, wired: gRPC DispatchService on {@code server.port} (default 9090; 0 picks a
 * free port), status records in Redis ({@code redis.uri}), the work stream on NATS JetStream
 * ({@code nats.url}), tokens from token-service ({@code hongyan.services.token}), apps from
 * {@code hongyan.apps}, tuning under {@code dispatch}. Tests start it in-process.
 */
public final class DispatchServer {
    public static final int DEFAULT_PORT = 9090;
    private static final Duration EVENT_CONFIRM_TIMEOUT = Duration.ofSeconds(2);

    private DispatchServer() {
    }

    /**
     * Starts the service; closing the returned server stops taking messages, lets sends in flight
     * finish (bounded), then closes its connections.
     *
     * @throws io.hongyan.platform.config.MissingConfigurationException without hongyan.apps or hongyan.services.token
     */
    public static ServiceServer start(Config root) {
        // Read and check every setting before opening any connection, so a bad config leaks nothing.
        WeChatApps apps = WeChatApps.from(root, WeChatApps.Requirement.ID_ONLY);
        String tokenService = ServiceConfig.required(root.get("hongyan.services.token"), "token-service address, host:port");
        DispatchSettings settings = DispatchSettings.from(root.get("dispatch"));
        int port = root.get("server.port").asInt().orElse(DEFAULT_PORT);

        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            return start(root, apps, tokenService, settings, port, opened);
        } catch (RuntimeException e) {
            opened.forEach(DispatchServer::closeQuietly);
            throw e;
        }
    }

    private static ServiceServer start(Config root, WeChatApps apps, String tokenService, DispatchSettings settings, int port,
                                       Deque<AutoCloseable> opened) {
        Clock clock = Clock.systemUTC();
        RedisClient redis = remember(opened, RedisConnector.connect(root.get("redis")));
        Connection nats = remember(opened, NatsConnector.connect(root.get("nats"), "dispatch-service"));
        DispatchStream.ensure(nats, settings.stream());
        JetStreamWorkQueue queue = JetStreamWorkQueue.open(nats, settings.stream());

        DispatchMetrics metrics = new DispatchMetrics(Metrics.globalRegistry());
        RedisMessageStore store = new RedisMessageStore(redis, settings.records().statusTtl(),
                settings.records().idempotencyTtl(), clock);
        MessageStatuses statuses = new MessageStatuses(store, new NatsStatusEvents(nats, EVENT_CONFIRM_TIMEOUT), clock,
                settings.records().announceWait());
        MessageAcceptance acceptance = new MessageAcceptance(new SubmitValidation(apps), store, queue, statuses, metrics,
                clock, settings.records().unfinishedSubmitAfter());

        ServiceServer.Builder server = ServiceServer.builder("dispatch-service", root.get("server"))
                .port(port)
                .grpc(new DispatchGrpcService(acceptance, new MessageLookup(store)))
                .healthCheck(new RedisHealthCheck(redis))
                .healthCheck(new NatsHealthCheck(nats))
                .closeOnStop(redis)
                .closeOnStop(nats);
        BacklogMonitor backlog = remember(opened, BacklogMonitor.start(nats, settings.backlogRefresh()));
        server.closeOnStop(backlog);
        if (settings.senders().enabled()) {
            TokenServiceClient tokens = remember(opened, TokenServiceClient.open(tokenService, settings.tokenTimeout()));
            WeChatHttpSender sender = remember(opened,
                    WeChatHttpSender.create(settings.wechatConnectTimeout(), settings.wechatRequestTimeout()));
            CachedAccessTokens cachedTokens = new CachedAccessTokens(tokens, settings.tokenCacheMaxAge(), clock);
            Delivery delivery = new Delivery(apps, statuses, new DeliveryAttempt(cachedTokens, sender, metrics), settings.retry(), metrics);
            DeliveryWorkers workers = remember(opened, DeliveryWorkers.start(queue, delivery, settings.senders().concurrency(),
                    settings.senders().fetchWait(), settings.senders().shutdownGrace()));
            // Closed in reverse order of registration: the senders finish before the clients they use go away.
            server.closeOnStop(tokens)
                    .closeOnStop(sender)
                    .closeOnStop(metrics.gauges(workers::busy, backlog::backlog))
                    .closeOnStop(workers);
        } else {
            server.closeOnStop(metrics.gauges(() -> 0, backlog::backlog));
        }
        opened.clear(); // from here on the server closes them, also if its own start fails
        return server.start();
    }

    private static <T extends AutoCloseable> T remember(Deque<AutoCloseable> opened, T resource) {
        opened.push(resource);
        return resource;
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception ignored) {
            // startup already failed; that failure is the one to report
        }
    }
}
