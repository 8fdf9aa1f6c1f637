package io.hongyan.wechat.callback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * WeChat's callback signatures (PROTOCOL.md §1 and §3):
 * {@code hex(sha1(concat(sort(parts))))}, plain code-unit sort, no separator, lowercase hex.
 */
public final class CallbackSignature {

    private CallbackSignature() {
    }

    /**
     * The signature of some parts: {@code [token, timestamp, nonce]} for {@code signature},
     * {@code [token, timestamp, nonce, Encrypt]} for {@code msg_signature}.
     *
     * @throws NullPointerException if a part is null
     */
    public static String sign(String... parts) {
        String[] sorted = parts.clone();
        // String.compareTo is the plain UTF-16 code-unit order WeChat uses ('+' and '/' sort before digits).
        Arrays.sort(sorted);
        MessageDigest sha1 = sha1();
        for (String p : sorted) {
            sha1.update(p.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    /**
     * Whether {@code expectedHex} is the {@code signature} of {@code token, timestamp, nonce}.
     * Constant-time comparison; any null or blank argument gives false, never an exception.
     */
    public static boolean verify(String expectedHex, String token, String timestamp, String nonce) {
        return verifyParts(expectedHex, token, timestamp, nonce);
    }

    /**
     * Whether {@code expectedHex} is the safe-mode {@code msg_signature} of
     * {@code token, timestamp, nonce, encrypt} (check this one, not {@code signature}, in safe mode).
     * Constant-time comparison; any null or blank argument gives false.
     */
    public static boolean verifyMessage(String expectedHex, String token, String timestamp, String nonce,
                                        String encrypt) {
        return verifyParts(expectedHex, token, timestamp, nonce, encrypt);
    }

    private static boolean verifyParts(String expectedHex, String... parts) {
        if (isBlank(expectedHex)) {
            return false;
        }
        for (String p : parts) {
            if (isBlank(p)) {
                return false;
            }
        }
        byte[] actual = sign(parts).getBytes(StandardCharsets.US_ASCII);
        // Lower-casing first lets an upper-case hex signature pass; length differences are not secret.
        byte[] expected = expectedHex.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(actual, expected);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }
}
