package io.hongyan.wechat.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Helpers that keep app secrets and access tokens out of logs and messages.
 */
public final class Secrets {

    private Secrets() {
    }

    /**
     * A short, non-reversible label for a secret, e.g. {@code sha256:1a2b3c4d}, so that logs can
     * say "token X was replaced by token Y" without holding either.
     */
    public static String fingerprint(String secret) {
        if (secret == null) {
            return "null";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            // Every JDK has SHA-256; if not, print nothing rather than the secret.
            return "***";
        }
    }

    /** {@code text} with every occurrence of each non-empty secret replaced by {@code ***}. */
    static String scrub(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                out = out.replace(s, "***");
            }
        }
        return out;
    }
}
