package io.hongyan.platform.server;

import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.Routing;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.grpc.GrpcReflectionFeature;
import io.helidon.webserver.grpc.GrpcRouting;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.hongyan.platform.grpc.GrpcServerObservability;
import io.hongyan.platform.tracing.HttpServerTracing;
import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One service's listening port: its gRPC services (with the standard health service and
 * server reflection, so grpcurl works), its HTTP routes, {@code /observe/health} and
 * {@code /observe/metrics}. Closing it stops accepting, then closes what the service
 * registered with {@link Builder#closeOnStop} in reverse order (workers before connections).
 */
public final class ServiceServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ServiceServer.class.getName());

    private final String name;
    private final WebServer server;
    private final HealthStatusManager grpcHealth;
    private final Deque<AutoCloseable> resources;

    private ServiceServer(String name, WebServer server, HealthStatusManager grpcHealth, Deque<AutoCloseable> resources) {
        this.name = name;
        this.server = server;
        this.grpcHealth = grpcHealth;
        this.resources = resources;
    }

    public static Builder builder(String name, Config serverConfig) {
        return new Builder(name, serverConfig);
    }

    public int port() {
        return server.port();
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        grpcHealth.enterTerminalState();
        server.stop();
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, name + ": closing " + resource.getClass().getSimpleName() + " failed", e);
            }
        }
    }

    /**
     * Registers a generated service with its .proto file descriptor when it has one: Helidon's
     * reflection service can only describe services registered that way, and grpcurl needs the
     * descriptors to call anything.
     */
    private static void register(GrpcRouting.Builder grpc, BindableService service) {
        if (service.bindService().getServiceDescriptor().getSchemaDescriptor()
                instanceof io.grpc.protobuf.ProtoFileDescriptorSupplier proto) {
            grpc.service(proto.getFileDescriptor(), service);
        } else {
            grpc.service(service);
        }
    }

    /** What a service plugs into its server. */
    public static final class Builder {
        private final String name;
        private final Config serverConfig;
        private final List<BindableService> grpcServices = new ArrayList<>();
        private final List<HealthCheck> healthChecks = new ArrayList<>();
        private final List<Consumer<HttpRouting.Builder>> httpRoutes = new ArrayList<>();
        private final List<io.helidon.common.Builder<?, ? extends Routing>> otherRoutings = new ArrayList<>();
        private final Deque<AutoCloseable> resources = new ArrayDeque<>();
        private Integer port;

        private Builder(String name, Config serverConfig) {
            this.name = name;
            this.serverConfig = serverConfig;
        }

        public Builder grpc(BindableService service) {
            grpcServices.add(service);
            return this;
        }

        public Builder http(Consumer<HttpRouting.Builder> routes) {
            httpRoutes.add(routes);
            return this;
        }

        /** Another protocol's routing on the same port, such as WebSocket. */
        public Builder routing(io.helidon.common.Builder<?, ? extends Routing> routing) {
            otherRoutings.add(routing);
            return this;
        }

        public Builder healthCheck(HealthCheck check) {
            healthChecks.add(check);
            return this;
        }

        /** Overrides {@code server.port}; tests pass 0 for a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Closed after the server stops, last registered first. */
        public Builder closeOnStop(AutoCloseable resource) {
            resources.push(resource);
            return this;
        }

        public ServiceServer start() {
            HealthStatusManager grpcHealth = new HealthStatusManager();
            GrpcRouting.Builder grpc = GrpcRouting.builder().intercept(new GrpcServerObservability());
            grpcServices.forEach(service -> register(grpc, service));
            grpc.service(io.grpc.health.v1.HealthProto.getDescriptor(), grpcHealth.getHealthService());

            HttpRouting.Builder http = HttpRouting.builder().addFilter(new HttpServerTracing());
            httpRoutes.forEach(routes -> routes.accept(http));

            WebServerConfig.Builder builder = WebServer.builder()
                    .config(serverConfig)
                    .host(serverConfig.get("host").asString().orElse("0.0.0.0"))
                    .connectionOptions(options -> options.tcpNoDelay(true))
                    .addRouting(http)
                    .addRouting(grpc)
                    .addFeature(GrpcReflectionFeature.create(config -> config.enabled(true)))
                    .addFeature(ObserveFeature.just(
                            HealthObserver.builder().details(true).addChecks(healthChecks.toArray(HealthCheck[]::new)).build(),
                            MetricsObserver.create()));
            otherRoutings.forEach(builder::addRouting);
            if (port != null) {
                builder.port(port);
            }
            WebServer server;
            try {
                server = builder.build().start();
            } catch (RuntimeException e) {
                resources.forEach(resource -> {
                    try {
                        resource.close();
                    } catch (Exception ignored) {
                        // startup already failed; report that, not the cleanup
                    }
                });
                throw e;
            }
            grpcHealth.setStatus("", ServingStatus.SERVING);
            grpcServices.forEach(service -> grpcHealth.setStatus(
                    service.bindService().getServiceDescriptor().getName(), ServingStatus.SERVING));
            LOG.info(() -> name + " listening on port " + server.port() + " (gRPC, HTTP, /observe/health, /observe/metrics)");
            return new ServiceServer(name, server, grpcHealth, resources);
        }
    }
}
