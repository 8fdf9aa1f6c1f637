package io.hongyan.platform.realtime;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Signed, expiring subscriber tokens: {@code base64url(json grant) + "." + base64url(HMAC-SHA256)}.
 * ingress issues them (after API-key auth); realtime verifies them without calling anyone,
 * so both need the same secret ({@code hongyan.realtime.token-secret}, at least 32 bytes).
 */
public final class SubscriberTokens {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final byte[] secret;
    private final Clock clock;

    public SubscriberTokens(String secret, Clock clock) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("the realtime token secret must be at least 32 bytes");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    public String issue(SubscriberGrant grant) {
        JsonObject json = new JsonObject();
        json.addProperty("sub", grant.subject());
        JsonArray channels = new JsonArray();
        grant.channels().forEach(channels::add);
        json.add("ch", channels);
        json.addProperty("exp", grant.expiresAt().getEpochSecond());
        String payload = ENCODER.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The grant of a well-signed, unexpired token; empty for anything else. */
    public Optional<SubscriberGrant> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(payload))) {
                return Optional.empty();
            }
            JsonObject json = JsonParser.parseString(new String(DECODER.decode(payload), StandardCharsets.UTF_8)).getAsJsonObject();
            List<String> channels = new ArrayList<>();
            json.getAsJsonArray("ch").forEach(element -> channels.add(element.getAsString()));
            SubscriberGrant grant = new SubscriberGrant(json.get("sub").getAsString(), channels,
                    Instant.ofEpochSecond(json.get("exp").getAsLong()));
            return grant.isExpired(clock.instant()) ? Optional.empty() : Optional.of(grant);
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
