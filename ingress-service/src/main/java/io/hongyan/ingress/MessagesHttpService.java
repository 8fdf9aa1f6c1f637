package io.hongyan.ingress;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.SubmitMessageRequest;
import io.hongyan.proto.v1.SubmitMessageResponse;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The REST face of dispatch: {@code POST /v1/apps/{appId}/messages} submits one message,
 * {@code GET /v1/messages/{messageId}} reads its status record. Bodies are the proto3 JSON form
 * of the contract's messages (lowerCamelCase, enums by name, int64 as strings; unknown fields
 * refused); validation of the content is dispatch's, and its errors pass through.
 */
public final class MessagesHttpService implements HttpService {
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer()
            .alwaysPrintFieldsWithNoPresence()
            .omittingInsignificantWhitespace();

    private final ApiKeyAuthenticator authenticator;
    private final Dispatch dispatch;
    private final BodyLimit bodyLimit;

    public MessagesHttpService(ApiKeyAuthenticator authenticator, Dispatch dispatch, BodyLimit bodyLimit) {
        this.authenticator = authenticator;
        this.dispatch = dispatch;
        this.bodyLimit = bodyLimit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/apps/{appId}/messages", this::submit)
                .get("/v1/messages/{messageId}", this::get);
    }

    private void submit(ServerRequest request, ServerResponse response) {
        String appId = request.path().pathParameters().get("appId");
        authenticator.authenticateFor(request, appId);
        SubmitMessageRequest.Builder message = merge(JsonRequestBody.read(request, bodyLimit),
                SubmitMessageRequest.newBuilder());
        if (!message.getAppId().isEmpty() && !message.getAppId().equals(appId)) {
            throw ApiError.ofField(Status.BAD_REQUEST_400, "invalid_field",
                    "appId in the body differs from the app in the path; leave it out", "appId").asException();
        }
        message.setAppId(appId);
        Optional<String> idempotencyKey = request.headers().first(HeaderNames.create("Idempotency-Key"));
        if (idempotencyKey.isPresent()) {
            if (!message.getIdempotencyKey().isEmpty() && !message.getIdempotencyKey().equals(idempotencyKey.get())) {
                throw ApiError.ofField(Status.BAD_REQUEST_400, "invalid_field",
                        "the Idempotency-Key header and idempotencyKey in the body differ", "idempotencyKey").asException();
            }
            message.setIdempotencyKey(idempotencyKey.get());
        }
        SubmitMessageResponse accepted = submitToDispatch(message.build());
        response.header(HeaderNames.LOCATION, "/v1/messages/" + accepted.getMessageId());
        send(response, Status.ACCEPTED_202, accepted);
    }

    private void get(ServerRequest request, ServerResponse response) {
        ApiKey key = authenticator.authenticate(request);
        String messageId = request.path().pathParameters().get("messageId");
        Optional<MessageRecord> found;
        try {
            found = dispatch.find(messageId);
        } catch (DispatchFailure e) {
            throw ApiError.of(e).asException();
        }
        // A key limited to some apps learns nothing about other apps' messages, not even that they exist.
        MessageRecord record = found.filter(r -> key.allowsApp(r.getAppId()))
                .orElseThrow(() -> ApiError.of(Status.NOT_FOUND_404, "not_found", "no message " + messageId).asException());
        send(response, Status.OK_200, record);
    }

    private SubmitMessageResponse submitToDispatch(SubmitMessageRequest message) {
        try {
            return dispatch.submit(message);
        } catch (DispatchFailure e) {
            throw ApiError.of(e).asException();
        }
    }

    /** Merges a well-formed JSON body into {@code builder}; 400 {@code invalid_json} naming the problem. */
    private static <B extends Message.Builder> B merge(JsonRequestBody body, B builder) {
        try {
            PARSER.merge(body.text(), builder);
            return builder;
        } catch (InvalidProtocolBufferException e) {
            throw ApiError.of(Status.BAD_REQUEST_400, "invalid_json", e.getMessage()).asException();
        }
    }

    private static void send(ServerResponse response, Status status, MessageOrBuilder message) {
        String json;
        try {
            json = PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getClass().getSimpleName(), e);
        }
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.send(json.getBytes(StandardCharsets.UTF_8));
    }
}
