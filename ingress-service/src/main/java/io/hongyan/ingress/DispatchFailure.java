package io.hongyan.ingress;

import java.util.Optional;

/**
 * dispatch-service refused or could not answer a call.
 *
 * @see Kind for what each means to a client
 */
public final class DispatchFailure extends RuntimeException {

    /** How a failed call ends for the client. */
    public enum Kind {
        /** The request is wrong; code and field say where. */
        INVALID,
        /** Something it names (app, message) does not exist. */
        NOT_FOUND,
        /** dispatch is down or unreachable; try again shortly. */
        UNAVAILABLE,
        /** dispatch (or its stream) is full; try again later. */
        OVERLOADED,
        /** No answer before the deadline; the outcome is unknown. */
        TIMEOUT,
        /** Anything else; details are logged, not shown. */
        INTERNAL
    }

    private final Kind kind;
    private final String code;
    private final String field;

    public DispatchFailure(Kind kind, String code, String field, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** dispatch's snake_case error code, when it sent one. */
    public Optional<String> code() {
        return Optional.ofNullable(code).filter(c -> !c.isBlank());
    }

    /** The lowerCamelCase path of the field at fault, when dispatch named one. */
    public Optional<String> field() {
        return Optional.ofNullable(field).filter(f -> !f.isBlank());
    }
}
