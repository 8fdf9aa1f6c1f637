package io.hongyan.wechat.api;

/**
 * The outcome of one call to a WeChat send API.
 *
 * <p>Sealed so that callers must handle each case. Classify with {@link ErrorClass#of(SendResult)}.
 */
public sealed interface SendResult {

    /**
     * WeChat accepted the message (errcode 0).
     *
     * @param msgid WeChat's message id; 0 when WeChat's reply carries none (the customer-service
     *              API answers only {@code {"errcode":0,"errmsg":"ok"}})
     */
    record Sent(long msgid) implements SendResult {
    }

    /**
     * WeChat answered with a non-zero errcode.
     *
     * @param errcode WeChat's errcode
     * @param errmsg  WeChat's errmsg, as sent
     */
    record Refused(int errcode, String errmsg) implements SendResult {
    }

    /**
     * No WeChat answer could be used: network error, timeout, connection reset, HTTP status
     * other than 200, or an unparseable body. Always {@link ErrorClass#TRANSIENT}; note that
     * the message may or may not have been delivered (a reset after WeChat accepted it looks
     * the same), which is why template sends carry {@code client_msg_id}.
     *
     * @param reason     a short description, free of secrets and tokens
     * @param httpStatus the HTTP status if a response arrived, else 0
     */
    record Failed(String reason, int httpStatus) implements SendResult {
    }
}
