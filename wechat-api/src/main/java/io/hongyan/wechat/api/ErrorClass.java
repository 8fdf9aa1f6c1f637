package io.hongyan.wechat.api;

/**
 * What kind of failure a WeChat errcode is, and so what the dispatcher does with it
 * (PROTOCOL.md §6, our rule).
 */
public enum ErrorClass {
    /** errcode 0: sent. */
    OK,
    /** The access token is bad or expired: invalidate it (compare-and-delete) and retry once at once. */
    TOKEN,
    /** WeChat is busy, or the call did not complete: retry with exponential backoff and jitter. */
    TRANSIENT,
    /** A daily quota is spent: pause that app/API until the quota resets; keep messages queued. */
    QUOTA,
    /** This recipient cannot get this message: fail it, no retry. */
    RECIPIENT,
    /** The request or the app's configuration is wrong: fail, no retry, alert. */
    PAYLOAD,
    /** Not in our table: fail after the normal retry budget, keep the errcode. */
    UNKNOWN;

    /** The class of a WeChat errcode, exactly per PROTOCOL.md §6. */
    public static ErrorClass of(int errcode) {
        return switch (errcode) {
            case 0 -> OK;
            case 40001, 40014, 42001 -> TOKEN;
            case -1, 45011 -> TRANSIENT;
            case 45009 -> QUOTA;
            case 40003, 43004, 43101, 45015, 45047 -> RECIPIENT;
            case 40037, 47001, 47003, 41030, 48001, 50001, 40013, 40125, 40164, 61004 -> PAYLOAD;
            default -> UNKNOWN;
        };
    }

    /**
     * The class of a send outcome. {@link SendResult.Failed} (network error, timeout, connection
     * reset, HTTP 5xx, unparseable body) is {@link #TRANSIENT} per §6.
     */
    public static ErrorClass of(SendResult result) {
        return switch (result) {
            case SendResult.Sent s -> OK;
            case SendResult.Refused r -> of(r.errcode());
            case SendResult.Failed f -> TRANSIENT;
        };
    }

    /** The class of a token-API outcome; {@link TokenResult.Unreachable} is {@link #TRANSIENT}. */
    public static ErrorClass of(TokenResult result) {
        return switch (result) {
            case TokenResult.Issued i -> OK;
            case TokenResult.Refused r -> of(r.errcode());
            case TokenResult.Unreachable u -> TRANSIENT;
        };
    }
}
