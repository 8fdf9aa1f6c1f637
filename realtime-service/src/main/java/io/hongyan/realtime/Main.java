package io.hongyan.realtime;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.hongyan.platform.config.ServiceConfig;
import io.hongyan.platform.tracing.Tracing;

/** Starts realtime-service; stops it (subscribers get 1001) on SIGTERM. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = ServiceConfig.load();
        Tracing.init(RealtimeServer.NAME, config.get("tracing"));
        RealtimeServer server = RealtimeServer.launch(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
    }
}
