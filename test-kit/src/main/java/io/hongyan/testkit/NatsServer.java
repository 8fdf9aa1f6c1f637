package io.hongyan.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real nats-server with JetStream (file storage in its scratch directory) on a free port. */
public final class NatsServer extends ExternalProcess {

    private NatsServer(int port, Path directory) {
        super("nats", List.of(Binaries.require("nats-server", "nats-server"),
                "-a", "127.0.0.1",
                "-p", Integer.toString(port),
                "-js",
                "-sd", directory.resolve("jetstream").toString()), port, directory);
        awaitListening(Duration.ofSeconds(20));
    }

    public static NatsServer start() {
        return new NatsServer(FreePorts.next(), scratchDirectory("nats"));
    }

    public String url() {
        return "nats://127.0.0.1:" + port();
    }
}
