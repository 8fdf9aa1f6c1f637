package io.hongyan.dispatch;

import io.helidon.config.Config;
import io.hongyan.platform.config.ServiceConfig;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.platform.tracing.Tracing;

/** Starts dispatch-service with the process's configuration (see application.yaml). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Config config = ServiceConfig.load();
        Tracing.init("dispatch-service", config.get("tracing"));
        ServiceServer server = DispatchServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dispatch-service-shutdown"));
    }
}
