package io.hongyan.dispatch.core;

import io.hongyan.proto.v1.SubmitMessageRequest;
import io.hongyan.wechat.api.SendEndpoint;
import io.hongyan.wechat.message.MessageBody;
import io.hongyan.wechat.message.WeChatMessageBodies;

import java.time.Instant;
import java.util.Objects;

/**
 * A message as it travels through the dispatch stream: the client's request under the id we gave it.
 *
 * @param messageId  the id the client was (or will be) given; also the stream's dedup id and WeChat's client_msg_id
 * @param request    the validated request, as submitted
 * @param acceptedAt when it was accepted
 */
public record AcceptedMessage(String messageId, SubmitMessageRequest request, Instant acceptedAt) {
    public AcceptedMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }

    public String appId() {
        return request.getAppId();
    }

    /** The WeChat API it goes to. */
    public SendEndpoint endpoint() {
        return switch (request.getContentCase()) {
            case TEMPLATE -> SendEndpoint.TEMPLATE;
            case SUBSCRIBE -> SendEndpoint.SUBSCRIBE;
            case CUSTOMER_SERVICE -> SendEndpoint.CUSTOMER_SERVICE;
            case CONTENT_NOT_SET -> throw new IllegalArgumentException("message " + messageId + " has no content");
        };
    }

    /**
     * The exact body WeChat gets. Template messages carry our id as client_msg_id, so WeChat
     * sends a redelivered message only once (the other APIs have no such field).
     *
     * @throws IllegalArgumentException if the content cannot be sent (validation lets no such message in)
     */
    public MessageBody wechatBody() {
        return switch (endpoint()) {
            case TEMPLATE -> WeChatMessageBodies.template(request.getRecipient(), request.getTemplate(), messageId);
            case SUBSCRIBE -> WeChatMessageBodies.subscribe(request.getRecipient(), request.getSubscribe());
            case CUSTOMER_SERVICE -> WeChatMessageBodies.customerService(request.getRecipient(), request.getCustomerService());
        };
    }
}
