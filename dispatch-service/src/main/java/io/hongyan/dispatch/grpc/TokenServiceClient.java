package io.hongyan.dispatch.grpc;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.hongyan.dispatch.core.IssuedAccessToken;
import io.hongyan.dispatch.core.TokenService;
import io.hongyan.dispatch.core.TokenUnavailableException;
import io.hongyan.platform.grpc.GrpcChannels;
import io.hongyan.proto.v1.GetAccessTokenRequest;
import io.hongyan.proto.v1.GetAccessTokenResponse;
import io.hongyan.proto.v1.InvalidateAccessTokenRequest;
import io.hongyan.proto.v1.TokenServiceGrpc;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** Access tokens from token-service over gRPC, on one shared channel, with a deadline on every call. */
public final class TokenServiceClient implements TokenService, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TokenServiceClient.class.getName());
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final ManagedChannel channel;
    private final TokenServiceGrpc.TokenServiceBlockingStub tokens;
    private final Duration deadline;

    private TokenServiceClient(ManagedChannel channel, Duration deadline) {
        this.channel = channel;
        this.tokens = TokenServiceGrpc.newBlockingStub(channel);
        this.deadline = deadline;
    }

    /** @param target token-service as {@code host:port} (hongyan.services.token) */
    public static TokenServiceClient open(String target, Duration deadline) {
        return new TokenServiceClient(GrpcChannels.open(target), deadline);
    }

    @Override
    public IssuedAccessToken accessToken(String appId) {
        try {
            GetAccessTokenResponse response = tokens.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .getAccessToken(GetAccessTokenRequest.newBuilder().setAppId(appId).build());
            Instant expiresAt = response.hasExpiresAt()
                    ? Instant.ofEpochSecond(response.getExpiresAt().getSeconds(), response.getExpiresAt().getNanos())
                    : Instant.EPOCH;
            return new IssuedAccessToken(response.getAccessToken(), expiresAt);
        } catch (StatusRuntimeException e) {
            throw new TokenUnavailableException("token-service: " + e.getStatus().getCode()
                    + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription()), e);
        }
    }

    @Override
    public void invalidate(String appId, String accessToken) {
        try {
            tokens.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .invalidateAccessToken(InvalidateAccessTokenRequest.newBuilder()
                            .setAppId(appId).setAccessToken(accessToken).build());
        } catch (StatusRuntimeException e) {
            // The retry with a fresh token still happens; token-service may hand out the same token
            // again, and then the second refusal sends the message into the normal retry path.
            LOG.warning(() -> "could not report a refused access token of " + appId + ": " + e.getStatus().getCode());
        }
    }

    @Override
    public void close() {
        GrpcChannels.close(channel, CLOSE_GRACE);
    }
}
