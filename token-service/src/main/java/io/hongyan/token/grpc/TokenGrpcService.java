package io.hongyan.token.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.hongyan.proto.v1.GetAccessTokenRequest;
import io.hongyan.proto.v1.GetAccessTokenResponse;
import io.hongyan.proto.v1.InvalidateAccessTokenRequest;
import io.hongyan.proto.v1.InvalidateAccessTokenResponse;
import io.hongyan.proto.v1.TokenServiceGrpc;
import io.hongyan.token.AccessTokens;
import io.hongyan.token.Invalidation;
import io.hongyan.token.Issuance;
import io.hongyan.token.TokenLookup;
import io.hongyan.token.TokenStoreUnavailableException;

/**
 * hongyan.v1.TokenService over gRPC.
 *
 * <p>Failures of WeChat's token API map to two codes, so that callers can tell "try again later"
 * from "an operator must act":
 * <ul>
 *   <li>FAILED_PRECONDITION: WeChat refused the app's credentials (40001, 40002, 40013, 40125,
 *       40164, 40243, 61004: wrong or frozen secret, bad app id, IP not whitelisted). Retrying
 *       will not help until the configuration is fixed.</li>
 *   <li>UNAVAILABLE: any other errcode (-1 busy, quota, …), WeChat unreachable, another replica's
 *       refresh not finished within the wait, or Redis unavailable. Retry with backoff.</li>
 * </ul>
 * Descriptions carry WeChat's errcode and errmsg, never the app secret.
 */
public final class TokenGrpcService extends TokenServiceGrpc.TokenServiceImplBase {
    private final AccessTokens tokens;

    public TokenGrpcService(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void getAccessToken(GetAccessTokenRequest request, StreamObserver<GetAccessTokenResponse> responses) {
        if (request.getAppId().isBlank()) {
            responses.onError(RequestError.missing("appId").asException());
            return;
        }
        TokenLookup lookup;
        try {
            lookup = tokens.get(request.getAppId());
        } catch (TokenStoreUnavailableException e) {
            responses.onError(storeUnavailable(e));
            return;
        }
        switch (lookup) {
            case TokenLookup.Found found -> {
                responses.onNext(GetAccessTokenResponse.newBuilder()
                        .setAccessToken(found.token().accessToken())
                        .setExpiresAt(Timestamp.newBuilder()
                                .setSeconds(found.token().expiresAt().getEpochSecond())
                                .setNanos(found.token().expiresAt().getNano()))
                        .build());
                responses.onCompleted();
            }
            case TokenLookup.UnknownApp unknown -> responses.onError(RequestError.unknownApp().asException());
            case TokenLookup.RefreshFailed failed -> responses.onError(status(failed.failure()).asRuntimeException());
            case TokenLookup.TimedOut timedOut -> responses.onError(Status.UNAVAILABLE
                    .withDescription("another caller is refreshing the token and did not finish within "
                            + timedOut.waited().toMillis() + " ms; try again")
                    .asRuntimeException());
        }
    }

    @Override
    public void invalidateAccessToken(InvalidateAccessTokenRequest request,
                                      StreamObserver<InvalidateAccessTokenResponse> responses) {
        if (request.getAppId().isBlank()) {
            responses.onError(RequestError.missing("appId").asException());
            return;
        }
        if (request.getAccessToken().isBlank()) {
            responses.onError(RequestError.missing("accessToken").asException());
            return;
        }
        Invalidation invalidation;
        try {
            invalidation = tokens.invalidate(request.getAppId(), request.getAccessToken());
        } catch (TokenStoreUnavailableException e) {
            responses.onError(storeUnavailable(e));
            return;
        }
        if (invalidation == Invalidation.UNKNOWN_APP) {
            responses.onError(RequestError.unknownApp().asException());
            return;
        }
        responses.onNext(InvalidateAccessTokenResponse.newBuilder()
                .setWasCurrent(invalidation == Invalidation.DELETED)
                .build());
        responses.onCompleted();
    }

    private static StatusRuntimeException storeUnavailable(TokenStoreUnavailableException e) {
        return Status.UNAVAILABLE.withDescription("the token cache is unavailable (" + e.getMessage() + "); try again")
                .asRuntimeException();
    }

    private static Status status(Issuance.Failed failure) {
        Status status = failure instanceof Issuance.Refused refused && refused.credentialsRejected()
                ? Status.FAILED_PRECONDITION
                : Status.UNAVAILABLE;
        return status.withDescription(failure.describe());
    }
}
