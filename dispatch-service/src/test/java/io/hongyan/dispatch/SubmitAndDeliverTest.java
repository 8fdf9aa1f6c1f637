package io.hongyan.dispatch;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hongyan.platform.realtime.Channels;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.platform.tracing.Tracing;
import io.hongyan.proto.v1.DispatchServiceGrpc;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.MessageStatus;
import io.hongyan.proto.v1.StatusEvent;
import io.hongyan.proto.v1.SubmitMessageRequest;
import io.hongyan.proto.v1.SubmitMessageResponse;
import io.hongyan.simulator.Delivery;
import io.hongyan.simulator.MessageQuery;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static io.hongyan.dispatch.DispatchHarness.APP;
import static io.hongyan.dispatch.DispatchHarness.awaitStatus;
import static io.hongyan.dispatch.DispatchHarness.template;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** The happy path end to end: submit → stream → sender → token-service → WeChat (simulator). */
class SubmitAndDeliverTest {
    private static DispatchHarness harness;
    private DispatchServiceGrpc.DispatchServiceBlockingStub dispatch;
    private ServiceServer server;

    @BeforeAll
    static void startWorld() {
        harness = new DispatchHarness();
    }

    @AfterAll
    static void stopWorld() throws InterruptedException {
        harness.close();
    }

    @BeforeEach
    void startDispatch() {
        harness.reset();
        server = harness.startDispatch();
        dispatch = harness.stub(server);
    }

    @Test
    void templateMessageIsSentWithTheExactBodyAndTheIssuedToken() {
        SubmitMessageResponse response = dispatch.submitMessage(template("openid-alice"));

        assertThat(response.getStatus(), is(MessageStatus.ACCEPTED));
        assertThat(response.getDuplicate(), is(false));
        String id = response.getMessageId();
        MessageRecord sent = awaitStatus(dispatch, id, MessageStatus.SENT);

        List<Delivery> deliveries = harness.simulator.messages();
        assertThat(deliveries, hasSize(1));
        Delivery delivery = deliveries.getFirst();
        JsonObject expected = JsonParser.parseString("""
                {"touser":"openid-alice","template_id":"tmpl-order-shipped",
                 "data":{"first":{"value":"Your order has shipped"},"keyword1":{"value":"SF123456","color":"#173177"}}}
                """).getAsJsonObject();
        expected.addProperty("client_msg_id", id);
        assertThat(JsonParser.parseString(delivery.body()), is(expected));
        assertThat(delivery.endpoint(), is("template"));
        assertThat(delivery.clientMsgId(), is(id));
        // The token token-service issued (and cached) is the one WeChat got.
        assertThat(delivery.accessToken(), is(harness.cachedAccessToken()));
        assertThat(harness.simulator.stats().tokenCalls(), is(1L));

        assertThat(sent.getWechatMsgid(), is(delivery.msgid()));
        assertThat(sent.getAttempts(), is(1));
        assertThat(sent.getLastErrcode(), is(0));
        assertThat(sent.getAppId(), is(APP.id()));
        assertThat(sent.getRecipient(), is("openid-alice"));
        assertThat(sent.getKind(), is("template"));
        assertThat(sent.hasAcceptedAt(), is(true));
        assertThat(sent.getUpdatedAt().getSeconds() >= sent.getAcceptedAt().getSeconds(), is(true));
    }

    @Test
    void sameIdempotencyKeyGivesTheSameIdAndOneDelivery() {
        SubmitMessageRequest request = template("openid-bob").toBuilder().setIdempotencyKey("order-42-shipped").build();

        SubmitMessageResponse first = dispatch.submitMessage(request);
        SubmitMessageResponse second = dispatch.submitMessage(request);
        awaitStatus(dispatch, first.getMessageId(), MessageStatus.SENT);
        SubmitMessageResponse third = dispatch.submitMessage(request);

        assertThat(first.getDuplicate(), is(false));
        assertThat(second.getMessageId(), is(first.getMessageId()));
        assertThat(second.getDuplicate(), is(true));
        assertThat(third.getMessageId(), is(first.getMessageId()));
        assertThat(third.getDuplicate(), is(true));
        assertThat(third.getStatus(), is(MessageStatus.SENT));
        DispatchHarness.pause(Duration.ofMillis(300)); // a second delivery, if any, would show by now
        assertThat(harness.simulator.stats().sendCalls(), is(1L));
        assertThat(harness.streamLastSequence(), is(1L));
    }

    @Test
    void idempotencyKeysAreSeparatePerKey() {
        SubmitMessageResponse one = dispatch.submitMessage(template("openid-bob").toBuilder().setIdempotencyKey("k1").build());
        SubmitMessageResponse two = dispatch.submitMessage(template("openid-bob").toBuilder().setIdempotencyKey("k2").build());

        assertThat(two.getMessageId(), not(is(one.getMessageId())));
        assertThat(two.getDuplicate(), is(false));
        awaitStatus(dispatch, one.getMessageId(), MessageStatus.SENT);
        awaitStatus(dispatch, two.getMessageId(), MessageStatus.SENT);
    }

    @Test
    void statusEventsArriveInOrderOnBothChannels() {
        try (DispatchHarness.EventLog appChannel = harness.subscribeToAppStatus();
             DispatchHarness.EventLog messageChannels = harness.subscribe(Channels.SUBJECT_PREFIX + "message.*")) {
            String id = dispatch.submitMessage(template("openid-carol")).getMessageId();
            awaitStatus(dispatch, id, MessageStatus.SENT);
            DispatchHarness.await("three events on each channel",
                    () -> appChannel.statuses(id).size() >= 3 && messageChannels.statuses(id).size() >= 3);

            for (DispatchHarness.EventLog channel : List.of(appChannel, messageChannels)) {
                assertThat(channel.statuses(id), contains(MessageStatus.ACCEPTED, MessageStatus.SENDING, MessageStatus.SENT));
                assertThat(channel.events(id).stream().map(StatusEvent::getPreviousStatus).toList(),
                        contains(MessageStatus.MESSAGE_STATUS_UNSPECIFIED, MessageStatus.ACCEPTED, MessageStatus.SENDING));
            }
            StatusEvent sent = appChannel.events(id).getLast();
            assertThat(sent.getRecord().getAttempts(), is(1));
            assertThat(sent.getRecord().getWechatMsgid() > 0, is(true));
        }
    }

    @Test
    void submitsSendsAndTheSenderPoolAreMeasuredAndHealthIsReported() throws Exception {
        String id = dispatch.submitMessage(template("openid-erin")).getMessageId();
        awaitStatus(dispatch, id, MessageStatus.SENT);

        String metrics = http("/observe/metrics");
        assertThat(metrics, containsString("hongyan_dispatch_submits_total{result=\"accepted\""));
        assertThat(metrics, containsString("hongyan_dispatch_sends_total{app=\"" + APP.id() + "\",class=\"ok\""));
        assertThat(metrics, containsString("hongyan_dispatch_senders_busy"));
        assertThat(metrics, containsString("hongyan_dispatch_backlog"));
        String health = http("/observe/health");
        assertThat(health, containsString("\"name\":\"redis\",\"status\":\"UP\""));
        assertThat(health, containsString("\"name\":\"nats\",\"status\":\"UP\""));
    }

    private String http(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(path, response.statusCode(), is(200));
            return response.body();
        }
    }

    @Test
    void theWeChatCallContinuesTheSubmittersTrace() {
        Span span = Tracing.tracer().spanBuilder("test client").startSpan();
        String id;
        try (Scope ignored = span.makeCurrent()) {
            id = dispatch.submitMessage(template("openid-dave")).getMessageId();
        } finally {
            span.end();
        }
        awaitStatus(dispatch, id, MessageStatus.SENT);

        Delivery delivery = harness.simulator.messages(new MessageQuery(null, null, id, 1)).getFirst();
        String traceId = span.getSpanContext().getTraceId();
        assertThat(traceId, not(is("00000000000000000000000000000000")));
        assertThat(delivery.traceparent(), startsWith("00-" + traceId + "-"));
    }
}
