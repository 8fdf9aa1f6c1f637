package io.hongyan.ingress;

import io.helidon.config.Config;
import io.hongyan.platform.config.ServiceConfig;
import io.hongyan.platform.server.ServiceServer;
import io.hongyan.platform.tracing.Tracing;

/** Starts ingress-service with the process's configuration and stops it cleanly on shutdown. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Config config = ServiceConfig.load();
        Tracing.init(IngressServer.NAME, config.get("tracing"));
        ServiceServer server = IngressServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ingress-shutdown"));
    }
}
