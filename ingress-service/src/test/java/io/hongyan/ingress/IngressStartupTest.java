package io.hongyan.ingress;

import io.hongyan.platform.config.MissingConfigurationException;
import io.hongyan.testkit.FreePorts;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** ingress refuses to start without the settings it cannot work without, naming the key and never a value. */
class IngressStartupTest {
    // NATS is never reached: the settings are checked first.
    private static final String NO_NATS = "nats://127.0.0.1:" + FreePorts.next();

    @Test
    void refusesToStartWithoutApiKeys() {
        MissingConfigurationException e = startWithout("hongyan.api-keys.");

        assertThat(e.getMessage(), containsString("hongyan.api-keys"));
    }

    @Test
    void refusesToStartWithAnApiKeyForNoApp() {
        Map<String, String> settings = settings();
        settings.remove("hongyan.api-keys.1.apps.0");

        MissingConfigurationException e = assertThrows(MissingConfigurationException.class,
                () -> IngressServer.start(IngressFixture.config(settings)));

        assertThat(e.getMessage(), containsString("apps"));
    }

    @Test
    void refusesToStartWithoutApps() {
        MissingConfigurationException e = startWithout("hongyan.apps.");

        assertThat(e.getMessage(), containsString("hongyan.apps"));
    }

    @Test
    void refusesToStartWithoutACallbackToken() {
        MissingConfigurationException e = startWithout("hongyan.apps.1.callback-token");

        assertThat(e.getMessage(), containsString("callback-token"));
    }

    @Test
    void refusesToStartWithoutTheRealtimeTokenSecret() {
        MissingConfigurationException e = startWithout("hongyan.realtime.token-secret");

        assertThat(e.getMessage(), containsString("hongyan.realtime.token-secret"));
    }

    @Test
    void refusesToStartWithAShortRealtimeTokenSecret() {
        Map<String, String> settings = settings();
        settings.put("hongyan.realtime.token-secret", "short-secret");

        MissingConfigurationException e = assertThrows(MissingConfigurationException.class,
                () -> IngressServer.start(IngressFixture.config(settings)));

        assertThat(e.getMessage(), containsString("hongyan.realtime.token-secret"));
        assertThat(e.getMessage(), not(containsString("short-secret")));
    }

    @Test
    void refusesToStartWithoutDispatchsAddress() {
        MissingConfigurationException e = startWithout("hongyan.services.dispatch");

        assertThat(e.getMessage(), containsString("hongyan.services.dispatch"));
    }

    private static MissingConfigurationException startWithout(String keyPrefix) {
        Map<String, String> settings = settings();
        settings.keySet().removeIf(key -> key.startsWith(keyPrefix));
        return assertThrows(MissingConfigurationException.class, () -> IngressServer.start(IngressFixture.config(settings)));
    }

    private static Map<String, String> settings() {
        return IngressFixture.settings(NO_NATS, "127.0.0.1:" + FreePorts.next());
    }
}
