package io.hongyan.wechat.message;

import io.hongyan.wechat.api.SendEndpoint;

import java.util.Objects;

/**
 * A ready-to-send WeChat request body and the API it goes to.
 *
 * @param endpoint the send API
 * @param json     the exact JSON body, UTF-8 when sent
 */
public record MessageBody(SendEndpoint endpoint, String json) {
    public MessageBody {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(json, "json");
    }
}
