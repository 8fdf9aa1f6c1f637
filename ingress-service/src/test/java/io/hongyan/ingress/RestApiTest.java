package io.hongyan.ingress;

import com.google.gson.JsonObject;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.testkit.FreePorts;
import io.hongyan.testkit.SharedInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.hongyan.ingress.IngressFixture.ALL_APPS_KEY;
import static io.hongyan.ingress.IngressFixture.APP;
import static io.hongyan.ingress.IngressFixture.APP_ONLY_KEY;
import static io.hongyan.ingress.IngressFixture.OTHER_APP;
import static io.hongyan.ingress.IngressFixture.error;
import static io.hongyan.ingress.IngressFixture.postJson;
import static io.hongyan.ingress.IngressFixture.request;
import static io.hongyan.ingress.IngressFixture.send;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * The REST API's refusals that need no dispatch: auth, body rules, and dispatch being
 * unreachable (it points at a port nobody listens on).
 */
class RestApiTest {
    private static final String VALID_MESSAGE = "{\"recipient\":\"o9AgO5Kd5ggOC-bXrbNODIiE3bGY\","
            + "\"template\":{\"templateId\":\"tpl-1\",\"data\":{\"first\":{\"value\":\"hi\"}}}}";

    private static ServiceServer ingress;

    @BeforeAll
    static void start() {
        ingress = IngressServer.start(IngressFixture.config(
                IngressFixture.settings(SharedInfrastructure.nats().url(), "127.0.0.1:" + FreePorts.next())));
    }

    @AfterAll
    static void stop() {
        if (ingress != null) {
            ingress.close();
        }
    }

    @Test
    void missingApiKeyIsUnauthorizedWithChallenge() {
        HttpResponse<String> response = send(postJson(ingress.port(), messagesOf(APP), null, VALID_MESSAGE));

        assertThat(response.statusCode(), is(401));
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""), is("Bearer"));
        assertThat(error(response).get("code").getAsString(), is("unauthorized"));
    }

    @Test
    void unknownApiKeyIsUnauthorized() {
        HttpResponse<String> response = send(postJson(ingress.port(), messagesOf(APP), ALL_APPS_KEY + "x", VALID_MESSAGE));

        assertThat(response.statusCode(), is(401));
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""), is("Bearer"));
        assertThat(error(response).get("code").getAsString(), is("unauthorized"));
    }

    @Test
    void keyInAnotherSchemeIsUnauthorized() {
        HttpResponse<String> response = send(request(ingress.port(), messagesOf(APP))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + ALL_APPS_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(VALID_MESSAGE)));

        assertThat(response.statusCode(), is(401));
        assertThat(error(response).get("code").getAsString(), is("unauthorized"));
    }

    @Test
    void readingAMessageNeedsAKey() {
        HttpResponse<String> response = send(request(ingress.port(), "/v1/messages/m-1").GET());

        assertThat(response.statusCode(), is(401));
        assertThat(error(response).get("code").getAsString(), is("unauthorized"));
    }

    @Test
    void keyRestrictedToAnotherAppIsForbidden() {
        HttpResponse<String> response = send(postJson(ingress.port(), messagesOf(OTHER_APP), APP_ONLY_KEY, VALID_MESSAGE));

        assertThat(response.statusCode(), is(403));
        assertThat(error(response).get("code").getAsString(), is("forbidden"));
    }

    @Test
    void malformedJsonIsRefused() {
        HttpResponse<String> response = send(postJson(ingress.port(), messagesOf(APP), ALL_APPS_KEY, "{\"recipient\": "));

        assertThat(response.statusCode(), is(400));
        assertThat(error(response).get("code").getAsString(), is("malformed_json"));
    }

    @Test
    void lenientJsonIsRefused() {
        HttpResponse<String> response = send(postJson(ingress.port(), messagesOf(APP), ALL_APPS_KEY, "{recipient: 'o1'}"));

        assertThat(response.statusCode(), is(400));
        assertThat(error(response).get("code").getAsString(), is("malformed_json"));
    }

    @Test
    void dataAfterTheJsonObjectIsRefused() {
        HttpResponse<String> response = send(postJson(ingress.port(), messagesOf(APP), ALL_APPS_KEY, VALID_MESSAGE + "{}"));

        assertThat(response.statusCode(), is(400));
        assertThat(error(response).get("code").getAsString(), is("malformed_json"));
    }

    @Test
    void nonObjectJsonIsRefused() {
        HttpResponse<String> response = send(postJson(ingress.port(), messagesOf(APP), ALL_APPS_KEY, "[1,2]"));

        assertThat(response.statusCode(), is(400));
        assertThat(error(response).get("code").getAsString(), is("malformed_json"));
    }

    @Test
    void unknownFieldIsRefusedByName() {
        HttpResponse<String> response = send(postJson(ingress.port(), messagesOf(APP), ALL_APPS_KEY,
                "{\"recipient\":\"o1\",\"recipent_typo\":\"o2\"}"));

        assertThat(response.statusCode(), is(400));
        JsonObject error = error(response);
        assertThat(error.get("code").getAsString(), is("invalid_json"));
        assertThat(error.get("message").getAsString(), containsString("recipent_typo"));
    }

    @Test
    void wrongFieldTypeIsRefused() {
        HttpResponse<String> response = send(postJson(ingress.port(), messagesOf(APP), ALL_APPS_KEY,
                "{\"recipient\":\"o1\",\"template\":\"not an object\"}"));

        assertThat(response.statusCode(), is(400));
        assertThat(error(response).get("code").getAsString(), is("invalid_json"));
    }

    @Test
    void oversizedBodyIsRefused() {
        String big = "{\"recipient\":\"o1\",\"template\":{\"templateId\":\"" + "x".repeat(64 * 1024) + "\"}}";

        HttpResponse<String> response = send(postJson(ingress.port(), messagesOf(APP), ALL_APPS_KEY, big));

        assertThat(response.statusCode(), is(413));
        assertThat(error(response).get("code").getAsString(), is("payload_too_large"));
    }

    @Test
    void nonJsonContentTypeIsRefused() {
        HttpResponse<String> response = send(request(ingress.port(), messagesOf(APP))
                .header("Content-Type", "text/plain").header("Authorization", "Bearer " + ALL_APPS_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(VALID_MESSAGE)));

        assertThat(response.statusCode(), is(415));
        assertThat(error(response).get("code").getAsString(), is("unsupported_media_type"));
    }

    @Test
    void appIdInBodyMustMatchThePath() {
        HttpResponse<String> response = send(postJson(ingress.port(), messagesOf(APP), ALL_APPS_KEY,
                "{\"appId\":\"" + OTHER_APP + "\",\"recipient\":\"o1\"}"));

        assertThat(response.statusCode(), is(400));
        JsonObject error = error(response);
        assertThat(error.get("code").getAsString(), is("invalid_field"));
        assertThat(error.get("field").getAsString(), is("appId"));
    }

    @Test
    void unreachableDispatchIsServiceUnavailableWithRetryAfter() {
        HttpResponse<String> response = send(postJson(ingress.port(), messagesOf(APP), ALL_APPS_KEY, VALID_MESSAGE));

        assertThat(response.statusCode(), is(503));
        assertThat(error(response).get("code").getAsString(), is("unavailable"));
        int retryAfter = Integer.parseInt(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter >= 1 && retryAfter <= 5, is(true));
    }

    @Test
    void readingWhileDispatchIsUnreachableIsServiceUnavailable() {
        HttpResponse<String> response = send(request(ingress.port(), "/v1/messages/m-1")
                .header("Authorization", "Bearer " + ALL_APPS_KEY).GET());

        assertThat(response.statusCode(), is(503));
        assertThat(response.headers().firstValue("Retry-After").isPresent(), is(true));
        assertThat(error(response).has("field"), is(false));
    }

    @Test
    void unknownEndpointIsAJsonNotFound() {
        HttpResponse<String> response = send(request(ingress.port(), "/v1/no-such-thing")
                .header("Authorization", "Bearer " + ALL_APPS_KEY).GET());

        assertThat(response.statusCode(), is(404));
        assertThat(error(response).get("code").getAsString(), is("not_found"));
    }

    @Test
    void rejectionsAreCountedByCode() {
        send(postJson(ingress.port(), messagesOf(APP), null, VALID_MESSAGE));

        HttpResponse<String> metrics = send(request(ingress.port(), "/observe/metrics").header("Accept", "text/plain").GET());

        assertThat(metrics.body(), containsString("hongyan_ingress_rejections_total{code=\"unauthorized\""));
        assertThat(metrics.body(), not(containsString(ALL_APPS_KEY)));
    }

    private static String messagesOf(String appId) {
        return "/v1/apps/" + appId + "/messages";
    }
}
