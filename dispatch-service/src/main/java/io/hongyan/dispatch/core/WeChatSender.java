package io.hongyan.dispatch.core;

import io.hongyan.platform.config.WeChatApp;
import io.hongyan.wechat.api.SendResult;
import io.hongyan.wechat.message.MessageBody;

/** One call to a WeChat send API. Never throws for a remote failure: every outcome is a {@link SendResult}. */
public interface WeChatSender {
    SendResult send(WeChatApp app, MessageBody body, String accessToken);
}
