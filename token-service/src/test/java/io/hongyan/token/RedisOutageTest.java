package io.hongyan.token;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hongyan.platform.grpc.GrpcChannels;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.proto.v1.TokenServiceGrpc;
import io.hongyan.simulator.WeChatSimulator;
import io.hongyan.testkit.RedisServer;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Without Redis there is no cluster-wide lock: the service answers UNAVAILABLE and does not call WeChat. */
class RedisOutageTest {

    @Test
    void redisDownIsUnavailableAndWeChatIsNotCalled() {
        RedisServer redis = RedisServer.start();
        try (WeChatSimulator simulator = WeChatSimulator.start()) {
            ServiceServer server = TokenServer.start(Config.just(ConfigSources.create(Map.of(
                    "server.port", "0",
                    "redis.uri", redis.uri(),
                    "hongyan.apps.0.id", TokenServiceHarness.APP.id(),
                    "hongyan.apps.0.secret", TokenServiceHarness.APP.secret(),
                    "hongyan.apps.0.api-base-url", simulator.baseUri().toString(),
                    "hongyan.token.proactive-refresh", "false"))));
            ManagedChannel channel = GrpcChannels.open("127.0.0.1:" + server.port());
            try {
                redis.close();
                TokenServiceGrpc.TokenServiceBlockingStub stub =
                        TokenServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);

                StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> TokenServiceHarness.get(stub));

                assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
                assertEquals(0, simulator.stats().stableTokenCalls());
            } finally {
                GrpcChannels.close(channel, Duration.ofSeconds(1));
                server.close();
            }
        } finally {
            redis.close();
        }
    }
}
