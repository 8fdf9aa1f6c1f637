package io.hongyan.token;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hongyan.platform.grpc.GrpcChannels;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.proto.v1.GetAccessTokenRequest;
import io.hongyan.proto.v1.InvalidateAccessTokenRequest;
import io.hongyan.proto.v1.TokenServiceGrpc;
import io.hongyan.simulator.AppCredentials;
import io.hongyan.simulator.SimulatorSettings;
import io.hongyan.simulator.WeChatSimulator;
import io.hongyan.testkit.RedisServer;
import io.hongyan.testkit.SharedInfrastructure;
import io.hongyan.token.redis.TokenKeys;
import redis.clients.jedis.RedisClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * One test class's world: a WeChat simulator, the shared Redis, and the token-service instances
 * the test starts, all closed together. Each test starts from an empty Redis and a fresh simulator.
 */
final class TokenServiceHarness implements AutoCloseable {
    static final AppCredentials APP = SimulatorSettings.DEV_APP;
    static final TokenKeys KEYS = new TokenKeys(APP.id());
    static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("hongyan-error-code", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> ERROR_FIELD = Metadata.Key.of("hongyan-error-field", Metadata.ASCII_STRING_MARSHALLER);

    final WeChatSimulator simulator = WeChatSimulator.start();
    final RedisServer redisServer = SharedInfrastructure.redis();
    final RedisClient redis = RedisClient.create(java.net.URI.create(redisServer.uri()));
    private final List<ServiceServer> servers = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();

    /** Before each test: nothing in Redis, no tokens or faults in the simulator, no servers. */
    void reset() {
        closeServers();
        redisServer.flushAll();
        simulator.reset(true);
    }

    /**
     * Config for one instance: a free port, the shared Redis, the simulator's app, and the
     * background refresher off (tests that count WeChat calls must not race it).
     */
    Map<String, String> config(Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of(
                "server.port", "0",
                "redis.uri", redisServer.uri(),
                "hongyan.apps.0.id", APP.id(),
                "hongyan.apps.0.secret", APP.secret(),
                "hongyan.apps.0.api-base-url", simulator.baseUri().toString(),
                "hongyan.token.proactive-refresh", "false"));
        config.putAll(overrides);
        return config;
    }

    ServiceServer start(Map<String, String> overrides) {
        ServiceServer server = TokenServer.start(Config.just(ConfigSources.create(config(overrides))));
        servers.add(server);
        return server;
    }

    ServiceServer start() {
        return start(Map.of());
    }

    /** A stub on its own grpc-java channel, with a deadline well above the service's own waits. */
    TokenServiceGrpc.TokenServiceBlockingStub stub(ServiceServer server) {
        ManagedChannel channel = GrpcChannels.open("127.0.0.1:" + server.port());
        channels.add(channel);
        return TokenServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    static String get(TokenServiceGrpc.TokenServiceBlockingStub stub, String appId) {
        return stub.getAccessToken(GetAccessTokenRequest.newBuilder().setAppId(appId).build()).getAccessToken();
    }

    static String get(TokenServiceGrpc.TokenServiceBlockingStub stub) {
        return get(stub, APP.id());
    }

    static boolean invalidate(TokenServiceGrpc.TokenServiceBlockingStub stub, String accessToken) {
        return stub.invalidateAccessToken(InvalidateAccessTokenRequest.newBuilder()
                .setAppId(APP.id()).setAccessToken(accessToken).build()).getWasCurrent();
    }

    static StatusRuntimeException getFails(TokenServiceGrpc.TokenServiceBlockingStub stub, String appId) {
        return assertThrows(StatusRuntimeException.class, () -> get(stub, appId));
    }

    /** The token in Redis, or null. */
    String cachedToken() {
        return redis.hget(KEYS.token(), "token");
    }

    /** Total calls the simulator saw on both token APIs. */
    long tokenApiCalls() {
        return simulator.stats().tokenCalls() + simulator.stats().stableTokenCalls();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void closeServers() {
        channels.forEach(channel -> GrpcChannels.close(channel, Duration.ofSeconds(1)));
        channels.clear();
        servers.forEach(ServiceServer::close);
        servers.clear();
    }

    @Override
    public void close() {
        closeServers();
        redis.close();
        simulator.close();
    }
}
