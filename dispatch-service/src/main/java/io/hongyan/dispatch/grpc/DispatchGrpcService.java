package io.hongyan.dispatch.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.hongyan.dispatch.core.MessageAcceptance;
import io.hongyan.dispatch.core.MessageLookup;
import io.hongyan.dispatch.core.RequestRejectedException;
import io.hongyan.proto.v1.DispatchServiceGrpc;
import io.hongyan.proto.v1.GetMessageRequest;
import io.hongyan.proto.v1.GetMessageResponse;
import io.hongyan.proto.v1.SubmitMessageRequest;
import io.hongyan.proto.v1.SubmitMessageResponse;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * hongyan.v1.DispatchService over gRPC. Refusals carry the suite's error trailers
 * ({@code hongyan-error-code}, {@code hongyan-error-field}) for INVALID_ARGUMENT and NOT_FOUND.
 */
public final class DispatchGrpcService extends DispatchServiceGrpc.DispatchServiceImplBase {
    public static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("hongyan-error-code", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> ERROR_FIELD = Metadata.Key.of("hongyan-error-field", Metadata.ASCII_STRING_MARSHALLER);
    private static final Logger LOG = Logger.getLogger(DispatchGrpcService.class.getName());

    private final MessageAcceptance acceptance;
    private final MessageLookup lookup;

    public DispatchGrpcService(MessageAcceptance acceptance, MessageLookup lookup) {
        this.acceptance = acceptance;
        this.lookup = lookup;
    }

    @Override
    public void submitMessage(SubmitMessageRequest request, StreamObserver<SubmitMessageResponse> response) {
        try {
            response.onNext(acceptance.submit(request));
            response.onCompleted();
        } catch (RequestRejectedException e) {
            response.onError(statusOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.onError(Status.UNAVAILABLE.withDescription("dispatch is shutting down").asRuntimeException());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SubmitMessage failed", e);
            response.onError(Status.UNAVAILABLE.withDescription("dispatch cannot take messages now; try again later")
                    .asRuntimeException());
        }
    }

    @Override
    public void getMessage(GetMessageRequest request, StreamObserver<GetMessageResponse> response) {
        try {
            response.onNext(GetMessageResponse.newBuilder().setRecord(lookup.find(request.getMessageId())).build());
            response.onCompleted();
        } catch (RequestRejectedException e) {
            response.onError(statusOf(e));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "GetMessage failed", e);
            response.onError(Status.UNAVAILABLE.withDescription("message status cannot be read now; try again later")
                    .asRuntimeException());
        }
    }

    private static StatusRuntimeException statusOf(RequestRejectedException e) {
        Status status = switch (e.reason()) {
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case NOT_FOUND -> Status.NOT_FOUND;
            case UNAVAILABLE -> Status.UNAVAILABLE;
            case RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
        };
        Metadata trailers = new Metadata();
        trailers.put(ERROR_CODE, e.errorCode());
        if (!e.field().isEmpty()) {
            trailers.put(ERROR_FIELD, e.field());
        }
        return status.withDescription(e.getMessage()).asRuntimeException(trailers);
    }
}
