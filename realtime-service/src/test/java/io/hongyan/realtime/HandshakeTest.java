package io.hongyan.realtime;

import io.hongyan.platform.config.MissingConfigurationException;
import io.hongyan.platform.realtime.SubscriberGrant;
import io.hongyan.platform.realtime.SubscriberTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A WebSocket upgrade without a valid subscriber token is refused with HTTP 401 before any frame. */
class HandshakeTest {
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
    void missingTokenIsRefusedWith401() {
        assertEquals(401, refusedStatus(null));
    }

    @Test
    void malformedTokenIsRefusedWith401() {
        assertEquals(401, refusedStatus("not-a-token"));
        String valid = RealtimeFixture.token("x:y");
        assertEquals(401, refusedStatus(valid.substring(0, valid.length() - 2) + "AA"), "tampered signature");
    }

    @Test
    void expiredTokenIsRefusedWith401() {
        String expired = RealtimeFixture.TOKENS.issue(
                new SubscriberGrant("s", List.of("x:y"), Instant.now().minusSeconds(1)));
        assertEquals(401, refusedStatus(expired));
    }

    @Test
    void tokenSignedWithAnotherSecretIsRefusedWith401() {
        String foreign = new SubscriberTokens("another-secret-another-secret-0123456789", Clock.systemUTC())
                .issue(new SubscriberGrant("s", List.of("x:y"), Instant.now().plusSeconds(60)));
        assertEquals(401, refusedStatus(foreign));
    }

    @Test
    void validTokenOpensTheSocket() throws Exception {
        try (WsTestClient client = realtime.connect("x:y")) {
            client.send("{\"op\":\"ping\"}");
            assertEquals("pong", client.next().get("op").getAsString());
        }
    }

    @Test
    void plainHttpGetsJsonErrors() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + realtime.port() + "/v1/ws")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, noToken.statusCode());
        assertThat(noToken.body(), containsString("\"code\":\"unauthorized\""));

        HttpResponse<String> notUpgraded = http.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + realtime.port() + "/v1/ws?token=" + RealtimeFixture.token("x:y"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(426, notUpgraded.statusCode());
    }

    @Test
    void refusesToStartWithoutTokenSecret() {
        MissingConfigurationException missing = assertThrows(MissingConfigurationException.class,
                () -> RealtimeServer.start(RealtimeFixture.config(Map.of("hongyan.realtime.token-secret", ""))));
        assertThat(missing.getMessage(), containsString("hongyan.realtime.token-secret"));
    }

    @Test
    void refusesToStartWithAShortTokenSecret() {
        String shortSecret = "too-short-secret";
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RealtimeServer.start(RealtimeFixture.config(Map.of("hongyan.realtime.token-secret", shortSecret))));
        assertThat(refused.getMessage(), not(containsString(shortSecret)));
    }

    private static int refusedStatus(String token) {
        CompletionException failed = assertThrows(CompletionException.class,
                () -> WsTestClient.open(realtime.port(), token, new WebSocket.Listener() {
                }).orTimeout(5, TimeUnit.SECONDS).join());
        assertThat(failed.getCause(), instanceOf(WebSocketHandshakeException.class));
        return ((WebSocketHandshakeException) failed.getCause()).getResponse().statusCode();
    }
}
