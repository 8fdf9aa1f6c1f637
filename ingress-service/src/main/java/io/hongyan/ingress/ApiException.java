package io.hongyan.ingress;

/** Ends a request with an {@link ApiError}; the routing's error handler writes it. */
public final class ApiException extends RuntimeException {
    private final ApiError error;

    public ApiException(ApiError error) {
        // No stack trace: this is an answer to bad input, not a fault.
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
