package io.hongyan.system;

import io.hongyan.platform.grpc.GrpcChannels;
import io.hongyan.proto.v1.DispatchServiceGrpc;
import io.hongyan.proto.v1.GetMessageRequest;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.MessageStatus;
import io.hongyan.proto.v1.SubmitMessageRequest;
import io.hongyan.proto.v1.SubmitMessageResponse;
import io.hongyan.proto.v1.SubscribeContent;
import io.hongyan.proto.v1.TemplateValue;
import io.hongyan.simulator.Delivery;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service's gRPC send straight to dispatch, as an internal client would make it with proto/. */
class GrpcEndToEndTest {
    private static RunningSuite suite;
    private static ManagedChannel channel;
    private static DispatchServiceGrpc.DispatchServiceBlockingStub dispatch;

    @BeforeAll
    static void start() {
        suite = RunningSuite.start();
        channel = GrpcChannels.open("127.0.0.1:" + suite.dispatch.port());
        dispatch = DispatchServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stop() {
        GrpcChannels.close(channel, Duration.ofSeconds(1));
        suite.close();
    }

    @Test
    void grpcSubmitIsDeliveredWithLiveStatus() throws Exception {
        Rest rest = new Rest(suite.ingressUrl());
        String statusChannel = "app:" + RunningSuite.APP + ":status";
        try (WebSocketFrames ws = WebSocketFrames.connect(
                suite.realtimeWsUrl() + "?token=" + rest.realtimeToken(RunningSuite.API_KEY, statusChannel))) {
            ws.subscribe(statusChannel);
            SubmitMessageResponse response = dispatch.withDeadlineAfter(5, TimeUnit.SECONDS).submitMessage(
                    SubmitMessageRequest.newBuilder()
                            .setAppId(RunningSuite.APP)
                            .setRecipient("oGrpcUser1")
                            .setSubscribe(SubscribeContent.newBuilder().setTemplateId("SUB-1").setPage("pages/index")
                                    .putData("thing1", TemplateValue.newBuilder().setValue("order shipped").build()))
                            .setIdempotencyKey("grpc-e2e-1")
                            .build());
            assertEquals(MessageStatus.ACCEPTED, response.getStatus());
            assertFalse(response.getDuplicate());

            MessageRecord record = Await.until(() -> dispatch.withDeadlineAfter(5, TimeUnit.SECONDS)
                            .getMessage(GetMessageRequest.newBuilder().setMessageId(response.getMessageId()).build()).getRecord(),
                    r -> r.getStatus() == MessageStatus.SENT, Duration.ofSeconds(15));
            assertTrue(record.getWechatMsgid() > 0);
            assertEquals("grpc-e2e-1", record.getIdempotencyKey());

            List<Delivery> deliveries = suite.simulator.messages().stream()
                    .filter(d -> "oGrpcUser1".equals(d.touser())).toList();
            assertEquals(1, deliveries.size());
            assertEquals("subscribe", deliveries.get(0).endpoint());
            assertEquals("SUB-1", deliveries.get(0).templateId());
            assertEquals(List.of("ACCEPTED", "SENDING", "SENT"), RestEndToEndTest.statusesOf(ws, response.getMessageId(), 3));
        }
    }

    @Test
    void sameIdempotencyKeyTwiceMakesOneMessage() throws Exception {
        SubmitMessageRequest request = SubmitMessageRequest.newBuilder()
                .setAppId(RunningSuite.APP)
                .setRecipient("oGrpcUser2")
                .setCustomerService(io.hongyan.proto.v1.CustomerServiceContent.newBuilder()
                        .setText(io.hongyan.proto.v1.CustomerServiceText.newBuilder().setContent("once")))
                .setIdempotencyKey("grpc-e2e-twice")
                .build();
        SubmitMessageResponse first = dispatch.withDeadlineAfter(5, TimeUnit.SECONDS).submitMessage(request);
        SubmitMessageResponse second = dispatch.withDeadlineAfter(5, TimeUnit.SECONDS).submitMessage(request);
        assertEquals(first.getMessageId(), second.getMessageId());
        assertTrue(second.getDuplicate());
        Await.until(() -> dispatch.getMessage(GetMessageRequest.newBuilder().setMessageId(first.getMessageId()).build())
                .getRecord().getStatus(), status -> status == MessageStatus.SENT, Duration.ofSeconds(15));
        Thread.sleep(300); // room for a wrong second delivery to show up
        assertEquals(1, suite.simulator.messages().stream().filter(d -> "oGrpcUser2".equals(d.touser())).count());
    }
}
