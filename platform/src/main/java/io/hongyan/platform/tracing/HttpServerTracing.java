package io.hongyan.platform.tracing;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * A server span per HTTP request, continuing the caller's W3C trace context; the response
 * carries {@code traceparent} so a client can find its request in Jaeger.
 * (Helidon 4.3 has no observe-tracing module in our mirror, hence this filter.)
 */
public final class HttpServerTracing implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        if (path.startsWith("/observe/")) {
            chain.proceed();
            return;
        }
        Context parent = Tracing.extract(name -> request.headers().first(HeaderNames.create(name)).orElse(null));
        Span span = Tracing.tracer().spanBuilder(request.prologue().method().text() + " " + path)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.method", request.prologue().method().text())
                .setAttribute("url.path", path)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            Tracing.inject((name, value) -> response.header(HeaderNames.create(name), value));
            chain.proceed();
            int status = response.status().code();
            span.setAttribute("http.status_code", status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }
}
