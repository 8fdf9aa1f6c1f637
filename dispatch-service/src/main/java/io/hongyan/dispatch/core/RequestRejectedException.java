package io.hongyan.dispatch.core;

/**
 * A request dispatch refuses, with what the client needs to fix it: a reason (mapped to a gRPC
 * status), a machine code and the proto3 JSON path of the offending field (for bad input).
 */
public final class RequestRejectedException extends RuntimeException {
    private final Reason reason;
    private final String errorCode;
    private final String field;

    private RequestRejectedException(Reason reason, String errorCode, String field, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.errorCode = errorCode;
        this.field = field;
    }

    public static RequestRejectedException missing(String field) {
        return new RequestRejectedException(Reason.INVALID_ARGUMENT, "missing_field", field, field + " is required", null);
    }

    public static RequestRejectedException invalid(String field, String message) {
        return new RequestRejectedException(Reason.INVALID_ARGUMENT, "invalid_field", field, message, null);
    }

    public static RequestRejectedException tooLarge(String field, String message) {
        return new RequestRejectedException(Reason.INVALID_ARGUMENT, "too_large", field, message, null);
    }

    public static RequestRejectedException unknownApp() {
        return new RequestRejectedException(Reason.NOT_FOUND, "unknown_app", "appId",
                "no WeChat app with this appId is configured", null);
    }

    public static RequestRejectedException notFound(String field, String message) {
        return new RequestRejectedException(Reason.NOT_FOUND, "not_found", field, message, null);
    }

    public static RequestRejectedException unavailable(String message, Throwable cause) {
        return new RequestRejectedException(Reason.UNAVAILABLE, "unavailable", "", message, cause);
    }

    public static RequestRejectedException full(String message, Throwable cause) {
        return new RequestRejectedException(Reason.RESOURCE_EXHAUSTED, "queue_full", "", message, cause);
    }

    public Reason reason() {
        return reason;
    }

    /** snake_case, e.g. missing_field, invalid_field, unknown_app, not_found. */
    public String errorCode() {
        return errorCode;
    }

    /** Proto3 JSON path such as {@code template.templateId}; empty when no single field is at fault. */
    public String field() {
        return field;
    }

    /** Why, in terms a transport maps to its own status codes. */
    public enum Reason {
        INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE, RESOURCE_EXHAUSTED
    }
}
