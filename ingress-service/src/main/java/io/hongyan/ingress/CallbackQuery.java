package io.hongyan.ingress;

import io.helidon.common.uri.UriQuery;

import java.util.Optional;

/**
 * The query parameters WeChat puts on a callback URL (PROTOCOL.md §1–§3). Absent ones are empty.
 *
 * @param encryptType {@code aes} in safe and compatible mode; absent or {@code raw} for plaintext
 */
public record CallbackQuery(Optional<String> signature,
                            Optional<String> timestamp,
                            Optional<String> nonce,
                            Optional<String> echostr,
                            Optional<String> openid,
                            Optional<String> encryptType,
                            Optional<String> msgSignature) {

    public static CallbackQuery of(UriQuery query) {
        return new CallbackQuery(param(query, "signature"), param(query, "timestamp"), param(query, "nonce"),
                param(query, "echostr"), param(query, "openid"), param(query, "encrypt_type"), param(query, "msg_signature"));
    }

    private static Optional<String> param(UriQuery query, String name) {
        return query.first(name).asOptional();
    }
}
