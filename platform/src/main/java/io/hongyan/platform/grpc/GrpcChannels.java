package io.hongyan.platform.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Channels for service-to-service calls. grpc-java's Netty channel multiplexes every call
 * over one HTTP/2 connection; Helidon's own gRPC client opens a connection per call here
 * (see STACK.md). Callers still set a deadline on every call.
 */
public final class GrpcChannels {
    private GrpcChannels() {
    }

    /** A plaintext channel to {@code host:port} that carries trace context. */
    public static ManagedChannel open(String target) {
        return NettyChannelBuilder.forTarget(target)
                .usePlaintext()
                .intercept(new GrpcClientTracing())
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveWithoutCalls(false)
                .maxInboundMessageSize(8 * 1024 * 1024)
                .build();
    }

    /** Closes a channel, giving in-flight calls a moment to finish. */
    public static void close(ManagedChannel channel, Duration grace) {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
