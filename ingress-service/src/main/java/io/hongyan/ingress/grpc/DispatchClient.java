package io.hongyan.ingress.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hongyan.ingress.Dispatch;
import io.hongyan.ingress.DispatchFailure;
import io.hongyan.platform.grpc.GrpcChannels;
import io.hongyan.proto.v1.DispatchServiceGrpc;
import io.hongyan.proto.v1.GetMessageRequest;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.SubmitMessageRequest;
import io.hongyan.proto.v1.SubmitMessageResponse;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Dispatch} over grpc-java, with a deadline on every call. gRPC statuses become
 * {@link DispatchFailure}s; for INVALID_ARGUMENT and NOT_FOUND dispatch's trailers
 * {@code hongyan-error-code} and {@code hongyan-error-field} are carried along.
 */
public final class DispatchClient implements Dispatch, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DispatchClient.class.getName());
    static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("hongyan-error-code", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> ERROR_FIELD = Metadata.Key.of("hongyan-error-field", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;
    private final DispatchServiceGrpc.DispatchServiceBlockingStub stub;
    private final Duration deadline;

    public DispatchClient(ManagedChannel channel, Duration deadline) {
        this.channel = channel;
        this.stub = DispatchServiceGrpc.newBlockingStub(channel);
        this.deadline = deadline;
    }

    /** A client of dispatch-service at {@code host:port}. */
    public static DispatchClient open(String target, Duration deadline) {
        return new DispatchClient(GrpcChannels.open(target), deadline);
    }

    @Override
    public SubmitMessageResponse submit(SubmitMessageRequest request) {
        try {
            return withDeadline().submitMessage(request);
        } catch (StatusRuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public Optional<MessageRecord> find(String messageId) {
        try {
            return Optional.of(withDeadline().getMessage(GetMessageRequest.newBuilder().setMessageId(messageId).build())
                    .getRecord());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw failure(e);
        }
    }

    @Override
    public void close() {
        GrpcChannels.close(channel, Duration.ofSeconds(5));
    }

    private DispatchServiceGrpc.DispatchServiceBlockingStub withDeadline() {
        return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    static DispatchFailure failure(StatusRuntimeException e) {
        Status status = e.getStatus();
        Metadata trailers = e.getTrailers();
        String code = trailers == null ? null : trailers.get(ERROR_CODE);
        String field = trailers == null ? null : trailers.get(ERROR_FIELD);
        DispatchFailure.Kind kind = switch (status.getCode()) {
            case INVALID_ARGUMENT -> DispatchFailure.Kind.INVALID;
            case NOT_FOUND -> DispatchFailure.Kind.NOT_FOUND;
            case UNAVAILABLE -> DispatchFailure.Kind.UNAVAILABLE;
            case RESOURCE_EXHAUSTED -> DispatchFailure.Kind.OVERLOADED;
            case DEADLINE_EXCEEDED -> DispatchFailure.Kind.TIMEOUT;
            default -> DispatchFailure.Kind.INTERNAL;
        };
        if (kind == DispatchFailure.Kind.INTERNAL) {
            LOG.log(Level.WARNING, "dispatch call failed with " + status.getCode() + ": " + status.getDescription(), e);
        }
        return new DispatchFailure(kind, code, field, status.getDescription(), e);
    }
}
