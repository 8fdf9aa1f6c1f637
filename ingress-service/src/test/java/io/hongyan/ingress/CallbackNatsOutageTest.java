package io.hongyan.ingress;

import io.hongyan.platform.server.ServiceServer;
import io.hongyan.testkit.FreePorts;
import io.hongyan.testkit.NatsServer;
import io.hongyan.wechat.callback.CallbackSignature;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static io.hongyan.ingress.IngressFixture.APP;
import static io.hongyan.ingress.IngressFixture.CALLBACK_TOKEN;
import static io.hongyan.ingress.IngressFixture.error;
import static io.hongyan.ingress.IngressFixture.request;
import static io.hongyan.ingress.IngressFixture.send;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/** When NATS cannot store an event, WeChat must hear a failure so that it retries. */
class CallbackNatsOutageTest {

    @Test
    void callbackIsAnswered503WhenNatsIsDown() {
        NatsServer nats = NatsServer.start();
        Map<String, String> settings = IngressFixture.settings(nats.url(), "127.0.0.1:" + FreePorts.next());
        settings.put("ingress.inbound-stream.ack-timeout", "PT0.5S");
        try (ServiceServer ingress = IngressServer.start(IngressFixture.config(settings))) {
            nats.close();

            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            HttpResponse<String> response = send(request(ingress.port(), "/wechat/" + APP + "/callback?signature="
                    + CallbackSignature.sign(CALLBACK_TOKEN, timestamp, "42") + "&timestamp=" + timestamp + "&nonce=42")
                    .POST(HttpRequest.BodyPublishers.ofString(WeChatCallbackTest.textMessage(7, "lost?"))));

            assertThat(response.statusCode(), is(503));
            assertThat(error(response).get("code").getAsString(), is("unavailable"));
            assertThat(response.headers().firstValue("Retry-After").orElse(null), notNullValue());
        } finally {
            nats.close();
        }
    }
}
