package io.hongyan.platform.config;

import io.helidon.config.Config;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The configured WeChat apps, by app id. */
public final class WeChatApps {
    /** WeChat app ids are "wx" plus 16 hex-like characters; we accept any short token of that alphabet. */
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final URI DEFAULT_API = URI.create("https://api.weixin.qq.com");

    private final Map<String, WeChatApp> apps;

    private WeChatApps(Map<String, WeChatApp> apps) {
        this.apps = Map.copyOf(apps);
    }

    /**
     * Reads {@code hongyan.apps}: a list of {@code {id, secret, callback-token, encoding-aes-key, api-base-url}}.
     * Fails startup when the list is empty or an entry lacks what {@code require} asks for.
     */
    public static WeChatApps from(Config root, Requirement require) {
        Map<String, WeChatApp> apps = new LinkedHashMap<>();
        URI defaultBase = root.get("hongyan.wechat.api-base-url").asString().map(URI::create).orElse(DEFAULT_API);
        for (Config entry : root.get("hongyan.apps").asNodeList().orElse(java.util.List.of())) {
            String id = ServiceConfig.required(entry.get("id"), "the WeChat app id");
            if (!APP_ID.matcher(id).matches()) {
                throw new MissingConfigurationException(entry.key() + ".id is not a valid app id");
            }
            String secret = entry.get("secret").asString().orElse("");
            String callbackToken = entry.get("callback-token").asString().orElse("");
            if (require == Requirement.SECRET) {
                ServiceConfig.required(entry.get("secret"), "the app secret of " + id);
            }
            if (require == Requirement.CALLBACK_TOKEN) {
                ServiceConfig.required(entry.get("callback-token"), "the callback token of " + id);
            }
            URI base = entry.get("api-base-url").asString().map(URI::create).orElse(defaultBase);
            apps.put(id, new WeChatApp(id, secret, callbackToken, entry.get("encoding-aes-key").asString().orElse(""), base));
        }
        if (apps.isEmpty()) {
            throw new MissingConfigurationException("hongyan.apps lists no WeChat app; configure at least one"
                    + " (for a local run start with HONGYAN_PROFILE=dev).");
        }
        return new WeChatApps(apps);
    }

    public static WeChatApps of(WeChatApp... apps) {
        Map<String, WeChatApp> map = new LinkedHashMap<>();
        for (WeChatApp app : apps) {
            map.put(app.appId(), app);
        }
        return new WeChatApps(map);
    }

    public Optional<WeChatApp> find(String appId) {
        return appId == null ? Optional.empty() : Optional.ofNullable(apps.get(appId));
    }

    public Collection<WeChatApp> all() {
        return apps.values();
    }

    /** What a service cannot do without, checked at startup. */
    public enum Requirement {
        ID_ONLY, SECRET, CALLBACK_TOKEN
    }
}
