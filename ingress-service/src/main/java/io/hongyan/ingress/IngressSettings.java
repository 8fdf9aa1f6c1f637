package io.hongyan.ingress;

import io.helidon.config.Config;
import io.hongyan.platform.config.MissingConfigurationException;
import io.hongyan.platform.config.ServiceConfig;
import io.hongyan.platform.config.WeChatApps;
import io.hongyan.platform.realtime.SubscriberTokens;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What ingress's HTTP side reads from config, checked at startup so that a missing credential
 * stops the service before it listens (the error names the key, never a value).
 *
 * @param apiKeys           {@code hongyan.api-keys}: who may call the REST API, and for which apps
 * @param apps              {@code hongyan.apps}, each with its callback token
 * @param subscriberTokens  signs realtime tokens with {@code hongyan.realtime.token-secret}
 * @param realtimePublicUrl {@code hongyan.realtime.public-url}, the WebSocket URL handed to clients
 * @param dispatchTarget    {@code hongyan.services.dispatch} ("host:port")
 * @param dispatchDeadline  {@code ingress.dispatch.deadline}: the deadline of every call to dispatch
 * @param maxRequestBytes   {@code ingress.rest.max-body-bytes}: REST bodies larger than this get 413
 * @param maxCallbackBytes  {@code ingress.callback.max-body-bytes}: callback bodies larger than this get 413
 */
public record IngressSettings(List<ApiKey> apiKeys,
                              WeChatApps apps,
                              SubscriberTokens subscriberTokens,
                              String realtimePublicUrl,
                              String dispatchTarget,
                              Duration dispatchDeadline,
                              int maxRequestBytes,
                              int maxCallbackBytes) {
    static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public IngressSettings {
        apiKeys = List.copyOf(apiKeys);
    }

    public static IngressSettings from(Config root) {
        List<ApiKey> apiKeys = apiKeys(root.get("hongyan.api-keys"));
        WeChatApps apps = WeChatApps.from(root, WeChatApps.Requirement.CALLBACK_TOKEN);
        SubscriberTokens tokens;
        try {
            tokens = new SubscriberTokens(ServiceConfig.required(root.get("hongyan.realtime.token-secret"),
                    "the secret that signs realtime subscriber tokens"), Clock.systemUTC());
        } catch (IllegalArgumentException tooShort) {
            throw new MissingConfigurationException("hongyan.realtime.token-secret must be at least 32 bytes long");
        }
        String dispatch = ServiceConfig.required(root.get("hongyan.services.dispatch"), "dispatch-service's host:port");
        return new IngressSettings(apiKeys, apps, tokens,
                root.get("hongyan.realtime.public-url").asString().orElse("ws://127.0.0.1:8081/v1/ws"),
                dispatch,
                root.get("ingress.dispatch.deadline").as(Duration.class).orElse(Duration.ofSeconds(5)),
                positive(root.get("ingress.rest.max-body-bytes")),
                positive(root.get("ingress.callback.max-body-bytes")));
    }

    private static List<ApiKey> apiKeys(Config list) {
        List<ApiKey> keys = new ArrayList<>();
        List<Config> entries = list.asNodeList().orElse(List.of());
        for (int i = 0; i < entries.size(); i++) {
            Config entry = entries.get(i);
            String key = ServiceConfig.required(entry.get("key"), "an API key");
            Set<String> apps = new LinkedHashSet<>(entry.get("apps").asList(String.class).orElse(List.of()));
            apps.removeIf(String::isBlank);
            if (apps.isEmpty()) {
                throw new MissingConfigurationException(entry.key() + ".apps lists no app; use [\"*\"] for all apps");
            }
            keys.add(ApiKey.of(entry.get("name").asString().orElse("api-key-" + i), key, apps));
        }
        if (keys.isEmpty()) {
            throw new MissingConfigurationException("hongyan.api-keys lists no API key, so nobody could call the REST API;"
                    + " configure at least one (for a local run start with HONGYAN_PROFILE=dev).");
        }
        return keys;
    }

    private static int positive(Config value) {
        int bytes = value.asInt().orElse(DEFAULT_MAX_BODY_BYTES);
        if (bytes <= 0) {
            throw new MissingConfigurationException(value.key() + " must be a positive number of bytes");
        }
        return bytes;
    }
}
