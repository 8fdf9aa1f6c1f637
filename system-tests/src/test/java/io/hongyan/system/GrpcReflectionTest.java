package io.hongyan.system;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import io.hongyan.platform.grpc.GrpcChannels;
import io.hongyan.platform.server.ServiceServer;
import io.grpc.ManagedChannel;
import io.grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.grpc.reflection.v1alpha.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/**
 * What grpcurl asks of a server: the list of services, then the file descriptors that define a
 * service and its messages. Every Hongyan service must answer both.
 */
class GrpcReflectionTest {
    private static RunningSuite suite;

    @BeforeAll
    static void start() {
        suite = RunningSuite.start();
    }

    @AfterAll
    static void stop() {
        suite.close();
    }

    @Test
    void everyServiceListsItsServicesAndDescribesThem() throws Exception {
        assertDescribes(suite.dispatch, "hongyan.v1.DispatchService", "hongyan/v1/dispatch.proto");
        assertDescribes(suite.token, "hongyan.v1.TokenService", "hongyan/v1/token.proto");
        assertDescribes(suite.realtime, "hongyan.v1.RealtimeService", "hongyan/v1/realtime.proto");
        assertThat(services(suite.ingress), hasItem("grpc.health.v1.Health"));
    }

    private static void assertDescribes(ServiceServer server, String service, String file) throws Exception {
        assertThat(services(server), hasItems(service, "grpc.health.v1.Health"));
        ServerReflectionResponse reply = ask(server, ServerReflectionRequest.newBuilder().setFileContainingSymbol(service).build());
        List<String> files = new ArrayList<>();
        for (var bytes : reply.getFileDescriptorResponse().getFileDescriptorProtoList()) {
            files.add(FileDescriptorProto.parseFrom(bytes).getName());
        }
        assertThat(files, hasItem(file));
    }

    private static List<String> services(ServiceServer server) throws Exception {
        List<String> names = new ArrayList<>();
        ask(server, ServerReflectionRequest.newBuilder().setListServices("*").build())
                .getListServicesResponse().getServiceList().forEach(s -> names.add(s.getName()));
        return names;
    }

    private static ServerReflectionResponse ask(ServiceServer server, ServerReflectionRequest request) throws Exception {
        ManagedChannel channel = GrpcChannels.open("127.0.0.1:" + server.port());
        try {
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
            requests.onNext(request);
            requests.onCompleted();
            return reply.get(5, TimeUnit.SECONDS);
        } finally {
            GrpcChannels.close(channel, Duration.ofSeconds(1));
        }
    }
}
