package io.hongyan.realtime.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.hongyan.proto.v1.PublishRequest;
import io.hongyan.proto.v1.PublishResponse;
import io.hongyan.proto.v1.RealtimeServiceGrpc;
import io.hongyan.realtime.Event;
import io.hongyan.realtime.EventPublisher;
import io.hongyan.realtime.RealtimeMetrics;

/** {@code hongyan.v1.RealtimeService}: validates and publishes live events. */
public final class RealtimeGrpcService extends RealtimeServiceGrpc.RealtimeServiceImplBase {
    static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("hongyan-error-code", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> ERROR_FIELD = Metadata.Key.of("hongyan-error-field", Metadata.ASCII_STRING_MARSHALLER);

    private final EventPublisher publisher;
    private final RealtimeMetrics metrics;

    public RealtimeGrpcService(EventPublisher publisher, RealtimeMetrics metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @Override
    public void publish(PublishRequest request, StreamObserver<PublishResponse> response) {
        switch (Event.check(request.getChannel(), request.getJsonPayload())) {
            case Event.Invalid invalid -> {
                metrics.rejected(invalid.code());
                Metadata trailers = new Metadata();
                trailers.put(ERROR_CODE, invalid.code());
                trailers.put(ERROR_FIELD, invalid.field());
                response.onError(Status.INVALID_ARGUMENT.withDescription(invalid.message()).asRuntimeException(trailers));
            }
            case Event.Valid valid -> {
                switch (publisher.publish(valid.event())) {
                    case EventPublisher.Published ignored -> {
                        metrics.published();
                        response.onNext(PublishResponse.newBuilder().setPublished(true).build());
                        response.onCompleted();
                    }
                    case EventPublisher.Unavailable unavailable ->
                            response.onError(Status.UNAVAILABLE.withDescription(unavailable.reason()).asRuntimeException());
                }
            }
        }
    }
}
