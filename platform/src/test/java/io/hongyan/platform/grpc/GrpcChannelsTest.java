package io.hongyan.platform.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.helidon.config.Config;
import io.hongyan.platform.server.ServiceServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrpcChannelsTest {
    private static final Metadata.Key<String> GRPC_ENCODING = Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);

    @Test
    void responsesOnOurChannelsComeUncompressed() {
        ServiceServer server = ServiceServer.builder("test", Config.empty()).port(0).start();
        ManagedChannel ours = GrpcChannels.open("127.0.0.1:" + server.port());
        ManagedChannel grpcDefault = NettyChannelBuilder.forTarget("127.0.0.1:" + server.port()).usePlaintext().build();
        try {
            // The server gzips whenever the client accepts gzip, as grpc-java's default channel does.
            assertEquals("gzip", responseEncoding(grpcDefault));
            String ourEncoding = responseEncoding(ours);
            assertTrue(ourEncoding == null || ourEncoding.equals("identity"), "response encoding " + ourEncoding);
        } finally {
            GrpcChannels.close(ours, Duration.ofSeconds(1));
            GrpcChannels.close(grpcDefault, Duration.ofSeconds(1));
            server.close();
        }
    }

    /** The grpc-encoding header of a health check's response (null if absent). */
    private static String responseEncoding(ManagedChannel channel) {
        AtomicReference<String> encoding = new AtomicReference<>();
        ClientInterceptor headerReader = new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onHeaders(Metadata responseHeaders) {
                                encoding.set(responseHeaders.get(GRPC_ENCODING));
                                super.onHeaders(responseHeaders);
                            }
                        }, headers);
                    }
                };
            }
        };
        HealthCheckResponse response = HealthGrpc.newBlockingStub(ClientInterceptors.intercept(channel, headerReader))
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("").build());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, response.getStatus());
        return encoding.get();
    }
}
