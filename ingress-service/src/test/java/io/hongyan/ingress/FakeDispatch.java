package io.hongyan.ingress;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.helidon.config.Config;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.proto.v1.DispatchServiceGrpc;
import io.hongyan.proto.v1.GetMessageRequest;
import io.hongyan.proto.v1.GetMessageResponse;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.SubmitMessageRequest;
import io.hongyan.proto.v1.SubmitMessageResponse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A dispatch-service stand-in on a real gRPC port: answers what each test tells it to, and
 * remembers the last submit, so ingress's mapping can be tested without dispatch itself.
 */
final class FakeDispatch extends DispatchServiceGrpc.DispatchServiceImplBase {
    private static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("hongyan-error-code", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> ERROR_FIELD = Metadata.Key.of("hongyan-error-field", Metadata.ASCII_STRING_MARSHALLER);

    final AtomicReference<Function<SubmitMessageRequest, SubmitMessageResponse>> onSubmit = new AtomicReference<>();
    final AtomicReference<SubmitMessageRequest> lastSubmit = new AtomicReference<>();
    final Map<String, MessageRecord> records = new ConcurrentHashMap<>();

    static ServiceServer serve(FakeDispatch fake) {
        return ServiceServer.builder("fake-dispatch", Config.empty()).grpc(fake).port(0).start();
    }

    /** A gRPC error the way dispatch sends it: status, description, and the machine fields in trailers. */
    static StatusRuntimeException error(Status status, String description, String code, String field) {
        Metadata trailers = new Metadata();
        if (code != null) {
            trailers.put(ERROR_CODE, code);
        }
        if (field != null) {
            trailers.put(ERROR_FIELD, field);
        }
        return status.withDescription(description).asRuntimeException(trailers);
    }

    @Override
    public void submitMessage(SubmitMessageRequest request, StreamObserver<SubmitMessageResponse> responses) {
        lastSubmit.set(request);
        try {
            responses.onNext(onSubmit.get().apply(request));
            responses.onCompleted();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
        }
    }

    @Override
    public void getMessage(GetMessageRequest request, StreamObserver<GetMessageResponse> responses) {
        MessageRecord record = records.get(request.getMessageId());
        if (record == null) {
            responses.onError(error(Status.NOT_FOUND, "no message " + request.getMessageId(), "not_found", "messageId"));
            return;
        }
        responses.onNext(GetMessageResponse.newBuilder().setRecord(record).build());
        responses.onCompleted();
    }
}
