package io.hongyan.simulator;

import io.hongyan.wechat.api.SendEndpoint;
import io.hongyan.wechat.api.SendResult;
import io.hongyan.wechat.api.TokenResult;
import io.hongyan.wechat.api.WeChatApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenApiTest {

    private static final AppCredentials APP = SimulatorSettings.DEV_APP;
    private static final AppCredentials OTHER = new AppCredentials("wx0000000000000002", "other-secret");
    private static final String BODY = "{\"touser\":\"o-1\",\"template_id\":\"t\"}";

    private static final TestClock clock = new TestClock();
    private static WeChatSimulator sim;
    private static WeChatApiClient client;
    private static SimHttp http;
    private static URI base;

    @BeforeAll
    static void start() {
        sim = WeChatSimulator.start(SimulatorSettings.forTests().withClock(clock).withApps(List.of(APP, OTHER)));
        base = sim.baseUri();
        client = WeChatApiClient.builder().requestTimeout(Duration.ofSeconds(3)).build();
        http = new SimHttp(base);
    }

    @AfterAll
    static void stop() {
        client.close();
        http.close();
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.reset(true);
    }

    private String token() {
        return assertInstanceOf(TokenResult.Issued.class, client.token(base, APP.id(), APP.secret())).accessToken();
    }

    private String stable(boolean force) {
        return assertInstanceOf(TokenResult.Issued.class,
                client.stableToken(base, APP.id(), APP.secret(), force)).accessToken();
    }

    private SendResult send(String token) {
        return client.send(base, SendEndpoint.TEMPLATE, token, BODY);
    }

    @Test
    void tokenIsIssuedAndEachCallIssuesANewOne() {
        TokenResult r = client.token(base, APP.id(), APP.secret());
        TokenResult.Issued issued = assertInstanceOf(TokenResult.Issued.class, r);
        assertTrue(issued.accessToken().length() >= 128, "token length " + issued.accessToken().length());
        assertEquals(7200, issued.expiresInSeconds());
        String second = token();
        assertNotEquals(issued.accessToken(), second);
        assertEquals(2, sim.stats().tokenCalls());
    }

    @Test
    void previousTokenWorksDuringGraceThen40001() {
        String first = token();
        String second = token();
        clock.advance(Duration.ofSeconds(299));
        assertInstanceOf(SendResult.Sent.class, send(first), "old token inside the 300 s overlap");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(40001, assertInstanceOf(SendResult.Refused.class, send(first)).errcode());
        assertInstanceOf(SendResult.Sent.class, send(second));
    }

    @Test
    void graceIsConfigurable() {
        sim.configure(f -> f.oldTokenGraceS(0));
        String first = token();
        token();
        assertEquals(40001, assertInstanceOf(SendResult.Refused.class, send(first)).errcode());
    }

    @Test
    void tokenExpiresAfterItsLifetime() {
        sim.configure(f -> f.tokenLifetimeS(60));
        TokenResult.Issued t = assertInstanceOf(TokenResult.Issued.class, client.token(base, APP.id(), APP.secret()));
        assertEquals(60, t.expiresInSeconds());
        clock.advance(Duration.ofSeconds(59));
        assertInstanceOf(SendResult.Sent.class, send(t.accessToken()));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(42001, assertInstanceOf(SendResult.Refused.class, send(t.accessToken())).errcode());
    }

    @Test
    void stableTokenIsReusedWithShrinkingLifetime() {
        TokenResult.Issued a = assertInstanceOf(TokenResult.Issued.class, client.stableToken(base, APP.id(), APP.secret(), false));
        assertEquals(7200, a.expiresInSeconds());
        clock.advance(Duration.ofSeconds(100));
        TokenResult.Issued b = assertInstanceOf(TokenResult.Issued.class, client.stableToken(base, APP.id(), APP.secret(), false));
        assertEquals(a.accessToken(), b.accessToken());
        assertEquals(7100, b.expiresInSeconds());
        assertEquals(2, sim.stats().stableTokenCalls());
        assertEquals(0, sim.stats().forceRefreshes());
    }

    @Test
    void stableTokenIsRenewedInItsLastFiveMinutesAndTheOldOneLivesOut() {
        String a = stable(false);
        clock.advance(Duration.ofSeconds(7200 - 299));
        String b = stable(false);
        assertNotEquals(a, b);
        assertInstanceOf(SendResult.Sent.class, send(a), "old stable token keeps its lifetime");
        clock.advance(Duration.ofSeconds(300));
        assertEquals(42001, assertInstanceOf(SendResult.Refused.class, send(a)).errcode());
        assertInstanceOf(SendResult.Sent.class, send(b));
    }

    @Test
    void forceRefreshKillsThePreviousStableTokenAtOnce() {
        String a = stable(false);
        String b = stable(true);
        assertNotEquals(a, b);
        assertEquals(40001, assertInstanceOf(SendResult.Refused.class, send(a)).errcode());
        assertInstanceOf(SendResult.Sent.class, send(b));
        assertEquals(b, stable(false));
        assertEquals(1, sim.stats().forceRefreshes());
    }

    @Test
    void stableAndPlainTokensAreIndependent() {
        String s = stable(false);
        String p = token();
        token(); // replaces p, not s
        assertNotEquals(s, p);
        assertEquals(s, stable(false));
        stable(true); // replaces s, not p
        assertInstanceOf(SendResult.Sent.class, send(p));
    }

    @Test
    void tokenErrors() throws IOException {
        String q = "/cgi-bin/token?grant_type=client_credential&appid=" + APP.id() + "&secret=" + APP.secret();
        assertTrue(http.get(q).json().has("access_token"));
        assertEquals(40002, http.get(q.replace("client_credential", "password")).errcode());
        assertEquals(40002, http.get("/cgi-bin/token?appid=" + APP.id() + "&secret=" + APP.secret()).errcode());
        assertEquals(41002, http.get("/cgi-bin/token?grant_type=client_credential&secret=x").errcode());
        assertEquals(41004, http.get("/cgi-bin/token?grant_type=client_credential&appid=" + APP.id()).errcode());
        assertEquals(new TokenResult.Refused(40013, "invalid appid"), client.token(base, "wx-unknown", "x"));
        assertEquals(new TokenResult.Refused(40125, "invalid appsecret"), client.token(base, APP.id(), "wrong"));
        assertEquals(new TokenResult.Refused(40125, "invalid appsecret"), client.token(base, APP.id(), OTHER.secret()));
        SimulatorStats s = sim.stats();
        assertEquals(1, s.tokenErrors(40013));
        assertEquals(2, s.tokenErrors(40125));
        assertEquals(2, s.tokenErrors(40002));
    }

    @Test
    void stableTokenBodyErrors() throws IOException {
        assertEquals(44002, http.post("/cgi-bin/stable_token", "").errcode());
        assertEquals(47001, http.post("/cgi-bin/stable_token", "{not json").errcode());
        assertEquals(47001, http.post("/cgi-bin/stable_token", "[1,2]").errcode());
        assertEquals(47001, http.post("/cgi-bin/stable_token",
                "{\"grant_type\":\"client_credential\",\"appid\":\"" + APP.id() + "\",\"secret\":\"" + APP.secret()
                        + "\",\"force_refresh\":\"yes\"}").errcode());
        assertEquals(40002, http.post("/cgi-bin/stable_token", "{\"appid\":\"" + APP.id() + "\"}").errcode());
        assertEquals(41002, http.post("/cgi-bin/stable_token", "{\"grant_type\":\"client_credential\"}").errcode());
        assertEquals(new TokenResult.Refused(40013, "invalid appid"), client.stableToken(base, "wx-unknown", "x", false));
        assertEquals(new TokenResult.Refused(40125, "invalid appsecret"), client.stableToken(base, APP.id(), "bad", false));
    }

    @Test
    void tokenFaults() {
        sim.failNextToken(-1, 1);
        assertEquals(new TokenResult.Refused(-1, "simulated failure"), client.token(base, APP.id(), APP.secret()));
        token();
        // Scripted failures come after the credential checks: a bad secret does not use one up.
        sim.failNextToken(40164, 1);
        assertEquals(40125, assertInstanceOf(TokenResult.Refused.class, client.token(base, APP.id(), "bad")).errcode());
        assertEquals(40164, assertInstanceOf(TokenResult.Refused.class, client.stableToken(base, APP.id(), APP.secret(), false)).errcode());
        sim.configure(f -> f.tokenErrorRate(1.0));
        assertEquals(new TokenResult.Refused(-1, "system error"), client.token(base, APP.id(), APP.secret()));
        assertEquals(2, sim.stats().tokenErrors(-1));
    }

    @Test
    void resetKeepsTokensUnlessAsked() {
        String t = token();
        sim.reset();
        assertInstanceOf(SendResult.Sent.class, send(t));
        sim.reset(true);
        assertEquals(40001, assertInstanceOf(SendResult.Refused.class, send(t)).errcode());
    }
}
