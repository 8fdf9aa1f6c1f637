package io.hongyan.simulator;

/**
 * A deterministic failure for tests: the next {@code count} calls answer {@code errcode}.
 *
 * @param errcode the errcode to answer (not 0)
 * @param count   how many calls
 */
public record ScriptedFailure(int errcode, int count) {
    public ScriptedFailure {
        if (errcode == 0) {
            throw new IllegalArgumentException("errcode 0 is not a failure");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
    }
}
