package io.hongyan.simulator;

import com.google.gson.JsonObject;
import io.helidon.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@link SimulatorSettings} from the {@code simulator} config node.
 *
 * <p>Keys use the same snake_case names as the JSON control API ({@code faults.latency_ms}).
 * Helidon maps an environment variable such as {@code SIMULATOR_FAULTS_LATENCY_MS} to the key
 * {@code simulator.faults.latency.ms} (every {@code _} becomes {@code .}), so each key is looked up
 * in that dotted form first, then as written: the environment wins, as it should.
 * Apps come from a list of {@code {id, secret}} or, from the environment, from
 * {@code SIMULATOR_APPS=id:secret,id2:secret2}.
 */
final class SimulatorConfig {

    private SimulatorConfig() {
    }

    static SimulatorSettings settings(Config sim) {
        SimulatorSettings s = SimulatorSettings.defaults();
        Optional<String> host = value(sim, "host");
        if (host.isPresent()) {
            s = s.withHost(host.get());
        }
        Optional<String> port = value(sim, "port");
        if (port.isPresent()) {
            s = s.withPort(parseInt("port", port.get()));
        }
        Optional<String> capacity = value(sim, "messages_capacity");
        if (capacity.isPresent()) {
            s = s.withMessageCapacity(parseInt("messages_capacity", capacity.get()));
        }
        Optional<String> dedup = value(sim, "dedup_capacity");
        if (dedup.isPresent()) {
            s = s.withDedupCapacity(parseInt("dedup_capacity", dedup.get()));
        }
        List<AppCredentials> apps = apps(sim.get("apps"));
        if (!apps.isEmpty()) {
            s = s.withApps(apps);
        }
        return s.withFaults(faults(sim.get("faults")));
    }

    private static FaultSettings faults(Config node) {
        JsonObject patch = new JsonObject();
        for (String key : FaultJson.SETTINGS) {
            if (key.equals("inject_errcodes")) {
                Config codes = node(node, key);
                if (codes.type() == Config.Type.OBJECT) {
                    JsonObject map = new JsonObject();
                    for (Config c : codes.asNodeList().get()) {
                        map.addProperty(c.name(), c.asString().get());
                    }
                    patch.add(key, map);
                } else if (codes.type() == Config.Type.VALUE) {
                    patch.addProperty(key, codes.asString().get());
                }
            } else {
                value(node, key).ifPresent(v -> patch.addProperty(key, v));
            }
        }
        return FaultJson.parse(FaultSettings.DEFAULTS, patch).faults();
    }

    private static List<AppCredentials> apps(Config node) {
        List<AppCredentials> out = new ArrayList<>();
        // SIMULATOR_APPS lands on the same key as the file's list; Helidon then keeps both the list
        // and a direct value on the node. The direct value comes from the environment: it wins.
        Optional<String> direct = node.exists() ? node.asString().asOptional() : Optional.empty();
        if (direct.isPresent()) {
            for (String pair : direct.get().split(",")) {
                int i = pair.indexOf(':');
                if (i <= 0) {
                    throw new IllegalArgumentException("simulator.apps: expected id:secret pairs");
                }
                out.add(new AppCredentials(pair.substring(0, i).trim(), pair.substring(i + 1).trim()));
            }
        } else if (node.exists()) {
            for (Config app : node.asNodeList().get()) {
                out.add(new AppCredentials(app.get("id").asString().get(), app.get("secret").asString().get()));
            }
        }
        return out;
    }

    /** The dotted (environment) form of a key if present, else the key as written. */
    private static Config node(Config parent, String key) {
        Config dotted = parent.get(key.replace('_', '.'));
        return dotted.exists() ? dotted : parent.get(key);
    }

    private static Optional<String> value(Config parent, String key) {
        Config n = node(parent, key);
        return n.isLeaf() && n.exists() ? n.asString().asOptional() : Optional.empty();
    }

    private static int parseInt(String key, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("simulator." + key + " must be an integer, got " + v);
        }
    }
}
