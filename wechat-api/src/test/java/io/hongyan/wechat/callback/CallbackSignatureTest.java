package io.hongyan.wechat.callback;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vectors from PROTOCOL.md §1 and §3. */
class CallbackSignatureTest {

    private static final String ENCRYPT = "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=";

    @Test
    void officialGetVector() {
        assertEquals("f464b24fc39322e44b38aa78f5edd27bd1441696",
                CallbackSignature.sign("AAAAA", "1714036504", "1514711492"));
        assertTrue(CallbackSignature.verify("f464b24fc39322e44b38aa78f5edd27bd1441696", "AAAAA", "1714036504", "1514711492"));
    }

    @Test
    void officialPostVector() {
        assertEquals("899cf89e464efb63f54ddac96b0a0a235f53aa78",
                CallbackSignature.sign("AAAAA", "1714037059", "486452656"));
    }

    @Test
    void sdkVector() {
        assertEquals("f7c3bc1d808e04732adf679965ccc34ca7ae3441", CallbackSignature.sign("789", "456", "123"));
        // Order of the arguments must not matter: they are sorted.
        assertEquals("f7c3bc1d808e04732adf679965ccc34ca7ae3441", CallbackSignature.sign("123", "789", "456"));
    }

    @Test
    void safeModeUrlSignatureAndMsgSignature() {
        assertEquals("6c5c811b55cc85e0e1b54100749188c20beb3f5d",
                CallbackSignature.sign("AAAAA", "1714112445", "415670741"));
        assertEquals("046e02f8204d34f8ba5fa3b1db94908f3df2e9b3",
                CallbackSignature.sign("AAAAA", "1714112445", "415670741", ENCRYPT));
        assertTrue(CallbackSignature.verifyMessage("046e02f8204d34f8ba5fa3b1db94908f3df2e9b3",
                "AAAAA", "1714112445", "415670741", ENCRYPT));
        // The classic bug: checking the body against `signature` instead of `msg_signature`.
        assertFalse(CallbackSignature.verifyMessage("6c5c811b55cc85e0e1b54100749188c20beb3f5d",
                "AAAAA", "1714112445", "415670741", ENCRYPT));
    }

    @Test
    void replyMsgSignature() {
        assertEquals("1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1", CallbackSignature.sign("AAAAA", "1713424427", "415670741",
                "ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ=="));
    }

    @Test
    void verifyRejectsWrongAndMissingInput() {
        String good = "f7c3bc1d808e04732adf679965ccc34ca7ae3441";
        assertTrue(CallbackSignature.verify(good.toUpperCase(), "789", "456", "123"));
        assertFalse(CallbackSignature.verify("f7c3bc1d808e04732adf679965ccc34ca7ae3440", "789", "456", "123"));
        assertFalse(CallbackSignature.verify(good, "788", "456", "123"));
        assertFalse(CallbackSignature.verify(good.substring(1), "789", "456", "123"));
        assertFalse(CallbackSignature.verify(null, "789", "456", "123"));
        assertFalse(CallbackSignature.verify(" ", "789", "456", "123"));
        assertFalse(CallbackSignature.verify(good, null, "456", "123"));
        assertFalse(CallbackSignature.verify(good, "789", "", "123"));
        assertFalse(CallbackSignature.verify(good, "789", "456", null));
        assertFalse(CallbackSignature.verifyMessage(good, "789", "456", "123", null));
    }
}
