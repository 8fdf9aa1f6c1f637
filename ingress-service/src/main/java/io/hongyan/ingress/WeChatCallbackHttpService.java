package io.hongyan.ingress;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;

/**
 * WeChat's callback URL, {@code /wechat/{appId}/callback}: {@code GET} verifies the URL,
 * {@code POST} delivers user messages and events. No API key: the signature is the proof.
 * WeChat only reads the status and a 200 body; refusals still carry our JSON error for humans.
 */
public final class WeChatCallbackHttpService implements HttpService {
    private static final byte[] SUCCESS = "success".getBytes(StandardCharsets.US_ASCII);

    private final CallbackPipeline pipeline;
    private final ApiErrorWriter errors;

    public WeChatCallbackHttpService(CallbackPipeline pipeline, ApiErrorWriter errors) {
        this.pipeline = pipeline;
        this.errors = errors;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/wechat/{appId}/callback", this::verifyUrl)
                .post("/wechat/{appId}/callback", this::receive);
    }

    private void verifyUrl(ServerRequest request, ServerResponse response) {
        answer(response, pipeline.verifyUrl(appId(request), CallbackQuery.of(request.query())));
    }

    private void receive(ServerRequest request, ServerResponse response) {
        answer(response, pipeline.receive(appId(request), CallbackQuery.of(request.query()), limit -> limit.read(request)));
    }

    private void answer(ServerResponse response, CallbackOutcome outcome) {
        switch (outcome) {
            case CallbackOutcome.Echo echo -> text(response, echo.echostr().getBytes(StandardCharsets.UTF_8));
            // "success" tells WeChat the callback is handled and no passive reply follows.
            case CallbackOutcome.Accepted accepted -> text(response, SUCCESS);
            case CallbackOutcome.Rejected rejected -> errors.write(response, rejected.error());
        }
    }

    private static void text(ServerResponse response, byte[] body) {
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.send(body);
    }

    private static String appId(ServerRequest request) {
        return request.path().pathParameters().get("appId");
    }
}
