package io.hongyan.simulator;

import java.util.Objects;

/**
 * One simulated WeChat app.
 *
 * @param id     the appid, e.g. {@code wx0000000000000001}
 * @param secret the app secret
 */
public record AppCredentials(String id, String secret) {
    public AppCredentials {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        if (id.isBlank() || secret.isBlank()) {
            throw new IllegalArgumentException("app id and secret must not be blank");
        }
    }

    /** The secret is left out so settings can be logged. */
    @Override
    public String toString() {
        return "AppCredentials[id=" + id + ", secret=***]";
    }
}
