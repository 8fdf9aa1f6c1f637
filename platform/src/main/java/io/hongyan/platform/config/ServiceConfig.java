package io.hongyan.platform.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Loads a service's configuration. Highest priority first: system properties, environment
 * variables ({@code DISPATCH_SENDERS_CONCURRENCY} overrides {@code dispatch.senders.concurrency}; Helidon
 * spells a dash in a key as {@code _DASH_}: {@code HONGYAN_REALTIME_TOKEN_DASH_SECRET}),
 * {@code application-<profile>.yaml}, the profile's shared file {@code hongyan-<profile>.yaml}
 * (the dev profile ships one with the local credentials), then {@code application.yaml}.
 *
 * <p>The profile comes from {@code hongyan.profile} / {@code HONGYAN_PROFILE}; without one,
 * nothing supplies credentials, so a service started by mistake in production refuses to run.
 */
public final class ServiceConfig {
    private ServiceConfig() {
    }

    public static Config load() {
        String profile = profile();
        List<Supplier<? extends io.helidon.config.spi.ConfigSource>> sources = new ArrayList<>();
        sources.add(ConfigSources.systemProperties());
        sources.add(ConfigSources.environmentVariables());
        if (!profile.isEmpty()) {
            sources.add(ConfigSources.classpath("application-" + profile + ".yaml").optional());
            sources.add(ConfigSources.classpath("hongyan-" + profile + ".yaml").optional());
        }
        sources.add(ConfigSources.classpath("application.yaml").optional());
        return Config.builder()
                .disableSystemPropertiesSource()
                .disableEnvironmentVariablesSource()
                .sources(sources)
                .build();
    }

    /** The active profile, lower case, or "" for none. */
    public static String profile() {
        String value = System.getProperty("hongyan.profile", System.getenv("HONGYAN_PROFILE"));
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }

    /** A value the service cannot run without; fails startup with the key's name, never its value. */
    public static String required(Config config, String what) {
        return config.asString().filter(value -> !value.isBlank()).orElseThrow(() -> new MissingConfigurationException(
                config.key() + " (" + what + ") is not set. Set it in application.yaml, as a system property or as the"
                        + " environment variable " + config.key().toString().toUpperCase(Locale.ROOT).replace(".", "_").replace("-", "_DASH_")
                        + "; for a local run start with HONGYAN_PROFILE=dev."));
    }
}
