package io.hongyan.token.wechat;

import io.helidon.config.Config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which token API each app uses: {@code hongyan.apps[i].token-api}, else {@code hongyan.token.api},
 * else stable_token.
 *
 * @param fallback the API of apps that do not name one
 * @param byApp    the apps that do
 */
public record TokenApiChoice(TokenApi fallback, Map<String, TokenApi> byApp) {

    public TokenApiChoice {
        byApp = Map.copyOf(byApp);
    }

    /** Reads the choice; fails on a value other than {@code stable} or {@code plain}. */
    public static TokenApiChoice from(Config root) {
        TokenApi fallback = TokenApi.from(root.get("hongyan.token.api"), TokenApi.STABLE);
        Map<String, TokenApi> byApp = new HashMap<>();
        for (Config app : root.get("hongyan.apps").asNodeList().orElse(List.of())) {
            app.get("id").asString().ifPresent(id -> byApp.put(id, TokenApi.from(app.get("token-api"), fallback)));
        }
        return new TokenApiChoice(fallback, byApp);
    }

    public TokenApi forApp(String appId) {
        return byApp.getOrDefault(appId, fallback);
    }
}
