package io.hongyan.platform.grpc;

import io.grpc.Codec;
import io.grpc.DecompressorRegistry;
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
    /**
     * Accepts only uncompressed responses. grpc-java advertises gzip by default, and Helidon's gRPC
     * server then gzips every response: for messages of a few dozen bytes that costs a zlib
     * deflater per response on the server and an inflater per response here (measured: several
     * per cent of dispatch's and ingress's CPU, an eighth of token-service's) and saves nothing.
     */
    private static final DecompressorRegistry IDENTITY_ONLY = DecompressorRegistry.emptyInstance().with(Codec.Identity.NONE, false);

    private GrpcChannels() {
    }

    /** A plaintext channel to {@code host:port} that carries trace context. */
    public static ManagedChannel open(String target) {
        return NettyChannelBuilder.forTarget(target)
                .usePlaintext()
                .intercept(new GrpcClientTracing())
                .decompressorRegistry(IDENTITY_ONLY)
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
