package io.hongyan.dispatch;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hongyan.dispatch.grpc.DispatchGrpcService;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.proto.v1.CustomerServiceContent;
import io.hongyan.proto.v1.CustomerServiceText;
import io.hongyan.proto.v1.DispatchServiceGrpc;
import io.hongyan.proto.v1.GetMessageRequest;
import io.hongyan.proto.v1.SubmitMessageRequest;
import io.hongyan.proto.v1.SubscribeContent;
import io.hongyan.proto.v1.TemplateContent;
import io.hongyan.proto.v1.TemplateValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.hongyan.dispatch.DispatchHarness.APP;
import static io.hongyan.dispatch.DispatchHarness.template;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.isEmptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every rule on bad input: the status code, the error trailers, and no state left behind (no Redis
 * key, nothing ever published to the stream). Senders are off, so a message that slipped into the
 * stream would stay there.
 */
class SubmitValidationTest {
    private static DispatchHarness harness;
    private DispatchServiceGrpc.DispatchServiceBlockingStub dispatch;

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
        ServiceServer server = harness.startDispatch(Map.of("dispatch.senders.enabled", "false"));
        dispatch = harness.stub(server);
    }

    static Stream<Arguments> badRequests() {
        SubmitMessageRequest good = template("openid-alice").toBuilder().setIdempotencyKey("key-1").build();
        TemplateContent.Builder fiftyOneKeys = good.getTemplate().toBuilder().clearData();
        IntStream.range(0, 51).forEach(i -> fiftyOneKeys.putData("k" + i, TemplateValue.newBuilder().setValue("v").build()));
        return Stream.of(
                Arguments.of("no app", good.toBuilder().clearAppId().build(),
                        Status.Code.INVALID_ARGUMENT, "missing_field", "appId"),
                Arguments.of("unknown app", good.toBuilder().setAppId("wx9999999999999999").build(),
                        Status.Code.NOT_FOUND, "unknown_app", "appId"),
                Arguments.of("no recipient", good.toBuilder().setRecipient("  ").build(),
                        Status.Code.INVALID_ARGUMENT, "missing_field", "recipient"),
                Arguments.of("recipient too long", good.toBuilder().setRecipient("o".repeat(129)).build(),
                        Status.Code.INVALID_ARGUMENT, "invalid_field", "recipient"),
                Arguments.of("no content", good.toBuilder().clearTemplate().build(),
                        Status.Code.INVALID_ARGUMENT, "missing_field", "content"),
                Arguments.of("template without template id",
                        good.toBuilder().setTemplate(good.getTemplate().toBuilder().clearTemplateId()).build(),
                        Status.Code.INVALID_ARGUMENT, "missing_field", "template.templateId"),
                Arguments.of("template with 51 data keys", good.toBuilder().setTemplate(fiftyOneKeys).build(),
                        Status.Code.INVALID_ARGUMENT, "invalid_field", "template.data"),
                Arguments.of("template data value over 1 KiB",
                        good.toBuilder().setTemplate(good.getTemplate().toBuilder()
                                .putData("first", TemplateValue.newBuilder().setValue("字".repeat(342)).build())).build(),
                        Status.Code.INVALID_ARGUMENT, "invalid_field", "template.data"),
                Arguments.of("subscribe without template id",
                        good.toBuilder().setSubscribe(SubscribeContent.newBuilder().setPage("index")).build(),
                        Status.Code.INVALID_ARGUMENT, "missing_field", "subscribe.templateId"),
                Arguments.of("subscribe with an unknown miniprogram state",
                        good.toBuilder().setSubscribe(SubscribeContent.newBuilder().setTemplateId("t").setMiniprogramState("beta")).build(),
                        Status.Code.INVALID_ARGUMENT, "invalid_field", "subscribe.miniprogramState"),
                Arguments.of("subscribe with an unknown language",
                        good.toBuilder().setSubscribe(SubscribeContent.newBuilder().setTemplateId("t").setLang("fr_FR")).build(),
                        Status.Code.INVALID_ARGUMENT, "invalid_field", "subscribe.lang"),
                Arguments.of("customer service without a body",
                        good.toBuilder().setCustomerService(CustomerServiceContent.getDefaultInstance()).build(),
                        Status.Code.INVALID_ARGUMENT, "missing_field", "customerService.text"),
                Arguments.of("customer service text without content",
                        good.toBuilder().setCustomerService(CustomerServiceContent.newBuilder()
                                .setText(CustomerServiceText.getDefaultInstance())).build(),
                        Status.Code.INVALID_ARGUMENT, "missing_field", "customerService.text.content"),
                Arguments.of("idempotency key too long", good.toBuilder().setIdempotencyKey("k".repeat(129)).build(),
                        Status.Code.INVALID_ARGUMENT, "invalid_field", "idempotencyKey"),
                Arguments.of("message over 64 KiB",
                        good.toBuilder().setCustomerService(CustomerServiceContent.newBuilder()
                                .setText(CustomerServiceText.newBuilder().setContent("x".repeat(64 * 1024)))).build(),
                        Status.Code.INVALID_ARGUMENT, "too_large", "content"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputIsRefusedAndLeavesNoState(String what, SubmitMessageRequest request, Status.Code code,
                                           String errorCode, String field) {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> dispatch.submitMessage(request));

        assertThat(refused.getStatus().getCode(), is(code));
        assertThat(refused.getStatus().getDescription(), not(isEmptyOrNullString()));
        Metadata trailers = refused.getTrailers();
        assertThat(trailers.get(DispatchGrpcService.ERROR_CODE), is(errorCode));
        assertThat(trailers.get(DispatchGrpcService.ERROR_FIELD), is(field));
        assertThat("Redis keys", harness.redis.dbSize(), is(0L));
        assertThat("stream messages ever", harness.streamLastSequence(), is(0L));
    }

    @Test
    void theLargestAllowedMessageIsAccepted() {
        // The same shapes as the refused ones, just inside the limits: the rules are not stricter than stated.
        TemplateContent.Builder fiftyKeys = TemplateContent.newBuilder().setTemplateId("t".repeat(128));
        IntStream.range(0, 50).forEach(i -> fiftyKeys.putData("k".repeat(62) + String.format("%02d", i),
                TemplateValue.newBuilder().setValue("字".repeat(341)).build()));
        SubmitMessageRequest request = SubmitMessageRequest.newBuilder()
                .setAppId(APP.id())
                .setRecipient("o".repeat(128))
                .setIdempotencyKey("k".repeat(128))
                .setTemplate(fiftyKeys)
                .build();

        assertThat(dispatch.submitMessage(request).getDuplicate(), is(false));
        assertThat(harness.streamLastSequence(), is(1L));
    }

    @Test
    void aFullStreamRefusesWithResourceExhaustedAndFreesTheIdempotencyKey() {
        harness.closeDispatch();
        dispatch = harness.stub(harness.startDispatch(Map.of(
                "dispatch.senders.enabled", "false", "dispatch.stream.max-bytes", "2048")));
        int accepted = 0;
        StatusRuntimeException refused = null;
        while (refused == null && accepted < 50) {
            try {
                dispatch.submitMessage(template("openid-" + accepted).toBuilder().setIdempotencyKey("fill-" + accepted).build());
                accepted++;
            } catch (StatusRuntimeException e) {
                refused = e;
            }
        }

        assertThat("accepted before the stream was full", accepted > 0, is(true));
        assertThat(refused == null ? null : refused.getStatus().getCode(), is(Status.Code.RESOURCE_EXHAUSTED));
        // The refused submit's key is free again: nothing of it is left, and a retry is not a "duplicate".
        assertThat(harness.redis.exists("hy:{" + APP.id() + "}:idem:fill-" + accepted), is(false));
        assertThat(harness.redis.exists("hy:{" + APP.id() + "}:idem:fill-0"), is(true));
    }

    @Test
    void getMessageOfAnUnknownIdIsNotFound() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> dispatch.getMessage(GetMessageRequest.newBuilder().setMessageId("no-such-message").build()));

        assertThat(refused.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(refused.getTrailers().get(DispatchGrpcService.ERROR_CODE), is("not_found"));
        assertThat(refused.getTrailers().get(DispatchGrpcService.ERROR_FIELD), is("messageId"));
    }

    @Test
    void getMessageWithoutAnIdIsInvalid() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> dispatch.getMessage(GetMessageRequest.getDefaultInstance()));

        assertThat(refused.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        assertThat(refused.getTrailers().get(DispatchGrpcService.ERROR_CODE), is("missing_field"));
        assertThat(refused.getTrailers().get(DispatchGrpcService.ERROR_FIELD), is("messageId"));
    }
}
