package io.hongyan.simulator;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SimulatorConfigTest {

    private static SimulatorSettings settings(Map<String, String> values) {
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values))
                .addSource(ConfigSources.classpath("wechat-simulator.yaml"))
                .build();
        return SimulatorConfig.settings(config.get("simulator"));
    }

    @Test
    void packagedYamlGivesTheDevDefaults() {
        SimulatorSettings s = settings(Map.of());
        assertEquals("127.0.0.1", s.host());
        assertEquals(9099, s.port());
        assertEquals(List.of(SimulatorSettings.DEV_APP), s.apps());
        assertEquals(FaultSettings.DEFAULTS, s.faults());
        assertEquals(10_000, s.messageCapacity());
    }

    @Test
    void environmentStyleKeysOverride() {
        // What Helidon makes of SIMULATOR_PORT, SIMULATOR_FAULTS_LATENCY_MS, SIMULATOR_APPS, ...
        SimulatorSettings s = settings(Map.of(
                "simulator.port", "19099",
                "simulator.host", "0.0.0.0",
                "simulator.apps", "wxA:secretA, wxB:secretB",
                "simulator.messages.capacity", "50",
                "simulator.faults.latency.ms", "25",
                "simulator.faults.error.rate", "0.5",
                "simulator.faults.inject.errcodes", "45011:0.1,-1:0.2",
                "simulator.faults.old.token.grace.s", "1"));
        assertEquals(19099, s.port());
        assertEquals("0.0.0.0", s.host());
        assertEquals(List.of(new AppCredentials("wxA", "secretA"), new AppCredentials("wxB", "secretB")), s.apps());
        assertEquals(50, s.messageCapacity());
        assertEquals(25, s.faults().latencyMs());
        assertEquals(0.5, s.faults().errorRate());
        assertEquals(Map.of(45011, 0.1, -1, 0.2), s.faults().injectErrcodes());
        assertEquals(1, s.faults().oldTokenGraceS());
        assertEquals(7200, s.faults().tokenLifetimeS(), "untouched keys keep the file's value");
    }

    @Test
    void badValuesAreRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("simulator.faults.error.rate", "2")));
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("simulator.port", "http")));
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("simulator.apps", "no-secret")));
    }

    @Test
    void secretsAreNotPrinted() {
        assertEquals("AppCredentials[id=wxA, secret=***]", new AppCredentials("wxA", "s3cret").toString());
    }
}
