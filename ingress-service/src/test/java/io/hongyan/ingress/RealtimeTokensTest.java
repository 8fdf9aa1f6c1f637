package io.hongyan.ingress;

import com.google.gson.JsonObject;
import io.hongyan.platform.realtime.SubscriberGrant;
import io.hongyan.platform.realtime.SubscriberTokens;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.testkit.SharedInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.hongyan.ingress.IngressFixture.ALL_APPS_KEY;
import static io.hongyan.ingress.IngressFixture.APP;
import static io.hongyan.ingress.IngressFixture.APP_ONLY_KEY;
import static io.hongyan.ingress.IngressFixture.OTHER_APP;
import static io.hongyan.ingress.IngressFixture.PUBLIC_URL;
import static io.hongyan.ingress.IngressFixture.TOKEN_SECRET;
import static io.hongyan.ingress.IngressFixture.error;
import static io.hongyan.ingress.IngressFixture.json;
import static io.hongyan.ingress.IngressFixture.postJson;
import static io.hongyan.ingress.IngressFixture.send;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** {@code POST /v1/realtime/tokens}, with a stand-in dispatch that says whose messages are whose. */
class RealtimeTokensTest {
    private static final String PATH = "/v1/realtime/tokens";
    private static final SubscriberTokens VERIFIER = new SubscriberTokens(TOKEN_SECRET, Clock.systemUTC());

    private static final FakeDispatch dispatch = new FakeDispatch();
    private static ServiceServer dispatchServer;
    private static ServiceServer ingress;

    @BeforeAll
    static void start() {
        dispatchServer = FakeDispatch.serve(dispatch);
        ingress = IngressServer.start(IngressFixture.config(IngressFixture.settings(SharedInfrastructure.nats().url(),
                "127.0.0.1:" + dispatchServer.port())));
        dispatch.records.put("m-own", DispatchMappingTest.record("m-own", APP));
        dispatch.records.put("m-foreign", DispatchMappingTest.record("m-foreign", OTHER_APP));
    }

    @AfterAll
    static void stop() {
        if (ingress != null) {
            ingress.close();
        }
        if (dispatchServer != null) {
            dispatchServer.close();
        }
    }

    @Test
    void issuedTokenVerifiesAndListsExactlyTheChannelsAsked() {
        List<String> channels = List.of("message:m-1", "app:" + OTHER_APP + ":status", "orders:eu", "app:" + APP + ":*");
        Instant before = Instant.now();

        HttpResponse<String> response = send(postJson(ingress.port(), PATH, ALL_APPS_KEY,
                "{\"channels\":[" + quoted(channels) + "],\"ttlSeconds\":600}"));

        assertThat(response.statusCode(), is(201));
        JsonObject body = json(response);
        String token = body.get("token").getAsString();
        SubscriberGrant grant = VERIFIER.verify(token).orElseThrow(() -> new AssertionError("token does not verify"));
        assertThat(grant.channels(), is(channels));
        assertThat(grant.subject(), is("api-key:all"));
        Instant expiresAt = Instant.parse(body.get("expiresAt").getAsString());
        assertThat(grant.expiresAt(), is(expiresAt));
        assertThat(Duration.between(before, expiresAt).toSeconds() >= 599
                && Duration.between(before, expiresAt).toSeconds() <= 601, is(true));
        assertThat(body.get("url").getAsString(), is(PUBLIC_URL + "?token=" + token));
    }

    @Test
    void tokenLastsAnHourByDefault() {
        Instant before = Instant.now();

        HttpResponse<String> response = send(postJson(ingress.port(), PATH, ALL_APPS_KEY, "{\"channels\":[\"orders:eu\"]}"));

        assertThat(response.statusCode(), is(201));
        long ttl = Duration.between(before, Instant.parse(json(response).get("expiresAt").getAsString())).toSeconds();
        assertThat(ttl >= 3599 && ttl <= 3601, is(true));
    }

    @Test
    void badChannelNameIsRefused() {
        for (String bad : List.of("app:" + APP + ":>", "orders.eu", "a::b", "*", "app:*:status", "")) {
            HttpResponse<String> response = send(postJson(ingress.port(), PATH, ALL_APPS_KEY,
                    "{\"channels\":[\"orders:eu\",\"" + bad + "\"]}"));

            assertThat(bad, response.statusCode(), is(400));
            JsonObject error = error(response);
            assertThat(bad, error.get("code").getAsString(), is("invalid_field"));
            assertThat(bad, error.get("field").getAsString(), is("channels"));
        }
    }

    @Test
    void channelCountMustBeOneToFifty() {
        String fiftyOne = IntStream.rangeClosed(1, 51).mapToObj(i -> "\"c:" + i + "\"").collect(Collectors.joining(","));

        HttpResponse<String> tooMany = send(postJson(ingress.port(), PATH, ALL_APPS_KEY, "{\"channels\":[" + fiftyOne + "]}"));
        HttpResponse<String> none = send(postJson(ingress.port(), PATH, ALL_APPS_KEY, "{\"channels\":[]}"));
        HttpResponse<String> missing = send(postJson(ingress.port(), PATH, ALL_APPS_KEY, "{\"ttlSeconds\":60}"));

        assertThat(tooMany.statusCode(), is(400));
        assertThat(error(tooMany).get("field").getAsString(), is("channels"));
        assertThat(none.statusCode(), is(400));
        assertThat(missing.statusCode(), is(400));
        assertThat(error(missing).get("code").getAsString(), is("missing_field"));
    }

    @Test
    void ttlMustBeOneSecondToOneDay() {
        for (String ttl : List.of("0", "86401", "-5", "1.5", "\"soon\"", "true")) {
            HttpResponse<String> response = send(postJson(ingress.port(), PATH, ALL_APPS_KEY,
                    "{\"channels\":[\"orders:eu\"],\"ttlSeconds\":" + ttl + "}"));

            assertThat(ttl, response.statusCode(), is(400));
            assertThat(ttl, error(response).get("field").getAsString(), is("ttlSeconds"));
        }
        HttpResponse<String> oneDay = send(postJson(ingress.port(), PATH, ALL_APPS_KEY,
                "{\"channels\":[\"orders:eu\"],\"ttlSeconds\":86400}"));
        assertThat(oneDay.statusCode(), is(201));
    }

    @Test
    void unknownFieldIsRefused() {
        HttpResponse<String> response = send(postJson(ingress.port(), PATH, ALL_APPS_KEY,
                "{\"channels\":[\"orders:eu\"],\"ttl\":60}"));

        assertThat(response.statusCode(), is(400));
        assertThat(error(response).get("code").getAsString(), is("invalid_json"));
    }

    @Test
    void tokenNeedsAnApiKey() {
        HttpResponse<String> response = send(postJson(ingress.port(), PATH, null, "{\"channels\":[\"orders:eu\"]}"));

        assertThat(response.statusCode(), is(401));
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""), is("Bearer"));
    }

    @Test
    void restrictedKeyGetsItsOwnAppsChannelsAndMessages() {
        List<String> channels = List.of("app:" + APP + ":inbound", "app:" + APP + ":*", "message:m-own");

        HttpResponse<String> response = send(postJson(ingress.port(), PATH, APP_ONLY_KEY,
                "{\"channels\":[" + quoted(channels) + "]}"));

        assertThat(response.statusCode(), is(201));
        assertThat(VERIFIER.verify(json(response).get("token").getAsString()).orElseThrow().channels(), is(channels));
    }

    @Test
    void restrictedKeyIsForbiddenOtherAppsChannels() {
        for (String channel : List.of("app:" + OTHER_APP + ":status", "app:" + OTHER_APP + ":*", "app:*", "orders:eu",
                "message:*", "message:m-foreign", "message:m-unknown")) {
            HttpResponse<String> response = send(postJson(ingress.port(), PATH, APP_ONLY_KEY,
                    "{\"channels\":[\"app:" + APP + ":status\",\"" + channel + "\"]}"));

            assertThat(channel, response.statusCode(), is(403));
            JsonObject error = error(response);
            assertThat(channel, error.get("code").getAsString(), is("forbidden"));
            assertThat(channel, error.get("field").getAsString(), is("channels"));
        }
    }

    private static String quoted(List<String> channels) {
        return channels.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(","));
    }
}
