package io.hongyan.system;

import io.hongyan.simulator.Delivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One trace id from the client's REST request, through gRPC and the JetStream hop, to the WeChat HTTP call. */
class TraceTest {
    private static RunningSuite suite;

    @BeforeAll
    static void start() {
        suite = RunningSuite.start();
    }

    @AfterAll
    static void stop() {
        suite.close();
    }

    @Test
    void restRequestAndWeChatCallShareOneTraceId() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Rest.Reply accepted = new Rest(suite.ingressUrl()).post("/v1/apps/" + RunningSuite.APP + "/messages", RunningSuite.API_KEY,
                "{\"recipient\":\"oTraceUser\",\"template\":{\"templateId\":\"T1\"}}",
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        assertEquals(202, accepted.status(), accepted.body());
        assertTrue(accepted.response().headers().firstValue("traceparent").orElse("").contains(traceId),
                "the response names the trace");

        List<Delivery> deliveries = Await.until(() -> suite.simulator.messages().stream()
                .filter(d -> "oTraceUser".equals(d.touser())).toList(), list -> !list.isEmpty(), Duration.ofSeconds(15));
        String traceparent = deliveries.get(0).traceparent();
        assertNotNull(traceparent, "the WeChat call carries a traceparent");
        assertEquals(traceId, traceparent.split("-")[1]);
    }
}
