package io.hongyan.wechat.callback;

/**
 * A callback body that Hongyan will not process. Unchecked so that handlers can let it reach a
 * single error mapping (HTTP 400) instead of catching it at every call.
 */
public class MalformedCallbackException extends RuntimeException {

    /** Why the body was refused. */
    public enum Reason {
        /** Larger than the size cap. */
        TOO_LARGE("too large"),
        /** Carries a DOCTYPE/DTD (and so possibly entities); never needed by WeChat. */
        DTD_NOT_ALLOWED("DTD not allowed"),
        /** Not well-formed XML or JSON. */
        NOT_WELL_FORMED("not well-formed"),
        /** The XML root element is not {@code <xml>} (or the JSON is not an object). */
        WRONG_ROOT("root is not <xml>"),
        /** A field every callback has is missing or not a number where one is needed. */
        MISSING_FIELD("missing field");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** The short text, e.g. "too large". */
        public String text() {
            return text;
        }
    }

    private final Reason reason;

    /** A refusal for {@code reason}, with a detail appended to its text. */
    public MalformedCallbackException(Reason reason, String detail) {
        super(detail == null || detail.isEmpty() ? reason.text() : reason.text() + ": " + detail);
        this.reason = reason;
    }

    /** Why the body was refused. */
    public Reason reason() {
        return reason;
    }
}
