package io.hongyan.platform.config;

/** A setting without which a service must not start (credentials, keys, secrets). */
public final class MissingConfigurationException extends IllegalStateException {
    public MissingConfigurationException(String message) {
        super(message);
    }
}
