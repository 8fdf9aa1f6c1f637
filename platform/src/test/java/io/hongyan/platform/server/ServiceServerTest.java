package io.hongyan.platform.server;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hongyan.platform.grpc.GrpcChannels;
import io.hongyan.platform.redis.RedisConnector;
import io.hongyan.platform.redis.RedisHealthCheck;
import io.hongyan.testkit.RedisServer;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.grpc.reflection.v1alpha.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ServiceServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesHealthMetricsGrpcHealthAndReflectionOnOnePort() throws Exception {
        try (RedisServer redisServer = RedisServer.start()) {
            RedisClient redis = RedisConnector.connect(Config.just(ConfigSources.create(Map.of("uri", redisServer.uri()))));
            ServiceServer server = ServiceServer.builder("test", Config.empty())
                    .http(routes -> routes.get("/hello", (req, res) -> res.send("hi")))
                    .healthCheck(new RedisHealthCheck(redis))
                    .closeOnStop(redis)
                    .port(0)
                    .start();
            ManagedChannel channel = GrpcChannels.open("127.0.0.1:" + server.port());
            try {
                assertEquals("hi", get(server, "/hello").body());
                HttpResponse<String> health = get(server, "/observe/health");
                assertEquals(200, health.statusCode(), health.body());
                assertThat(health.body(), containsString("redis"));
                assertThat(get(server, "/observe/metrics").body(), containsString("# TYPE"));

                HealthCheckResponse grpcHealth = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.newBuilder().setService("").build());
                assertEquals(HealthCheckResponse.ServingStatus.SERVING, grpcHealth.getStatus());

                assertThat(listServices(channel), containsString("grpc.health.v1.Health"));

                redisServer.close();
                assertEquals(503, get(server, "/observe/health").statusCode(), "not ready without Redis");
            } finally {
                GrpcChannels.close(channel, Duration.ofSeconds(1));
                server.close();
            }
        }
    }

    private HttpResponse<String> get(ServiceServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String listServices(ManagedChannel channel) throws Exception {
        CompletableFuture<ServerReflectionResponse> reply = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        reply.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        reply.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
        requests.onCompleted();
        return reply.get(5, TimeUnit.SECONDS).getListServicesResponse().toString();
    }
}
