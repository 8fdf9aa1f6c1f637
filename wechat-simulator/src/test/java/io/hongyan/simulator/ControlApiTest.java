package io.hongyan.simulator;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlApiTest {

    private static WeChatSimulator sim;
    private static SimHttp http;

    @BeforeAll
    static void start() {
        sim = WeChatSimulator.start();
        http = new SimHttp(sim.baseUri());
    }

    @AfterAll
    static void stop() {
        http.close();
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.reset(true);
    }

    @Test
    void configRoundTrip() throws IOException {
        SimHttp.Reply r = http.post("/_sim/config", "{\"latency_ms\":5,\"jitter_ms\":\"2\",\"error_rate\":0.25,"
                + "\"inject_errcodes\":{\"45011\":0.1,\"-1\":0.2},\"token_lifetime_s\":60,\"old_token_grace_s\":0,"
                + "\"rate_limit_per_sec\":100,\"drop_before_prob\":0.01,\"drop_after_prob\":0.02,\"token_error_rate\":0.5,"
                + "\"drop_next_after\":3,\"fail_next_token\":[{\"errcode\":-1}]}");
        assertEquals(200, r.status(), r.body());
        JsonObject o = r.json();
        assertEquals(5, o.get("latency_ms").getAsInt());
        assertEquals(2, o.get("jitter_ms").getAsInt());
        assertEquals(0.1, o.getAsJsonObject("inject_errcodes").get("45011").getAsDouble());
        assertEquals(3, o.get("drop_next_after").getAsInt());
        assertEquals(1, o.getAsJsonArray("fail_next_token").get(0).getAsJsonObject().get("count").getAsInt());
        assertEquals(o, http.get("/_sim/config").json());
        FaultSettings f = sim.faults();
        assertEquals(0.25, f.errorRate());
        assertEquals(60, f.tokenLifetimeS());
        assertEquals(0, f.oldTokenGraceS());
        assertEquals(100, f.rateLimitPerSec());
        assertEquals(0.2, f.injectErrcodes().get(-1));
    }

    @Test
    void invalidConfigIs400AndChangesNothing() throws IOException {
        assertRefused("{\"bogus\":1}", "bogus");
        assertRefused("{\"error_rate\":1.5}", "error_rate");
        assertRefused("{\"latency_ms\":-1}", "latency_ms");
        assertRefused("{\"latency_ms\":\"abc\"}", "latency_ms");
        assertRefused("{\"latency_ms\":1.5}", "latency_ms");
        assertRefused("{\"latency_ms\":true}", "latency_ms");
        assertRefused("{\"inject_errcodes\":{\"x\":0.1}}", "inject_errcodes");
        assertRefused("{\"inject_errcodes\":{\"45011\":0.7,\"-1\":0.7}}", "inject_errcodes");
        assertRefused("{\"inject_errcodes\":{\"0\":0.1}}", "inject_errcodes");
        assertRefused("{\"fail_next\":{\"errcode\":-1}}", "fail_next");
        assertRefused("{\"fail_next\":[{\"errcode\":-1,\"count\":0}]}", "fail_next");
        assertRefused("{\"fail_next\":[{\"count\":1}]}", "fail_next");
        assertRefused("{\"drop_next_before\":-2}", "drop_next_before");
        assertRefused("{\"token_lifetime_s\":0}", "token_lifetime_s");
        assertRefused("{\"expire_tokens_now\":\"maybe\"}", "expire_tokens_now");
        // A valid change next to an invalid one is not applied either.
        assertRefused("{\"latency_ms\":50,\"error_rate\":2}", "error_rate");
        assertEquals(FaultSettings.DEFAULTS, sim.faults());

        for (String notAnObject : new String[] {"", "[]", "{oops", "42"}) {
            SimHttp.Reply r = http.post("/_sim/config", notAnObject);
            assertEquals(400, r.status(), notAnObject);
            assertEquals("bad_json", r.json().getAsJsonObject("error").get("code").getAsString());
        }
        assertThrows(InvalidConfigException.class, () -> sim.configure("{\"bogus\":1}"));
        assertThrows(IllegalArgumentException.class, () -> sim.configure(f -> f.errorRate(-0.1)));
        assertEquals(FaultSettings.DEFAULTS, sim.faults());
    }

    private static void assertRefused(String patch, String field) throws IOException {
        SimHttp.Reply r = http.post("/_sim/config", patch);
        assertEquals(400, r.status(), patch + " -> " + r.body());
        JsonObject err = r.json().getAsJsonObject("error");
        assertEquals("invalid_config", err.get("code").getAsString());
        assertTrue(err.get("field").getAsString().startsWith(field), patch + " -> " + r.body());
        assertTrue(err.has("message"));
    }

    @Test
    void statsHealthAndReset() throws IOException {
        http.get("/cgi-bin/token?grant_type=client_credential&appid=x&secret=y");
        JsonObject stats = http.get("/_sim/stats").json();
        assertEquals(Set.of("token_calls", "stable_token_calls", "force_refreshes", "token_errors", "send_calls",
                "sends_ok", "sends_ok_total", "sends_err", "duplicates_suppressed", "dropped_before", "dropped_after",
                "in_flight_sends", "max_in_flight_sends", "last_msgid"), stats.keySet());
        assertEquals(1, stats.get("token_calls").getAsLong());
        assertEquals(1, stats.getAsJsonObject("token_errors").get("40013").getAsLong());

        assertEquals("UP", http.get("/_sim/health").json().get("status").getAsString());
        assertEquals(204, http.get("/observe/health").status());

        http.post("/_sim/config", "{\"latency_ms\":7}");
        SimHttp.Reply reset = http.post("/_sim/reset?tokens=1", "");
        assertEquals(200, reset.status());
        assertTrue(reset.json().get("tokens_forgotten").getAsBoolean());
        assertEquals(0, http.get("/_sim/stats").json().get("token_calls").getAsLong());
        assertEquals(0, http.get("/_sim/config").json().get("latency_ms").getAsInt());
    }

    @Test
    void expireTokensNowViaConfig() throws IOException {
        String token = http.get("/cgi-bin/token?grant_type=client_credential&appid=" + SimulatorSettings.DEV_APP.id()
                + "&secret=" + SimulatorSettings.DEV_APP.secret()).json().get("access_token").getAsString();
        assertEquals(200, http.post("/_sim/config", "{\"expire_tokens_now\":true}").status());
        assertEquals(42001, http.post("/cgi-bin/message/custom/send?access_token=" + token,
                "{\"touser\":\"o\",\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}").errcode());
    }
}
