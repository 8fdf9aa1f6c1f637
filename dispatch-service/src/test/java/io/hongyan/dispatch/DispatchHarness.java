package io.hongyan.dispatch;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hongyan.dispatch.nats.DispatchStream;
import io.hongyan.platform.grpc.GrpcChannels;
import io.hongyan.platform.realtime.Channels;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.proto.v1.DispatchServiceGrpc;
import io.hongyan.proto.v1.GetMessageRequest;
import io.hongyan.proto.v1.MessageRecord;
import io.hongyan.proto.v1.MessageStatus;
import io.hongyan.proto.v1.StatusEvent;
import io.hongyan.proto.v1.SubmitMessageRequest;
import io.hongyan.proto.v1.TemplateContent;
import io.hongyan.proto.v1.TemplateValue;
import io.hongyan.simulator.AppCredentials;
import io.hongyan.simulator.SimulatorSettings;
import io.hongyan.simulator.WeChatSimulator;
import io.hongyan.testkit.NatsServer;
import io.hongyan.testkit.RedisServer;
import io.hongyan.testkit.SharedInfrastructure;
import io.hongyan.token.TokenServer;
import io.hongyan.token.redis.TokenKeys;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import redis.clients.jedis.RedisClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * One test class's world: the shared Redis and NATS, a WeChat simulator, a token-service (plain
 * token API, so each token refresh is exactly one WeChat call; no background refresh), and the
 * dispatch instances a test starts. Before each test: no dispatch running, Redis empty, the
 * dispatch stream deleted, the simulator back to its start state.
 */
final class DispatchHarness implements AutoCloseable {
    static final AppCredentials APP = SimulatorSettings.DEV_APP;
    static final Duration WAIT = Duration.ofSeconds(20);

    final RedisServer redisServer = SharedInfrastructure.redis();
    final NatsServer natsServer = SharedInfrastructure.nats();
    final WeChatSimulator simulator = WeChatSimulator.start();
    final Connection nats = connect(natsServer.url());
    final RedisClient redis = RedisClient.create(URI.create(redisServer.uri()));
    private final ServiceServer tokenServer = TokenServer.start(Config.just(ConfigSources.create(Map.of(
            "server.port", "0",
            "redis.uri", redisServer.uri(),
            "hongyan.apps.0.id", APP.id(),
            "hongyan.apps.0.secret", APP.secret(),
            "hongyan.apps.0.api-base-url", simulator.baseUri().toString(),
            "hongyan.token.api", "plain",
            "hongyan.token.proactive-refresh", "false"))));
    private final List<ServiceServer> dispatchServers = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();

    void reset() {
        closeDispatch();
        redisServer.flushAll();
        deleteStream();
        simulator.reset(true);
    }

    /** Everything a dispatch process needs, as flat config keys; retries fast for tests. */
    Map<String, String> config(Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of(
                "server.port", "0",
                "redis.uri", redisServer.uri(),
                "nats.url", natsServer.url(),
                "hongyan.apps.0.id", APP.id(),
                "hongyan.apps.0.api-base-url", simulator.baseUri().toString(),
                "hongyan.services.token", "127.0.0.1:" + tokenServer.port(),
                "dispatch.retry.initial-backoff", "PT0.05S",
                "dispatch.retry.max-backoff", "PT0.2S",
                "dispatch.records.announce-wait", "PT0.5S"));
        config.putAll(overrides);
        return config;
    }

    ServiceServer startDispatch(Map<String, String> overrides) {
        ServiceServer server = DispatchServer.start(Config.just(ConfigSources.create(config(overrides))));
        dispatchServers.add(server);
        return server;
    }

    ServiceServer startDispatch() {
        return startDispatch(Map.of());
    }

    DispatchServiceGrpc.DispatchServiceBlockingStub stub(int port) {
        ManagedChannel channel = GrpcChannels.open("127.0.0.1:" + port);
        channels.add(channel);
        return DispatchServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    DispatchServiceGrpc.DispatchServiceBlockingStub stub(ServiceServer server) {
        return stub(server.port());
    }

    /** The address of the class's token-service. */
    String tokenService() {
        return "127.0.0.1:" + tokenServer.port();
    }

    static SubmitMessageRequest template(String recipient) {
        return SubmitMessageRequest.newBuilder()
                .setAppId(APP.id())
                .setRecipient(recipient)
                .setTemplate(TemplateContent.newBuilder()
                        .setTemplateId("tmpl-order-shipped")
                        .putData("first", TemplateValue.newBuilder().setValue("Your order has shipped").build())
                        .putData("keyword1", TemplateValue.newBuilder().setValue("SF123456").setColor("#173177").build()))
                .build();
    }

    static MessageRecord get(DispatchServiceGrpc.DispatchServiceBlockingStub stub, String messageId) {
        return stub.getMessage(GetMessageRequest.newBuilder().setMessageId(messageId).build()).getRecord();
    }

    /** Polls GetMessage until the record matches; fails with the last record seen. */
    static MessageRecord awaitRecord(DispatchServiceGrpc.DispatchServiceBlockingStub stub, String messageId,
                                     Predicate<MessageRecord> condition) {
        Instant deadline = Instant.now().plus(WAIT);
        MessageRecord last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = get(stub, messageId);
                if (condition.test(last)) {
                    return last;
                }
            } catch (StatusRuntimeException notYet) {
                // not recorded yet
            }
            pause(Duration.ofMillis(20));
        }
        throw new AssertionError("message " + messageId + " never matched; last record: " + last);
    }

    static MessageRecord awaitStatus(DispatchServiceGrpc.DispatchServiceBlockingStub stub, String messageId, MessageStatus status) {
        return awaitRecord(stub, messageId, record -> record.getStatus() == status);
    }

    static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            pause(Duration.ofMillis(20));
        }
    }

    /** Collects the status events published on a subject (wildcards allowed) from now on. */
    EventLog subscribe(String subject) {
        return new EventLog(nats, subject);
    }

    EventLog subscribeToAppStatus() {
        return subscribe(Channels.subject(Channels.appStatus(APP.id())));
    }

    /** The last sequence number the dispatch stream ever assigned (0: nothing was ever published). */
    long streamLastSequence() {
        try {
            return nats.jetStreamManagement().getStreamInfo(DispatchStream.NAME).getStreamState().getLastSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The access token token-service has cached (and so issued) for the app, or null. */
    String cachedAccessToken() {
        return redis.hget(new TokenKeys(APP.id()).token(), "token");
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void deleteStream() {
        try {
            nats.jetStreamManagement().deleteStream(DispatchStream.NAME);
        } catch (JetStreamApiException notThere) {
            // first test of the JVM: nothing to delete
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void closeDispatch() {
        channels.forEach(channel -> GrpcChannels.close(channel, Duration.ofSeconds(1)));
        channels.clear();
        dispatchServers.forEach(ServiceServer::close);
        dispatchServers.clear();
    }

    @Override
    public void close() throws InterruptedException {
        closeDispatch();
        tokenServer.close();
        simulator.close();
        redis.close();
        nats.close();
    }

    private static Connection connect(String url) {
        try {
            return Nats.connect(url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Status events received on one subscription, in arrival order. */
    static final class EventLog implements AutoCloseable {
        private final List<StatusEvent> events = new CopyOnWriteArrayList<>();
        private final io.nats.client.Dispatcher dispatcher;
        private final Subscription subscription;

        private EventLog(Connection nats, String subject) {
            dispatcher = nats.createDispatcher();
            subscription = dispatcher.subscribe(subject, message -> {
                StatusEvent.Builder event = StatusEvent.newBuilder();
                try {
                    JsonFormat.parser().merge(new String(message.getData(), StandardCharsets.UTF_8), event);
                } catch (InvalidProtocolBufferException e) {
                    throw new AssertionError("status event is not StatusEvent JSON", e);
                }
                events.add(event.build());
            });
            try {
                nats.flush(Duration.ofSeconds(2)); // the subscription is in place before the test goes on
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The statuses of one message's events, in arrival order. */
        List<MessageStatus> statuses(String messageId) {
            return events(messageId).stream().map(event -> event.getRecord().getStatus()).toList();
        }

        List<StatusEvent> events(String messageId) {
            return events.stream().filter(event -> event.getRecord().getMessageId().equals(messageId)).toList();
        }

        @Override
        public void close() {
            dispatcher.unsubscribe(subscription);
        }
    }
}
