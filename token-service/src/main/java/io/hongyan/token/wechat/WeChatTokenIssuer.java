package io.hongyan.token.wechat;

import io.hongyan.platform.config.WeChatApp;
import io.hongyan.platform.tracing.Tracing;
import io.hongyan.token.Issuance;
import io.hongyan.token.TokenIssuer;
import io.hongyan.wechat.api.TokenResult;
import io.hongyan.wechat.api.WeChatApiClient;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@link TokenIssuer} over WeChat's HTTP API: stable_token unless {@code hongyan.token.api: plain}
 * or the app's own {@code hongyan.apps[i].token-api: plain} says otherwise.
 */
public final class WeChatTokenIssuer implements TokenIssuer {
    private final WeChatApiClient client;
    private final TokenApiChoice apis;

    public WeChatTokenIssuer(WeChatApiClient client, TokenApiChoice apis) {
        this.client = client;
        this.apis = apis;
    }

    @Override
    public Issuance issue(WeChatApp app, boolean forceRefresh) {
        TokenApi api = apis.forApp(app.appId());
        Span span = Tracing.tracer().spanBuilder(api == TokenApi.STABLE ? "WeChat stable_token" : "WeChat token")
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("hongyan.app", app.appId())
                .setAttribute("hongyan.token.force_refresh", forceRefresh)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            TokenResult result = api == TokenApi.STABLE
                    ? client.stableToken(app.apiBaseUrl(), app.appId(), app.secret(), forceRefresh)
                    : client.token(app.apiBaseUrl(), app.appId(), app.secret());
            Issuance issuance = toIssuance(result, app.secret());
            if (issuance instanceof Issuance.Failed failed) {
                span.setStatus(StatusCode.ERROR, failed.describe());
            }
            return issuance;
        } finally {
            span.end();
        }
    }

    private static Issuance toIssuance(TokenResult result, String secret) {
        return switch (result) {
            case TokenResult.Issued issued when issued.expiresInSeconds() <= 0 ->
                    new Issuance.Unreachable("WeChat issued a token without a lifetime");
            case TokenResult.Issued issued -> new Issuance.Issued(issued.accessToken(), Duration.ofSeconds(issued.expiresInSeconds()));
            case TokenResult.Refused refused -> new Issuance.Refused(refused.errcode(), withoutSecret(refused.errmsg(), secret));
            case TokenResult.Unreachable unreachable -> new Issuance.Unreachable(withoutSecret(unreachable.reason(), secret));
        };
    }

    /** WeChat's errmsg is free text from outside; make sure it cannot carry the secret into a status or log. */
    private static String withoutSecret(String text, String secret) {
        if (text == null) {
            return "";
        }
        if (secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, "***").replace(URLEncoder.encode(secret, StandardCharsets.UTF_8), "***");
    }
}
