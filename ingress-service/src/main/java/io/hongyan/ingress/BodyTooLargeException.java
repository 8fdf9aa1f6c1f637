package io.hongyan.ingress;

/** A request body over its size cap; each endpoint answers it in its own way. */
public final class BodyTooLargeException extends Exception {
    private final int maxBytes;

    public BodyTooLargeException(int maxBytes) {
        super("body larger than " + maxBytes + " bytes", null, false, false);
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }
}
