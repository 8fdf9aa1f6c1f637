package io.hongyan.ingress;

import io.helidon.http.Status;

import java.time.Duration;
import java.util.Optional;

/**
 * A rejected request as the client sees it: an HTTP status and
 * {@code {"error":{"code","message","field"}}}.
 *
 * @param status     the HTTP status
 * @param code       machine-readable snake_case code, e.g. {@code invalid_field}
 * @param message    for humans; never internals or secrets
 * @param field      the lowerCamelCase JSON path of the field at fault, if the error is about one
 * @param retryAfter when the client may try again (sent as {@code Retry-After}), for 503s
 */
public record ApiError(Status status, String code, String message, Optional<String> field, Optional<Duration> retryAfter) {

    public static ApiError of(Status status, String code, String message) {
        return new ApiError(status, code, message, Optional.empty(), Optional.empty());
    }

    public static ApiError ofField(Status status, String code, String message, String field) {
        return new ApiError(status, code, message, Optional.ofNullable(field).filter(f -> !f.isBlank()), Optional.empty());
    }

    /**
     * How a failed call to dispatch is told to the client: dispatch's own code, field and message
     * for bad input and unknown names; 503 with Retry-After when it is down or full; 504 when the
     * outcome is unknown; a bare 500 for anything else, whose details stay in the log.
     */
    public static ApiError of(DispatchFailure failure) {
        String message = failure.getMessage() == null || failure.getMessage().isBlank() ? null : failure.getMessage();
        return switch (failure.kind()) {
            case INVALID -> ofField(Status.BAD_REQUEST_400, failure.code().orElse("invalid_request"),
                    message == null ? "invalid request" : message, failure.field().orElse(null));
            case NOT_FOUND -> ofField(Status.NOT_FOUND_404, failure.code().orElse("not_found"),
                    message == null ? "not found" : message, failure.field().orElse(null));
            case UNAVAILABLE -> of(Status.SERVICE_UNAVAILABLE_503, "unavailable",
                    "the message service is unavailable; try again shortly").retryAfter(Duration.ofSeconds(2));
            case OVERLOADED -> of(Status.SERVICE_UNAVAILABLE_503, "overloaded",
                    "the message service is at capacity; try again later").retryAfter(Duration.ofSeconds(5));
            case TIMEOUT -> of(Status.GATEWAY_TIMEOUT_504, "timeout",
                    "the message service did not answer in time; the outcome is unknown, so retry with the same Idempotency-Key");
            case INTERNAL -> of(Status.INTERNAL_SERVER_ERROR_500, "internal", "internal error");
        };
    }

    public ApiError retryAfter(Duration delay) {
        return new ApiError(status, code, message, field, Optional.of(delay));
    }

    public ApiException asException() {
        return new ApiException(this);
    }
}
