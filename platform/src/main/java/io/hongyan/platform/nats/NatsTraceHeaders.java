package io.hongyan.platform.nats;

import io.hongyan.platform.tracing.Tracing;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.opentelemetry.context.Context;

/** Carries W3C trace context in NATS message headers, so a trace survives the hop through a subject or stream. */
public final class NatsTraceHeaders {
    private NatsTraceHeaders() {
    }

    /** Headers holding the current trace context (add more headers to them freely). */
    public static Headers current() {
        Headers headers = new Headers();
        Tracing.inject(headers::put);
        return headers;
    }

    /** The trace context a message was published in. */
    public static Context of(Message message) {
        Headers headers = message.getHeaders();
        return Tracing.extract(name -> headers == null ? null : headers.getFirst(name));
    }
}
