package io.hongyan.realtime;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hongyan.platform.grpc.GrpcChannels;
import io.hongyan.platform.realtime.SubscriberGrant;
import io.hongyan.platform.realtime.SubscriberTokens;
import io.hongyan.proto.v1.PublishRequest;
import io.hongyan.proto.v1.PublishResponse;
import io.hongyan.proto.v1.RealtimeServiceGrpc;
import io.hongyan.testkit.SharedInfrastructure;
import io.grpc.ManagedChannel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One realtime server on the shared NATS, with a gRPC client and a token issuer. */
final class RealtimeFixture implements AutoCloseable {
    static final String SECRET = "test-realtime-token-secret-0123456789abcdef";
    static final SubscriberTokens TOKENS = new SubscriberTokens(SECRET, Clock.systemUTC());

    final RealtimeServer server;
    private final ManagedChannel channel;

    private RealtimeFixture(RealtimeServer server) {
        this.server = server;
        this.channel = GrpcChannels.open("127.0.0.1:" + server.port());
    }

    static RealtimeFixture start() {
        return start(Map.of());
    }

    /** @param overrides config keys on top of the test defaults */
    static RealtimeFixture start(Map<String, String> overrides) {
        return new RealtimeFixture(RealtimeServer.launch(config(overrides)));
    }

    static Config config(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of(
                "server.port", "0",
                "nats.url", SharedInfrastructure.nats().url(),
                "hongyan.realtime.token-secret", SECRET));
        values.putAll(overrides);
        return Config.just(ConfigSources.create(values));
    }

    static String token(String... channels) {
        return TOKENS.issue(new SubscriberGrant("test-subscriber", List.of(channels), Instant.now().plusSeconds(600)));
    }

    int port() {
        return server.port();
    }

    WsTestClient connect(String... channels) {
        return WsTestClient.connect(port(), token(channels));
    }

    PublishResponse publish(String channelName, String json) {
        return RealtimeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .publish(PublishRequest.newBuilder().setChannel(channelName).setJsonPayload(json).build());
    }

    @Override
    public void close() {
        GrpcChannels.close(channel, Duration.ofSeconds(1));
        server.close();
    }
}
