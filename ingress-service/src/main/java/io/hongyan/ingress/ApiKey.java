package io.hongyan.ingress;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * One configured API key: a name for logs and token subjects, the SHA-256 of the key (the key
 * itself is not kept), and the apps it may act for ({@code "*"} for all).
 */
public record ApiKey(String name, byte[] keyDigest, Set<String> apps) {
    public static final String ALL_APPS = "*";

    public ApiKey {
        keyDigest = keyDigest.clone();
        apps = Set.copyOf(apps);
    }

    public static ApiKey of(String name, String key, Set<String> apps) {
        return new ApiKey(name, sha256(key), apps);
    }

    /** Whether this key may send for, and read about, {@code appId}. */
    public boolean allowsApp(String appId) {
        return apps.contains(ALL_APPS) || apps.contains(appId);
    }

    /** Whether this key is limited to some apps (and so to their channels and messages). */
    public boolean isRestricted() {
        return !apps.contains(ALL_APPS);
    }

    @Override
    public byte[] keyDigest() {
        return keyDigest.clone();
    }

    @Override
    public String toString() {
        return "ApiKey[" + name + ", apps=" + apps + "]";
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
