package io.hongyan.token;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/** What one call to WeChat's token API gave. */
public sealed interface Issuance {

    /**
     * WeChat issued a token.
     *
     * @param accessToken the token; never printed
     * @param lifetime    WeChat's expires_in
     */
    record Issued(String accessToken, Duration lifetime) implements Issuance {
        public Issued {
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(lifetime, "lifetime");
        }

        @Override
        public String toString() {
            return "Issued[" + accessToken.length() + " chars, lifetime=" + lifetime + "]";
        }
    }

    /** No token: WeChat said no, or could not be asked. */
    sealed interface Failed extends Issuance {
        /** A one-line description for status messages and logs; never holds a secret. */
        String describe();
    }

    /**
     * WeChat answered with a non-zero errcode.
     *
     * @param errcode WeChat's errcode
     * @param errmsg  WeChat's errmsg, with the app secret scrubbed out
     */
    record Refused(int errcode, String errmsg) implements Failed {
        /**
         * WeChat's errcodes that mean "the app's configuration is wrong" (PROTOCOL.md §4): wrong or
         * frozen secret, bad app id, bad grant type, caller IP not whitelisted. Asking again will not
         * help until an operator fixes the app.
         */
        private static final Set<Integer> CREDENTIAL_ERRORS = Set.of(40001, 40002, 40013, 40125, 40164, 40243, 61004);

        public boolean credentialsRejected() {
            return CREDENTIAL_ERRORS.contains(errcode);
        }

        @Override
        public String describe() {
            return "WeChat refused the token request: errcode " + errcode + (errmsg.isBlank() ? "" : " (" + errmsg + ")");
        }
    }

    /**
     * WeChat could not be asked, or its answer was unusable.
     *
     * @param reason short description without secrets
     */
    record Unreachable(String reason) implements Failed {
        @Override
        public String describe() {
            return "WeChat's token API gave no usable answer: " + reason;
        }
    }
}
