package io.hongyan.token;

import io.helidon.config.Config;
import io.helidon.metrics.api.Metrics;
import io.hongyan.platform.config.WeChatApps;
import io.hongyan.platform.redis.RedisHealthCheck;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.platform.tracing.Tracing;
import io.hongyan.token.grpc.TokenGrpcService;
import io.hongyan.platform.redis.RedisConnector;
import io.hongyan.token.redis.RedisTokenStore;
import io.hongyan.token.wechat.TokenApiChoice;
import io.hongyan.token.wechat.WeChatTokenIssuer;
import io.hongyan.wechat.api.WeChatApiClient;
import redis.clients.jedis.RedisClient;

import java.time.Clock;
import java.time.Duration;

/**
 * token-service, wired: gRPC TokenService on {@code server.port} (default 9091; 0 picks a free
 * port), tokens cached in Redis ({@code redis.uri}), WeChat apps from {@code hongyan.apps}
 * (each needs a secret), tuning under {@code hongyan.token}. Tests start it in-process.
 */
public final class TokenServer {
    public static final int DEFAULT_PORT = 9091;
    private static final Duration LONGEST_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private TokenServer() {
    }

    /**
     * Starts the service; closing the returned server stops it and releases Redis and HTTP clients.
     *
     * @throws io.hongyan.platform.config.MissingConfigurationException if no app or an app's secret is configured
     */
    public static ServiceServer start(Config root) {
        // Read and check every setting before opening any connection, so a bad config leaks nothing.
        WeChatApps apps = WeChatApps.from(root, WeChatApps.Requirement.SECRET);
        TokenSettings settings = TokenSettings.from(root.get("hongyan.token"));
        TokenApiChoice apis = TokenApiChoice.from(root);
        int port = root.get("server.port").asInt().orElse(DEFAULT_PORT);

        WeChatApiClient wechat = WeChatApiClient.builder()
                .connectTimeout(settings.wechatTimeout().compareTo(LONGEST_CONNECT_TIMEOUT) < 0
                        ? settings.wechatTimeout() : LONGEST_CONNECT_TIMEOUT)
                .requestTimeout(settings.wechatTimeout())
                .requestDecorator(Tracing::inject)
                .build();
        RedisClient redis = RedisConnector.connect(root.get("redis"));
        AccessTokens tokens = new AccessTokens(apps, new RedisTokenStore(redis), new WeChatTokenIssuer(wechat, apis),
                settings, new TokenMetrics(Metrics.globalRegistry()), Clock.systemUTC());

        ServiceServer.Builder server = ServiceServer.builder("token-service", root.get("server"))
                .port(port)
                .grpc(new TokenGrpcService(tokens))
                .healthCheck(new RedisHealthCheck(redis))
                .closeOnStop(redis)
                .closeOnStop(wechat);
        if (settings.proactiveRefresh()) {
            // Registered last, so closed first: it stops before Redis and the HTTP client go away.
            server.closeOnStop(ProactiveRefresher.start(tokens, apps.all(), settings.refreshInterval()));
        }
        return server.start();
    }
}
