package io.hongyan.realtime;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publish rejects what subscribers could not use, with INVALID_ARGUMENT and machine-readable trailers. */
class PublishValidationTest {
    private static final Metadata.Key<String> CODE = Metadata.Key.of("hongyan-error-code", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> FIELD = Metadata.Key.of("hongyan-error-field", Metadata.ASCII_STRING_MARSHALLER);
    private static final int LIMIT = 64 * 1024;

    private static RealtimeFixture realtime;

    @BeforeAll
    static void start() {
        realtime = RealtimeFixture.start();
    }

    @AfterAll
    static void stop() {
        realtime.close();
    }

    @Test
    void invalidChannelNames() {
        assertRejected("", "{}", "missing_field", "channel");
        assertRejected("orders eu", "{}", "invalid_field", "channel");
        assertRejected("orders.eu", "{}", "invalid_field", "channel");
        assertRejected("orders:>", "{}", "invalid_field", "channel");
        assertRejected("orders::eu", "{}", "invalid_field", "channel");
        assertRejected(":orders", "{}", "invalid_field", "channel");
        assertRejected("o".repeat(201), "{}", "invalid_field", "channel");
    }

    @Test
    void payloadsThatAreNotAJsonObjectOrArray() {
        assertRejected("ok:channel", "", "missing_field", "jsonPayload");
        assertRejected("ok:channel", "not json", "invalid_field", "jsonPayload");
        assertRejected("ok:channel", "42", "invalid_field", "jsonPayload");
        assertRejected("ok:channel", "\"text\"", "invalid_field", "jsonPayload");
        assertRejected("ok:channel", "null", "invalid_field", "jsonPayload");
        assertRejected("ok:channel", "{\"a\":1", "invalid_field", "jsonPayload");
        assertRejected("ok:channel", "{\"a\":1} {\"b\":2}", "invalid_field", "jsonPayload");
        assertRejected("ok:channel", "{a:'lenient'}", "invalid_field", "jsonPayload");
        assertRejected("ok:channel", "{\"n\":NaN}", "invalid_field", "jsonPayload");
    }

    @Test
    void payloadsOverTheSizeLimit() {
        assertRejected("ok:channel", objectOfBytes(LIMIT + 1), "too_large", "jsonPayload");
        String multiByte = "{\"t\":\"" + "你".repeat(LIMIT / 3) + "\"}"; // fewer chars than the limit, more bytes
        assertTrue(multiByte.length() < LIMIT);
        assertRejected("ok:channel", multiByte, "too_large", "jsonPayload");
    }

    @Test
    void validEventsArePublished() {
        assertTrue(realtime.publish("ok:channel", objectOfBytes(LIMIT)).getPublished(), "exactly 64 KiB is allowed");
        assertTrue(realtime.publish("ok:channel", " [1, {\"a\": null}] ").getPublished());
    }

    private static String objectOfBytes(int bytes) {
        String shell = "{\"p\":\"\"}";
        return "{\"p\":\"" + "x".repeat(bytes - shell.length()) + "\"}";
    }

    private static void assertRejected(String channel, String payload, String code, String field) {
        StatusRuntimeException rejected = assertThrows(StatusRuntimeException.class, () -> realtime.publish(channel, payload));
        assertEquals(Status.Code.INVALID_ARGUMENT, rejected.getStatus().getCode());
        assertNotNull(rejected.getStatus().getDescription());
        Metadata trailers = Status.trailersFromThrowable(rejected);
        assertNotNull(trailers, "trailers");
        assertEquals(code, trailers.get(CODE), channel + " / " + payload);
        assertEquals(field, trailers.get(FIELD));
    }
}
