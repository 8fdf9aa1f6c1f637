package io.hongyan.ingress;

import io.helidon.config.Config;
import io.helidon.webserver.http.HttpRouting;
import io.hongyan.ingress.grpc.DispatchClient;
import io.hongyan.ingress.nats.JetStreamInboundPublisher;
import io.hongyan.platform.nats.NatsConnector;
import io.hongyan.platform.nats.NatsHealthCheck;
import io.hongyan.platform.server.ServiceServer;
import io.nats.client.Connection;

import java.time.Clock;

/**
 * ingress-service: the REST API (API keys, JSON in and out, calls to dispatch), realtime
 * subscriber tokens and WeChat's callback URL, on one port with gRPC health and reflection.
 */
public final class IngressServer {
    public static final String NAME = "ingress-service";

    private IngressServer() {
    }

    /**
     * Starts ingress from the config root. Refuses to start (MissingConfigurationException)
     * without API keys, apps with callback tokens, the realtime token secret or dispatch's address.
     */
    public static ServiceServer start(Config root) {
        IngressSettings settings = IngressSettings.from(root);
        Connection nats = NatsConnector.connect(root.get("nats"), NAME);
        JetStreamInboundPublisher publisher;
        try {
            publisher = JetStreamInboundPublisher.start(nats, root.get("ingress.inbound-stream"));
        } catch (RuntimeException e) {
            closeQuietly(nats);
            throw e;
        }
        DispatchClient dispatch = DispatchClient.open(settings.dispatchTarget(), settings.dispatchDeadline());
        // If starting fails, ServiceServer closes what is registered here.
        return ServiceServer.builder(NAME, root.get("server"))
                .http(routing -> routing(routing, settings, dispatch, publisher))
                .healthCheck(new NatsHealthCheck(nats))
                .closeOnStop(nats::close)
                .closeOnStop(dispatch)
                .start();
    }

    /** Wires ingress's HTTP services onto a routing, with any dispatch and publisher (tests may bring their own). */
    public static void routing(HttpRouting.Builder routing, IngressSettings settings, Dispatch dispatch,
                               InboundEventPublisher publisher) {
        ApiErrorWriter errors = new ApiErrorWriter();
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(settings.apiKeys());
        BodyLimit requestLimit = new BodyLimit(settings.maxRequestBytes());
        errors.registerOn(routing);
        routing.register(new MessagesHttpService(authenticator, dispatch, requestLimit))
                .register(new RealtimeTokensHttpService(authenticator, new ChannelAccess(dispatch), settings.subscriberTokens(),
                        settings.realtimePublicUrl(), requestLimit, Clock.systemUTC()))
                .register(new WeChatCallbackHttpService(
                        new CallbackPipeline(settings.apps(), new BodyLimit(settings.maxCallbackBytes()), publisher), errors));
    }

    private static void closeQuietly(Connection nats) {
        try {
            nats.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
