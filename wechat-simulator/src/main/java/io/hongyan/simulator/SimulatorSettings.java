package io.hongyan.simulator;

import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * How a simulator starts.
 *
 * @param host            the address to listen on; 127.0.0.1 by default so a dev run is not exposed
 * @param port            the port; 0 picks a free one (tests)
 * @param apps            the apps that can get tokens
 * @param faults          the fault settings at start, and what {@code reset} returns to
 * @param messageCapacity how many deliveries the message log keeps (the newest)
 * @param dedupCapacity   how many client_msg_id entries are kept at most (oldest dropped first)
 * @param clock           time for token expiry, rate windows and dedup expiry; tests pass a settable one
 */
public record SimulatorSettings(String host,
                                int port,
                                List<AppCredentials> apps,
                                FaultSettings faults,
                                int messageCapacity,
                                int dedupCapacity,
                                InstantSource clock) {

    /** The app of a local dev run. */
    public static final AppCredentials DEV_APP = new AppCredentials("wx0000000000000001", "dev-app-secret-0001");

    public SimulatorSettings {
        Objects.requireNonNull(host, "host");
        apps = List.copyOf(apps);
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535]");
        }
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("at least one app is needed");
        }
        if (apps.stream().map(AppCredentials::id).distinct().count() != apps.size()) {
            throw new IllegalArgumentException("app ids must be unique");
        }
        if (messageCapacity < 1 || dedupCapacity < 1) {
            throw new IllegalArgumentException("capacities must be positive");
        }
    }

    /** 127.0.0.1:9099, the dev app, no faults, 10,000 messages, 100,000 dedup entries, the system clock. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings("127.0.0.1", 9099, List.of(DEV_APP), FaultSettings.DEFAULTS,
                10_000, 100_000, InstantSource.system());
    }

    /** Defaults, but on a free port: what tests usually want. */
    public static SimulatorSettings forTests() {
        return defaults().withPort(0);
    }

    public SimulatorSettings withHost(String h) {
        return new SimulatorSettings(h, port, apps, faults, messageCapacity, dedupCapacity, clock);
    }

    public SimulatorSettings withPort(int p) {
        return new SimulatorSettings(host, p, apps, faults, messageCapacity, dedupCapacity, clock);
    }

    public SimulatorSettings withApps(List<AppCredentials> a) {
        return new SimulatorSettings(host, port, a, faults, messageCapacity, dedupCapacity, clock);
    }

    public SimulatorSettings withFaults(FaultSettings f) {
        return new SimulatorSettings(host, port, apps, f, messageCapacity, dedupCapacity, clock);
    }

    public SimulatorSettings withMessageCapacity(int n) {
        return new SimulatorSettings(host, port, apps, faults, n, dedupCapacity, clock);
    }

    public SimulatorSettings withDedupCapacity(int n) {
        return new SimulatorSettings(host, port, apps, faults, messageCapacity, n, clock);
    }

    public SimulatorSettings withClock(InstantSource c) {
        return new SimulatorSettings(host, port, apps, faults, messageCapacity, dedupCapacity, c);
    }
}
