package io.hongyan.system;

import com.google.gson.JsonObject;
import io.hongyan.testkit.SharedInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input on REST gets the right 4xx with {"error":{"code","message","field"}} and leaves
 * nothing behind: the rules ingress enforces and the ones dispatch enforces, through the real path.
 */
class RestBadInputTest {
    private static final String MESSAGES = "/v1/apps/" + RunningSuite.APP + "/messages";
    private static RunningSuite suite;
    private static Rest rest;

    @BeforeAll
    static void start() {
        suite = RunningSuite.start();
        rest = new Rest(suite.ingressUrl());
    }

    @AfterAll
    static void stop() {
        suite.close();
    }

    @Test
    void malformedJson() throws Exception {
        assertRejected(() -> rest.post(MESSAGES, RunningSuite.API_KEY, "{\"recipient\": ", Map.of()), 400, "malformed_json", null);
    }

    @Test
    void missingRecipient() throws Exception {
        assertRejected(() -> rest.post(MESSAGES, RunningSuite.API_KEY,
                "{\"template\":{\"templateId\":\"T1\"}}", Map.of()), 400, "missing_field", "recipient");
    }

    @Test
    void noContent() throws Exception {
        assertRejected(() -> rest.post(MESSAGES, RunningSuite.API_KEY, "{\"recipient\":\"oUser\"}", Map.of()),
                400, "missing_field", "content");
    }

    @Test
    void templateWithoutTemplateId() throws Exception {
        assertRejected(() -> rest.post(MESSAGES, RunningSuite.API_KEY,
                "{\"recipient\":\"oUser\",\"template\":{\"url\":\"https://example.com\"}}", Map.of()),
                400, "missing_field", "template.templateId");
    }

    @Test
    void unknownApp() throws Exception {
        assertRejected(() -> rest.post("/v1/apps/wxUnknownApp0000/messages", RunningSuite.API_KEY,
                "{\"recipient\":\"oUser\",\"template\":{\"templateId\":\"T1\"}}", Map.of()), 404, "unknown_app", "appId");
    }

    @Test
    void noApiKey() throws Exception {
        Rest.Reply reply = assertRejected(() -> rest.post(MESSAGES, null,
                "{\"recipient\":\"oUser\",\"template\":{\"templateId\":\"T1\"}}", Map.of()), 401, "unauthorized", null);
        assertTrue(reply.response().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    void wrongApiKey() throws Exception {
        assertRejected(() -> rest.post(MESSAGES, "not-the-key", "{\"recipient\":\"oUser\",\"template\":{\"templateId\":\"T1\"}}",
                Map.of()), 401, "unauthorized", null);
    }

    @Test
    void unknownMessageId() throws Exception {
        assertRejected(() -> rest.get("/v1/messages/no-such-message", RunningSuite.API_KEY), 404, "not_found", null);
    }

    private static Rest.Reply assertRejected(Callable<Rest.Reply> call, int status, String code, String field) throws Exception {
        long keysBefore = redisKeys();
        Rest.Reply reply = call.call();
        assertEquals(status, reply.status(), reply.body());
        JsonObject error = reply.error();
        assertEquals(code, error.get("code").getAsString(), reply.body());
        assertFalse(error.get("message").getAsString().isBlank());
        if (field != null) {
            assertEquals(field, error.get("field").getAsString(), reply.body());
        }
        assertEquals(0, messageKeys(), "no message record may exist after bad input: " + reply.body());
        assertEquals(keysBefore, redisKeys(), "bad input must not write to Redis");
        return reply;
    }

    private static long messageKeys() {
        // KEYS is fine on a test instance; it proves no status record or idempotency entry was written.
        String reply = SharedInfrastructure.redis().command("EVAL \"return #redis.call('KEYS','hy:msg:*') + #redis.call('KEYS','*idem*')\" 0");
        return Long.parseLong(reply.substring(1));
    }

    private static long redisKeys() {
        return Long.parseLong(SharedInfrastructure.redis().command("DBSIZE").substring(1));
    }
}
