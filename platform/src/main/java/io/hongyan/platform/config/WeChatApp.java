package io.hongyan.platform.config;

import java.net.URI;

/**
 * One WeChat app (Official Account or Mini Program) as configured under {@code hongyan.apps}.
 * Each service reads the parts it needs: token-service the secret, ingress the callback token
 * and AES key, dispatch the API base URL.
 */
public record WeChatApp(String appId, String secret, String callbackToken, String encodingAesKey, URI apiBaseUrl) {

    @Override
    public String toString() {
        // Credentials stay out of logs and error messages.
        return "WeChatApp[" + appId + ", api=" + apiBaseUrl + "]";
    }
}
