package io.hongyan.platform.tracing;

import io.helidon.config.Config;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The process's OpenTelemetry: W3C trace context always (so one trace id follows a message
 * across HTTP, gRPC, NATS and the WeChat call), span export over OTLP only when
 * {@code tracing.otlp-endpoint} is set (Jaeger takes OTLP natively on 4317).
 */
public final class Tracing {
    private static final Logger LOG = Logger.getLogger(Tracing.class.getName());
    private static volatile OpenTelemetry openTelemetry;

    private Tracing() {
    }

    /**
     * Sets up tracing for this process. Only the first call in a JVM takes effect: tests run
     * several services in one JVM, and they share one tracer provider.
     */
    public static synchronized OpenTelemetry init(String serviceName, Config tracingConfig) {
        if (openTelemetry != null) {
            return openTelemetry;
        }
        double ratio = tracingConfig.get("sample-ratio").asDouble().orElse(1.0);
        var provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), serviceName))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(ratio)));
        tracingConfig.get("otlp-endpoint").asString().filter(endpoint -> !endpoint.isBlank()).ifPresent(endpoint -> {
            provider.addSpanProcessor(BatchSpanProcessor.builder(
                    OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build()).build());
            LOG.info(() -> "exporting spans of " + serviceName + " over OTLP to " + endpoint);
        });
        SdkTracerProvider tracerProvider = provider.build();
        openTelemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(tracerProvider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(tracerProvider::close, "tracing-flush"));
        return openTelemetry;
    }

    public static OpenTelemetry get() {
        OpenTelemetry current = openTelemetry;
        return current != null ? current : init("hongyan", Config.empty());
    }

    public static Tracer tracer() {
        return get().getTracer("io.hongyan");
    }

    /** Writes the current trace context into outgoing headers (HTTP, gRPC metadata, NATS). */
    public static void inject(BiConsumer<String, String> header) {
        get().getPropagators().getTextMapPropagator().inject(Context.current(), header, SETTER);
    }

    /** Reads a trace context from incoming headers; the current context when there is none. */
    public static Context extract(Function<String, String> header) {
        return get().getPropagators().getTextMapPropagator().extract(Context.current(), header, new Getter(header));
    }

    /** The current trace id, or 32 zeros outside a trace. */
    public static String currentTraceId() {
        return Span.current().getSpanContext().getTraceId();
    }

    private static final TextMapSetter<BiConsumer<String, String>> SETTER = (carrier, key, value) -> carrier.accept(key, value);

    private record Getter(Function<String, String> header) implements TextMapGetter<Function<String, String>> {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    }
}
