package io.hongyan.wechat.api;

import java.util.Objects;

/**
 * The outcome of one call to a WeChat token API.
 *
 * <p>Sealed so that callers must handle each case: a token, a refusal by WeChat (with its
 * errcode, see {@link ErrorClass#of(int)}), or no usable answer at all.
 */
public sealed interface TokenResult {

    /**
     * WeChat issued a token.
     *
     * @param accessToken      the token; never printed (see {@link #toString()})
     * @param expiresInSeconds seconds the token is valid for, counted from the reply
     */
    record Issued(String accessToken, long expiresInSeconds) implements TokenResult {
        public Issued {
            Objects.requireNonNull(accessToken, "accessToken");
        }

        /** Masked: tokens must never reach logs; the fingerprint lets logs still be correlated. */
        @Override
        public String toString() {
            return "Issued[accessToken=" + Secrets.fingerprint(accessToken)
                    + ", expiresInSeconds=" + expiresInSeconds + "]";
        }
    }

    /**
     * WeChat answered with a non-zero errcode (40013 invalid appid, 40125 invalid secret, -1 busy, ...).
     *
     * @param errcode WeChat's errcode
     * @param errmsg  WeChat's errmsg, as sent
     */
    record Refused(int errcode, String errmsg) implements TokenResult {
    }

    /**
     * No WeChat answer could be used: connection failure, timeout, HTTP status other than 200,
     * or a body that is not the expected JSON. Worth retrying later.
     *
     * @param reason a short description, free of secrets
     */
    record Unreachable(String reason) implements TokenResult {
    }
}
