package io.hongyan.platform.grpc;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.hongyan.platform.tracing.Tracing;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * A server span and a call counter for every gRPC call. The caller's trace context comes in
 * the {@code traceparent} metadata; every listener callback runs inside the span's context,
 * because the unary handler runs in {@code onHalfClose}, not in {@code interceptCall}.
 */
public final class GrpcServerObservability implements ServerInterceptor {
    private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> TRACESTATE = Metadata.Key.of("tracestate", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (method.startsWith("grpc.")) {
            return next.startCall(call, headers); // health and reflection: not worth a span each
        }
        Context parent = Tracing.extract(name -> switch (name) {
            case "traceparent" -> headers.get(TRACEPARENT);
            case "tracestate" -> headers.get(TRACESTATE);
            default -> null;
        });
        Span span = Tracing.tracer().spanBuilder(method).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute("rpc.system", "grpc").startSpan();
        Context context = parent.with(span);
        ServerCall<Q, R> observed = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                span.setAttribute("rpc.grpc.status_code", status.getCode().value());
                if (!status.isOk() && status.getCode() != Status.Code.NOT_FOUND
                        && status.getCode() != Status.Code.INVALID_ARGUMENT) {
                    span.setStatus(StatusCode.ERROR, status.getCode().name());
                }
                span.end();
                calls(method, status.getCode()).increment();
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<Q> delegate;
        try (Scope ignored = context.makeCurrent()) {
            delegate = next.startCall(observed, headers);
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
            @Override
            public void onMessage(Q message) {
                try (Scope ignored = context.makeCurrent()) {
                    super.onMessage(message);
                }
            }

            @Override
            public void onHalfClose() {
                try (Scope ignored = context.makeCurrent()) {
                    super.onHalfClose();
                }
            }

            @Override
            public void onCancel() {
                try (Scope ignored = context.makeCurrent()) {
                    super.onCancel();
                }
            }

            @Override
            public void onComplete() {
                try (Scope ignored = context.makeCurrent()) {
                    super.onComplete();
                }
            }
        };
    }

    private static Counter calls(String method, Status.Code code) {
        return Metrics.globalRegistry().getOrCreate(Counter.builder("hongyan_grpc_server_calls")
                .description("gRPC calls served, by method and status")
                .tags(Metrics.tags("method", method, "code", code.name())));
    }
}
