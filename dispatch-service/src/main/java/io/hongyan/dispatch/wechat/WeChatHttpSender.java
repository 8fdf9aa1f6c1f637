package io.hongyan.dispatch.wechat;

import io.hongyan.dispatch.core.WeChatSender;
import io.hongyan.platform.config.WeChatApp;
import io.hongyan.platform.tracing.Tracing;
import io.hongyan.wechat.api.SendResult;
import io.hongyan.wechat.api.WeChatApiClient;
import io.hongyan.wechat.message.MessageBody;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

import java.time.Duration;

/**
 * Sends through WeChat's HTTP API with the process's one pooled keep-alive client. Each call gets
 * a client span, whose context goes out as {@code traceparent}, so the WeChat call joins the
 * message's trace.
 */
public final class WeChatHttpSender implements WeChatSender, AutoCloseable {
    private final WeChatApiClient client;

    private WeChatHttpSender(WeChatApiClient client) {
        this.client = client;
    }

    public static WeChatHttpSender create(Duration connectTimeout, Duration requestTimeout) {
        return new WeChatHttpSender(WeChatApiClient.builder()
                .connectTimeout(connectTimeout)
                .requestTimeout(requestTimeout)
                .requestDecorator(Tracing::inject)
                .build());
    }

    @Override
    public SendResult send(WeChatApp app, MessageBody body, String accessToken) {
        Span span = Tracing.tracer().spanBuilder("wechat " + body.endpoint().path()).setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", "POST")
                .setAttribute("hongyan.app_id", app.appId())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            SendResult result = client.send(app.apiBaseUrl(), body.endpoint(), accessToken, body.json());
            switch (result) {
                case SendResult.Sent sent -> span.setAttribute("wechat.errcode", 0);
                case SendResult.Refused refused -> span.setAttribute("wechat.errcode", refused.errcode());
                case SendResult.Failed failed -> span.setStatus(StatusCode.ERROR, failed.reason());
            }
            return result;
        } finally {
            span.end();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
