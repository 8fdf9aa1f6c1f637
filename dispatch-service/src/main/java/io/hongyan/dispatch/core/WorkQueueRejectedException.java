package io.hongyan.dispatch.core;

/** The work queue did not take a message: it is full ({@link #full()}) or could not be reached. */
public final class WorkQueueRejectedException extends RuntimeException {
    private final boolean full;

    public WorkQueueRejectedException(boolean full, String message, Throwable cause) {
        super(message, cause);
        this.full = full;
    }

    /** True when the queue reached its size limit, false when it could not be reached or did not confirm. */
    public boolean full() {
        return full;
    }
}
