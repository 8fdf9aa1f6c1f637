package io.hongyan.system;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.hongyan.dispatch.DispatchServer;
import io.hongyan.ingress.IngressServer;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.realtime.RealtimeServer;
import io.hongyan.simulator.SimulatorSettings;
import io.hongyan.simulator.WeChatSimulator;
import io.hongyan.testkit.SharedInfrastructure;
import io.hongyan.token.TokenServer;

import java.util.HashMap;
import java.util.Map;

/**
 * The whole suite in one JVM, as bin/dev runs it: the WeChat simulator, token, dispatch,
 * realtime and ingress, on free ports, against the test JVM's real Redis and NATS.
 */
final class RunningSuite implements AutoCloseable {
    static final String APP = SimulatorSettings.DEV_APP.id();
    static final String API_KEY = "system-test-api-key";
    static final String CALLBACK_TOKEN = "system-test-callback-token";
    static final String REALTIME_SECRET = "system-test-realtime-secret-0123456789";

    final WeChatSimulator simulator;
    final ServiceServer token;
    final ServiceServer dispatch;
    final ServiceServer realtime;
    final ServiceServer ingress;

    private RunningSuite() {
        SharedInfrastructure.redis().flushAll();
        simulator = WeChatSimulator.start(SimulatorSettings.forTests());
        Map<String, String> common = new HashMap<>();
        common.put("server.port", "0");
        common.put("redis.uri", SharedInfrastructure.redis().uri());
        common.put("nats.url", SharedInfrastructure.nats().url());
        common.put("hongyan.apps.0.id", APP);
        common.put("hongyan.apps.0.secret", SimulatorSettings.DEV_APP.secret());
        common.put("hongyan.apps.0.callback-token", CALLBACK_TOKEN);
        common.put("hongyan.apps.0.api-base-url", simulator.baseUri().toString());
        common.put("hongyan.api-keys.0.key", API_KEY);
        common.put("hongyan.api-keys.0.apps.0", "*");
        common.put("hongyan.realtime.token-secret", REALTIME_SECRET);
        common.put("dispatch.retry.initial-backoff", "PT0.1S");
        common.put("dispatch.retry.max-backoff", "PT0.5S");

        token = TokenServer.start(config(common));
        common.put("hongyan.services.token", "127.0.0.1:" + token.port());
        dispatch = DispatchServer.start(config(common));
        common.put("hongyan.services.dispatch", "127.0.0.1:" + dispatch.port());
        realtime = RealtimeServer.start(config(common));
        common.put("hongyan.services.realtime", "127.0.0.1:" + realtime.port());
        common.put("hongyan.realtime.public-url", "ws://127.0.0.1:" + realtime.port() + "/v1/ws");
        ingress = IngressServer.start(config(common));
    }

    static RunningSuite start() {
        return new RunningSuite();
    }

    String ingressUrl() {
        return "http://127.0.0.1:" + ingress.port();
    }

    String realtimeWsUrl() {
        return "ws://127.0.0.1:" + realtime.port() + "/v1/ws";
    }

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(Map.copyOf(values)));
    }

    @Override
    public void close() {
        ingress.close();
        realtime.close();
        dispatch.close();
        token.close();
        simulator.close();
    }
}
