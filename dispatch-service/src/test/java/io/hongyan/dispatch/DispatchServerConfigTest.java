package io.hongyan.dispatch;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hongyan.platform.config.MissingConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** dispatch refuses to start without what it cannot work without, and says which key is missing. */
class DispatchServerConfigTest {

    @Test
    void refusesToStartWithoutApps() {
        MissingConfigurationException refused = assertThrows(MissingConfigurationException.class, () -> DispatchServer.start(
                Config.just(ConfigSources.create(Map.of("hongyan.services.token", "127.0.0.1:9091")))));

        assertThat(refused.getMessage(), containsString("hongyan.apps"));
    }

    @Test
    void refusesToStartWithoutTokenService() {
        MissingConfigurationException refused = assertThrows(MissingConfigurationException.class, () -> DispatchServer.start(
                Config.just(ConfigSources.create(Map.of("hongyan.apps.0.id", "wx0000000000000001")))));

        assertThat(refused.getMessage(), containsString("hongyan.services.token"));
    }

    @Test
    void refusesFewerUnacknowledgedMessagesThanSenders() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DispatchServer.start(
                Config.just(ConfigSources.create(Map.of(
                        "hongyan.apps.0.id", "wx0000000000000001",
                        "hongyan.services.token", "127.0.0.1:9091",
                        "dispatch.senders.concurrency", "64",
                        "dispatch.consumer.max-ack-pending", "10")))));

        assertThat(refused.getMessage(), containsString("max-ack-pending"));
    }

    @Test
    void refusesANegativeTokenCacheAge() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DispatchServer.start(
                Config.just(ConfigSources.create(Map.of(
                        "hongyan.apps.0.id", "wx0000000000000001",
                        "hongyan.services.token", "127.0.0.1:9091",
                        "dispatch.token.cache-max-age", "-PT1S")))));

        assertThat(refused.getMessage(), containsString("dispatch.token.cache-max-age"));
    }
}
