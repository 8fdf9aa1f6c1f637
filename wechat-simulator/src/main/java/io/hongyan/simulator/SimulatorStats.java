package io.hongyan.simulator;

import java.util.Map;

/**
 * A snapshot of the simulator's counters (since start or the last reset).
 *
 * @param tokenCalls           calls to {@code /cgi-bin/token}
 * @param stableTokenCalls     calls to {@code /cgi-bin/stable_token}
 * @param forceRefreshes       stable_token calls with {@code force_refresh:true} that issued a token
 * @param tokenErrors          token-API errors by errcode
 * @param sendCalls            calls to the three send APIs (dropped ones included)
 * @param sendsOk              deliveries by endpoint ({@code template}, {@code subscribe}, {@code custom});
 *                             suppressed duplicates are not deliveries
 * @param sendsErr             send-API errors by errcode
 * @param duplicatesSuppressed sends answered with an earlier delivery's msgid (same client_msg_id)
 * @param droppedBefore        send connections closed before processing
 * @param droppedAfter         send connections closed after delivery
 * @param inFlightSends        send requests being processed now (latency included)
 * @param maxInFlightSends     the most send requests ever processed at once
 * @param lastMsgid            the last msgid issued (not reset: msgids only grow)
 */
public record SimulatorStats(long tokenCalls,
                             long stableTokenCalls,
                             long forceRefreshes,
                             Map<Integer, Long> tokenErrors,
                             long sendCalls,
                             Map<String, Long> sendsOk,
                             Map<Integer, Long> sendsErr,
                             long duplicatesSuppressed,
                             long droppedBefore,
                             long droppedAfter,
                             int inFlightSends,
                             int maxInFlightSends,
                             long lastMsgid) {

    public SimulatorStats {
        tokenErrors = Map.copyOf(tokenErrors);
        sendsOk = Map.copyOf(sendsOk);
        sendsErr = Map.copyOf(sendsErr);
    }

    /** All deliveries. */
    public long sendsOkTotal() {
        return sendsOk.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Deliveries to one endpoint: {@code template}, {@code subscribe} or {@code custom}. */
    public long sendsOk(String endpoint) {
        return sendsOk.getOrDefault(endpoint, 0L);
    }

    /** Send errors with this errcode. */
    public long sendsErr(int errcode) {
        return sendsErr.getOrDefault(errcode, 0L);
    }

    /** Token errors with this errcode. */
    public long tokenErrors(int errcode) {
        return tokenErrors.getOrDefault(errcode, 0L);
    }
}
