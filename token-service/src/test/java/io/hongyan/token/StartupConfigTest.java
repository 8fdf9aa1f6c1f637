package io.hongyan.token;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hongyan.platform.config.MissingConfigurationException;
import io.hongyan.testkit.SharedInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** token-service refuses to start on configuration it cannot work with, and says which key is wrong. */
class StartupConfigTest {

    @Test
    void noAppsIsAMissingConfigurationNamingHongyanApps() {
        MissingConfigurationException e = assertThrows(MissingConfigurationException.class,
                () -> TokenServer.start(config(Map.of())));
        assertThat(e.getMessage(), containsString("hongyan.apps"));
    }

    @Test
    void anAppWithoutSecretIsAMissingConfigurationNamingTheKey() {
        MissingConfigurationException e = assertThrows(MissingConfigurationException.class,
                () -> TokenServer.start(config(Map.of("hongyan.apps.0.id", "wx0000000000000001"))));
        assertThat(e.getMessage(), containsString("hongyan.apps.0.secret"));
    }

    @Test
    void anUnknownTokenApiIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenServer.start(config(Map.of(
                "hongyan.apps.0.id", "wx0000000000000001", "hongyan.apps.0.secret", "s3cret-value",
                "hongyan.token.api", "fastest"))));
        assertThat(e.getMessage(), containsString("hongyan.token.api"));
        assertThat(e.getMessage(), not(containsString("s3cret-value")));
    }

    @Test
    void aLockShorterThanTwoWeChatCallsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenServer.start(config(Map.of(
                "hongyan.apps.0.id", "wx0000000000000001", "hongyan.apps.0.secret", "s3cret-value",
                "hongyan.token.lock-ttl", "PT5S", "hongyan.token.wechat-timeout", "PT4S"))));
        assertThat(e.getMessage(), containsString("hongyan.token.lock-ttl"));
    }

    private static Config config(Map<String, String> entries) {
        Map<String, String> all = new HashMap<>(entries);
        all.put("server.port", "0");
        all.put("redis.uri", SharedInfrastructure.redis().uri());
        return Config.just(ConfigSources.create(all));
    }
}
