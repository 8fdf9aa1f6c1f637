package io.hongyan.dispatch.core;

import io.hongyan.proto.v1.MessageStatus;

import java.util.Optional;

/**
 * A change to a message's status record.
 *
 * @param to            the new status
 * @param addedAttempts WeChat API calls made since the last change (added to attempts)
 * @param lastError     the error to record, if any (else the last one stays)
 * @param wechatMsgid   WeChat's msgid to record, or 0 to leave it
 */
public record StatusChange(MessageStatus to, int addedAttempts, Optional<LastError> lastError, long wechatMsgid) {

    /** A sender starts a WeChat call. */
    public static StatusChange sending() {
        return new StatusChange(MessageStatus.SENDING, 1, Optional.empty(), 0);
    }

    public static StatusChange sent(long wechatMsgid, int addedAttempts) {
        return new StatusChange(MessageStatus.SENT, addedAttempts, Optional.empty(), wechatMsgid);
    }

    public static StatusChange retrying(LastError error, int addedAttempts) {
        return new StatusChange(MessageStatus.RETRYING, addedAttempts, Optional.of(error), 0);
    }

    public static StatusChange failed(LastError error, int addedAttempts) {
        return new StatusChange(MessageStatus.FAILED, addedAttempts, Optional.of(error), 0);
    }

    /**
     * Why the last attempt did not succeed.
     *
     * @param errcode WeChat's errcode, or 0 when no WeChat answer came (network error, no token)
     * @param errmsg  WeChat's errmsg or a description of what went wrong; never holds a token
     */
    public record LastError(int errcode, String errmsg) {
    }
}
