package io.hongyan.simulator;

import com.google.gson.JsonObject;

import java.time.InstantSource;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Everything one simulator instance knows: apps, fault settings, scripted faults, tokens,
 * counters, the message log and the dedup cache. Shared by the HTTP services and the
 * in-process {@link WeChatSimulator} API. Request paths use only concurrent structures;
 * the one lock here serialises configuration changes, which are rare.
 */
public final class SimulatorState {

    final SimulatorSettings settings;
    final InstantSource clock;
    final Map<String, String> secrets;
    final Stats stats = new Stats();
    final Scripts scripts = new Scripts();
    final TokenStore tokens;
    final MessageLog messages;
    final DedupCache dedup;
    final RateLimiter rates = new RateLimiter();
    private final AtomicReference<FaultSettings> faults;
    private final Object configLock = new Object();

    private SimulatorState(SimulatorSettings settings) {
        this.settings = settings;
        this.clock = settings.clock();
        this.secrets = settings.apps().stream().collect(Collectors.toUnmodifiableMap(AppCredentials::id, AppCredentials::secret));
        this.tokens = new TokenStore(clock);
        this.messages = new MessageLog(settings.messageCapacity());
        this.dedup = new DedupCache(settings.dedupCapacity(), clock);
        this.faults = new AtomicReference<>(settings.faults());
    }

    /** A fresh state for these settings. */
    public static SimulatorState create(SimulatorSettings settings) {
        return new SimulatorState(settings);
    }

    FaultSettings faults() {
        return faults.get();
    }

    void setFaults(FaultSettings f) {
        synchronized (configLock) {
            faults.set(f);
        }
    }

    /** Apply a JSON patch (see {@link FaultJson}); all or nothing. Returns the resulting config JSON. */
    JsonObject configure(JsonObject patch) {
        synchronized (configLock) {
            FaultJson.Update u = FaultJson.parse(faults.get(), patch);
            faults.set(u.faults());
            if (u.failNext() != null) {
                scripts.setFailNext(u.failNext());
            }
            if (u.failNextToken() != null) {
                scripts.setFailNextToken(u.failNextToken());
            }
            if (u.dropNextBefore() != null) {
                scripts.setDropNextBefore(u.dropNextBefore());
            }
            if (u.dropNextAfter() != null) {
                scripts.setDropNextAfter(u.dropNextAfter());
            }
            if (u.expireTokensNow()) {
                tokens.expireAll();
            }
            return configJson();
        }
    }

    JsonObject configJson() {
        return FaultJson.toJson(faults.get(), scripts);
    }

    /**
     * Back to the start-up state: counters, message log, dedup cache, rate windows, scripted faults
     * and fault settings; tokens too if asked.
     */
    void reset(boolean forgetTokens) {
        synchronized (configLock) {
            faults.set(settings.faults());
            scripts.clear();
            stats.reset();
            messages.clear();
            dedup.clear();
            rates.clear();
            if (forgetTokens) {
                tokens.clear();
            }
        }
    }

    /** The latency fault: sleep latency_ms plus up to jitter_ms. Virtual threads make this cheap. */
    void delay(FaultSettings f) {
        long ms = f.latencyMs() + (f.jitterMs() > 0 ? ThreadLocalRandom.current().nextInt(f.jitterMs() + 1) : 0);
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static boolean chance(double probability) {
        return probability > 0 && ThreadLocalRandom.current().nextDouble() < probability;
    }

    /** One draw over inject_errcodes: at most one code per call. */
    static OptionalInt injected(Map<Integer, Double> codes) {
        if (codes.isEmpty()) {
            return OptionalInt.empty();
        }
        double r = ThreadLocalRandom.current().nextDouble();
        double acc = 0;
        for (Map.Entry<Integer, Double> e : codes.entrySet()) {
            acc += e.getValue();
            if (r < acc) {
                return OptionalInt.of(e.getKey());
            }
        }
        return OptionalInt.empty();
    }
}
