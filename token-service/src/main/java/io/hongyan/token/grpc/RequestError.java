package io.hongyan.token.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * A request we refuse, as the suite reports it: the status with a human description, and for
 * INVALID_ARGUMENT / NOT_FOUND the machine-readable code and field in trailers.
 *
 * @param status    the gRPC status, with its description
 * @param errorCode snake_case code (missing_field, unknown_app, …)
 * @param field     proto3 JSON name of the offending field
 */
record RequestError(Status status, String errorCode, String field) {
    static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("hongyan-error-code", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> ERROR_FIELD = Metadata.Key.of("hongyan-error-field", Metadata.ASCII_STRING_MARSHALLER);

    static RequestError missing(String field) {
        return new RequestError(Status.INVALID_ARGUMENT.withDescription(field + " is required"), "missing_field", field);
    }

    static RequestError unknownApp() {
        return new RequestError(Status.NOT_FOUND.withDescription("no WeChat app with this appId is configured"), "unknown_app", "appId");
    }

    StatusRuntimeException asException() {
        Metadata trailers = new Metadata();
        trailers.put(ERROR_CODE, errorCode);
        trailers.put(ERROR_FIELD, field);
        return status.asRuntimeException(trailers);
    }
}
