package io.hongyan.dispatch.core;

import io.hongyan.dispatch.core.StatusChange.LastError;
import io.hongyan.platform.config.WeChatApp;
import io.hongyan.wechat.api.ErrorClass;
import io.hongyan.wechat.api.SendResult;
import io.hongyan.wechat.message.MessageBody;

/**
 * One attempt to send a message: get an access token, call WeChat, classify the answer. If WeChat
 * refuses the token, the token is reported and the call repeated once at once with a fresh token;
 * a second refusal is treated like any transient error.
 */
public final class DeliveryAttempt {
    private final AccessTokenSource tokens;
    private final WeChatSender sender;
    private final DispatchMetrics metrics;

    public DeliveryAttempt(AccessTokenSource tokens, WeChatSender sender, DispatchMetrics metrics) {
        this.tokens = tokens;
        this.sender = sender;
        this.metrics = metrics;
    }

    public Attempted run(WeChatApp app, MessageBody body) {
        String token;
        try {
            token = tokens.accessToken(app.appId());
        } catch (TokenUnavailableException e) {
            return new Attempted(new DeliveryOutcome.RetryLater(new LastError(0, e.getMessage())), 0);
        }
        DeliveryOutcome first = send(app, body, token);
        if (!(first instanceof DeliveryOutcome.TokenRejected rejected)) {
            return new Attempted(first, 1);
        }
        tokens.invalidate(app.appId(), rejected.accessToken());
        String fresh;
        try {
            fresh = tokens.accessToken(app.appId());
        } catch (TokenUnavailableException e) {
            return new Attempted(new DeliveryOutcome.RetryLater(rejected.error()), 1);
        }
        DeliveryOutcome second = send(app, body, fresh);
        if (second instanceof DeliveryOutcome.TokenRejected again) {
            return new Attempted(new DeliveryOutcome.RetryLater(again.error()), 2);
        }
        return new Attempted(second, 2);
    }

    private DeliveryOutcome send(WeChatApp app, MessageBody body, String token) {
        SendResult result = sender.send(app, body, token);
        metrics.send(app.appId(), ErrorClass.of(result));
        return DeliveryOutcome.of(result, token);
    }

    /**
     * @param outcome     what the attempt came to (never {@link DeliveryOutcome.TokenRejected})
     * @param wechatCalls how many WeChat send calls it made (0 when no token could be had)
     */
    public record Attempted(DeliveryOutcome outcome, int wechatCalls) {
    }
}
