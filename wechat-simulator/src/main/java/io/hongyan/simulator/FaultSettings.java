package io.hongyan.simulator;

import java.util.Map;

/**
 * The simulator's tunable behaviour (all off by default). Immutable: a change replaces the whole
 * value, so one request always sees one consistent setting.
 *
 * @param latencyMs       delay added to every {@code /cgi-bin} call before it is processed
 * @param jitterMs        extra random delay, uniform in [0, jitterMs]
 * @param errorRate       probability that a send answers -1 "system error"
 * @param tokenErrorRate  probability that a token call answers -1 "system error"
 * @param rateLimitPerSec sends per app per 1 s window before 45009; 0 = unlimited
 * @param dropBeforeProb  probability that a send's connection is closed before processing (nothing delivered)
 * @param dropAfterProb   probability that a send is delivered and then its connection is closed without a reply
 * @param injectErrcodes  errcode → probability, drawn once per send (probabilities sum to at most 1)
 * @param tokenLifetimeS  lifetime of newly issued tokens, seconds ({@code expires_in})
 * @param oldTokenGraceS  how long a replaced /cgi-bin/token token keeps working, seconds
 */
public record FaultSettings(int latencyMs,
                            int jitterMs,
                            double errorRate,
                            double tokenErrorRate,
                            int rateLimitPerSec,
                            double dropBeforeProb,
                            double dropAfterProb,
                            Map<Integer, Double> injectErrcodes,
                            long tokenLifetimeS,
                            long oldTokenGraceS) {

    /** No faults; WeChat's token lifetime (7200 s) and overlap (300 s). */
    public static final FaultSettings DEFAULTS =
            new FaultSettings(0, 0, 0, 0, 0, 0, 0, Map.of(), 7200, 300);

    public FaultSettings {
        injectErrcodes = Map.copyOf(injectErrcodes);
        requireRange("latency_ms", latencyMs, 0, 600_000);
        requireRange("jitter_ms", jitterMs, 0, 600_000);
        requireProbability("error_rate", errorRate);
        requireProbability("token_error_rate", tokenErrorRate);
        requireRange("rate_limit_per_sec", rateLimitPerSec, 0, Integer.MAX_VALUE);
        requireProbability("drop_before_prob", dropBeforeProb);
        requireProbability("drop_after_prob", dropAfterProb);
        double sum = 0;
        for (Map.Entry<Integer, Double> e : injectErrcodes.entrySet()) {
            if (e.getKey() == 0) {
                throw new IllegalArgumentException("inject_errcodes: errcode 0 is not an error");
            }
            requireProbability("inject_errcodes." + e.getKey(), e.getValue());
            sum += e.getValue();
        }
        if (sum > 1.0 + 1e-9) {
            throw new IllegalArgumentException("inject_errcodes: probabilities sum to more than 1");
        }
        requireRange("token_lifetime_s", tokenLifetimeS, 1, 365L * 86400);
        requireRange("old_token_grace_s", oldTokenGraceS, 0, 365L * 86400);
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requireRange(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + v);
        }
    }

    private static void requireProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + p);
        }
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder {
        private int latencyMs;
        private int jitterMs;
        private double errorRate;
        private double tokenErrorRate;
        private int rateLimitPerSec;
        private double dropBeforeProb;
        private double dropAfterProb;
        private Map<Integer, Double> injectErrcodes;
        private long tokenLifetimeS;
        private long oldTokenGraceS;

        private Builder(FaultSettings f) {
            latencyMs = f.latencyMs;
            jitterMs = f.jitterMs;
            errorRate = f.errorRate;
            tokenErrorRate = f.tokenErrorRate;
            rateLimitPerSec = f.rateLimitPerSec;
            dropBeforeProb = f.dropBeforeProb;
            dropAfterProb = f.dropAfterProb;
            injectErrcodes = f.injectErrcodes;
            tokenLifetimeS = f.tokenLifetimeS;
            oldTokenGraceS = f.oldTokenGraceS;
        }

        public Builder latencyMs(int v) {
            latencyMs = v;
            return this;
        }

        public Builder jitterMs(int v) {
            jitterMs = v;
            return this;
        }

        public Builder errorRate(double v) {
            errorRate = v;
            return this;
        }

        public Builder tokenErrorRate(double v) {
            tokenErrorRate = v;
            return this;
        }

        public Builder rateLimitPerSec(int v) {
            rateLimitPerSec = v;
            return this;
        }

        public Builder dropBeforeProb(double v) {
            dropBeforeProb = v;
            return this;
        }

        public Builder dropAfterProb(double v) {
            dropAfterProb = v;
            return this;
        }

        public Builder injectErrcodes(Map<Integer, Double> v) {
            injectErrcodes = v;
            return this;
        }

        public Builder tokenLifetimeS(long v) {
            tokenLifetimeS = v;
            return this;
        }

        public Builder oldTokenGraceS(long v) {
            oldTokenGraceS = v;
            return this;
        }

        /** The settings. @throws IllegalArgumentException if a value is out of range */
        public FaultSettings build() {
            return new FaultSettings(latencyMs, jitterMs, errorRate, tokenErrorRate, rateLimitPerSec,
                    dropBeforeProb, dropAfterProb, injectErrcodes, tokenLifetimeS, oldTokenGraceS);
        }
    }
}
