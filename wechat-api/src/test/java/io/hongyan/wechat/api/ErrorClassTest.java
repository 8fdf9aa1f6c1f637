package io.hongyan.wechat.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorClassTest {

    @Test
    void everyListedCode() {
        assertEquals(ErrorClass.OK, ErrorClass.of(0));
        for (int c : new int[] {40001, 40014, 42001}) {
            assertEquals(ErrorClass.TOKEN, ErrorClass.of(c), "code " + c);
        }
        for (int c : new int[] {-1, 45011}) {
            assertEquals(ErrorClass.TRANSIENT, ErrorClass.of(c), "code " + c);
        }
        assertEquals(ErrorClass.QUOTA, ErrorClass.of(45009));
        for (int c : new int[] {40003, 43004, 43101, 45015, 45047}) {
            assertEquals(ErrorClass.RECIPIENT, ErrorClass.of(c), "code " + c);
        }
        for (int c : new int[] {40037, 47001, 47003, 41030, 48001, 50001, 40013, 40125, 40164, 61004}) {
            assertEquals(ErrorClass.PAYLOAD, ErrorClass.of(c), "code " + c);
        }
        for (int c : new int[] {1, -2, 40002, 40066, 44002, 45010, 48006, 40243, Integer.MAX_VALUE}) {
            assertEquals(ErrorClass.UNKNOWN, ErrorClass.of(c), "code " + c);
        }
    }

    @Test
    void results() {
        assertEquals(ErrorClass.OK, ErrorClass.of(new SendResult.Sent(1)));
        assertEquals(ErrorClass.TOKEN, ErrorClass.of(new SendResult.Refused(42001, "access_token expired")));
        assertEquals(ErrorClass.RECIPIENT, ErrorClass.of(new SendResult.Refused(43004, "require subscribe")));
        assertEquals(ErrorClass.TRANSIENT, ErrorClass.of(new SendResult.Failed("timeout", 0)));
        assertEquals(ErrorClass.TRANSIENT, ErrorClass.of(new SendResult.Failed("HTTP 500", 500)));
        assertEquals(ErrorClass.OK, ErrorClass.of(new TokenResult.Issued("t", 7200)));
        assertEquals(ErrorClass.PAYLOAD, ErrorClass.of(new TokenResult.Refused(40125, "invalid appsecret")));
        assertEquals(ErrorClass.TRANSIENT, ErrorClass.of(new TokenResult.Unreachable("connect failed")));
    }
}
