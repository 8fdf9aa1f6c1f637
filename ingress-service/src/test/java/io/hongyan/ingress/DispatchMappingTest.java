package io.hongyan.ingress;

import com.google.gson.JsonObject;
import io.grpc.Status;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.MessageStatus;
import io.hongyan.proto.v1.SubmitMessageRequest;
import io.hongyan.proto.v1.SubmitMessageResponse;
import io.hongyan.testkit.SharedInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static io.hongyan.ingress.IngressFixture.ALL_APPS_KEY;
import static io.hongyan.ingress.IngressFixture.APP;
import static io.hongyan.ingress.IngressFixture.APP_ONLY_KEY;
import static io.hongyan.ingress.IngressFixture.OTHER_APP;
import static io.hongyan.ingress.IngressFixture.error;
import static io.hongyan.ingress.IngressFixture.json;
import static io.hongyan.ingress.IngressFixture.postJson;
import static io.hongyan.ingress.IngressFixture.request;
import static io.hongyan.ingress.IngressFixture.send;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** How ingress turns dispatch's answers into HTTP, against a stand-in dispatch on a real gRPC port. */
class DispatchMappingTest {
    private static final String MESSAGE = "{\"recipient\":\"o9AgO5Kd5ggOC-bXrbNODIiE3bGY\","
            + "\"template\":{\"templateId\":\"tpl-1\",\"data\":{\"first\":{\"value\":\"hi\"}}}}";

    private static final FakeDispatch dispatch = new FakeDispatch();
    private static ServiceServer dispatchServer;
    private static ServiceServer ingress;

    @BeforeAll
    static void start() {
        dispatchServer = FakeDispatch.serve(dispatch);
        Map<String, String> settings = IngressFixture.settings(SharedInfrastructure.nats().url(),
                "127.0.0.1:" + dispatchServer.port());
        settings.put("ingress.dispatch.deadline", "PT1S");
        ingress = IngressServer.start(IngressFixture.config(settings));
        // The first call pays for connecting and class loading; keep that out of the deadline test.
        send(request(ingress.port(), "/v1/messages/warm-up").header("Authorization", "Bearer " + ALL_APPS_KEY).GET());
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
    void acceptedMessageIs202WithLocationAndTheProtoJsonAnswer() {
        dispatch.onSubmit.set(request -> SubmitMessageResponse.newBuilder().setMessageId("m-123")
                .setStatus(MessageStatus.ACCEPTED).build());

        HttpResponse<String> response = send(postJson(ingress.port(), "/v1/apps/" + APP + "/messages", ALL_APPS_KEY, MESSAGE)
                .header("Idempotency-Key", "order-42"));

        assertThat(response.statusCode(), is(202));
        assertThat(response.headers().firstValue("Location").orElse(""), is("/v1/messages/m-123"));
        JsonObject body = json(response);
        assertThat(body.get("messageId").getAsString(), is("m-123"));
        assertThat(body.get("status").getAsString(), is("ACCEPTED"));
        assertThat(body.get("duplicate").getAsBoolean(), is(false));
        SubmitMessageRequest seen = dispatch.lastSubmit.get();
        assertThat(seen.getAppId(), is(APP));
        assertThat(seen.getIdempotencyKey(), is("order-42"));
        assertThat(seen.getTemplate().getDataMap().get("first").getValue(), is("hi"));
    }

    @Test
    void invalidArgumentBecomes400WithDispatchsCodeFieldAndMessage() {
        dispatch.onSubmit.set(request -> {
            throw FakeDispatch.error(Status.INVALID_ARGUMENT, "template.templateId is required", "missing_field",
                    "template.templateId");
        });

        HttpResponse<String> response = send(postJson(ingress.port(), "/v1/apps/" + APP + "/messages", ALL_APPS_KEY, MESSAGE));

        assertThat(response.statusCode(), is(400));
        JsonObject error = error(response);
        assertThat(error.get("code").getAsString(), is("missing_field"));
        assertThat(error.get("field").getAsString(), is("template.templateId"));
        assertThat(error.get("message").getAsString(), is("template.templateId is required"));
    }

    @Test
    void unknownAppBecomes404() {
        dispatch.onSubmit.set(request -> {
            throw FakeDispatch.error(Status.NOT_FOUND, "app is not configured", "unknown_app", "appId");
        });

        HttpResponse<String> response = send(postJson(ingress.port(), "/v1/apps/" + APP + "/messages", ALL_APPS_KEY, MESSAGE));

        assertThat(response.statusCode(), is(404));
        assertThat(error(response).get("code").getAsString(), is("unknown_app"));
    }

    @Test
    void exhaustedDispatchBecomes503WithRetryAfter() {
        dispatch.onSubmit.set(request -> {
            throw FakeDispatch.error(Status.RESOURCE_EXHAUSTED, "stream full", null, null);
        });

        HttpResponse<String> response = send(postJson(ingress.port(), "/v1/apps/" + APP + "/messages", ALL_APPS_KEY, MESSAGE));

        assertThat(response.statusCode(), is(503));
        assertThat(error(response).get("code").getAsString(), is("overloaded"));
        assertThat(response.headers().firstValue("Retry-After").isPresent(), is(true));
    }

    @Test
    void unavailableDispatchBecomes503WithRetryAfter() {
        dispatch.onSubmit.set(request -> {
            throw FakeDispatch.error(Status.UNAVAILABLE, "JetStream not answering", null, null);
        });

        HttpResponse<String> response = send(postJson(ingress.port(), "/v1/apps/" + APP + "/messages", ALL_APPS_KEY, MESSAGE));

        assertThat(response.statusCode(), is(503));
        assertThat(error(response).get("code").getAsString(), is("unavailable"));
        assertThat(response.headers().firstValue("Retry-After").isPresent(), is(true));
    }

    @Test
    void slowDispatchBecomes504() {
        dispatch.onSubmit.set(request -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return SubmitMessageResponse.newBuilder().setMessageId("too-late").build();
        });

        HttpResponse<String> response = send(postJson(ingress.port(), "/v1/apps/" + APP + "/messages", ALL_APPS_KEY, MESSAGE));

        assertThat(response.statusCode(), is(504));
        assertThat(error(response).get("code").getAsString(), is("timeout"));
    }

    @Test
    void otherFailuresBecomeABare500WithoutInternals() {
        dispatch.onSubmit.set(request -> {
            throw FakeDispatch.error(Status.INTERNAL, "redis at 10.0.0.7 said WRONGPASS", "oops", "secret");
        });

        HttpResponse<String> response = send(postJson(ingress.port(), "/v1/apps/" + APP + "/messages", ALL_APPS_KEY, MESSAGE));

        assertThat(response.statusCode(), is(500));
        JsonObject error = error(response);
        assertThat(error.get("code").getAsString(), is("internal"));
        assertThat(error.has("field"), is(false));
        assertThat(response.body(), not(containsString("WRONGPASS")));
    }

    @Test
    void messageRecordIsReturnedAsItself() {
        dispatch.records.put("m-read", record("m-read", APP));

        HttpResponse<String> response = send(request(ingress.port(), "/v1/messages/m-read")
                .header("Authorization", "Bearer " + APP_ONLY_KEY).GET());

        assertThat(response.statusCode(), is(200));
        JsonObject record = json(response);
        assertThat(record.get("messageId").getAsString(), is("m-read"));
        assertThat(record.get("appId").getAsString(), is(APP));
        assertThat(record.get("status").getAsString(), is("SENT"));
        assertThat(record.get("wechatMsgid").getAsString(), is("200228332"));
    }

    @Test
    void unknownMessageIs404() {
        HttpResponse<String> response = send(request(ingress.port(), "/v1/messages/m-nobody-knows")
                .header("Authorization", "Bearer " + ALL_APPS_KEY).GET());

        assertThat(response.statusCode(), is(404));
        assertThat(error(response).get("code").getAsString(), is("not_found"));
    }

    @Test
    void keyRestrictedToOneAppCannotSeeAnotherAppsMessage() {
        dispatch.records.put("m-other", record("m-other", OTHER_APP));

        HttpResponse<String> restricted = send(request(ingress.port(), "/v1/messages/m-other")
                .header("Authorization", "Bearer " + APP_ONLY_KEY).GET());
        HttpResponse<String> unrestricted = send(request(ingress.port(), "/v1/messages/m-other")
                .header("Authorization", "Bearer " + ALL_APPS_KEY).GET());

        assertThat(restricted.statusCode(), is(404));
        assertThat(error(restricted).get("code").getAsString(), is("not_found"));
        assertThat(unrestricted.statusCode(), is(200));
    }

    static MessageRecord record(String id, String appId) {
        return MessageRecord.newBuilder().setMessageId(id).setAppId(appId).setRecipient("o1")
                .setStatus(MessageStatus.SENT).setAttempts(1).setWechatMsgid(200228332L).setKind("template").build();
    }
}
