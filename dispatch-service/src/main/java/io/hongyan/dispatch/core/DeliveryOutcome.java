package io.hongyan.dispatch.core;

import io.hongyan.dispatch.core.StatusChange.LastError;
import io.hongyan.wechat.api.ErrorClass;
import io.hongyan.wechat.api.SendResult;

/** What one WeChat send call means for the message (PROTOCOL.md §6, DESIGN.md Deliver). */
public sealed interface DeliveryOutcome {

    /** WeChat took it. */
    record Sent(long wechatMsgid) implements DeliveryOutcome {
    }

    /** Try again after a backoff: WeChat busy, network trouble, quota, or an errcode we do not know. */
    record RetryLater(LastError error) implements DeliveryOutcome {
    }

    /** No attempt can succeed (bad recipient, bad payload or app configuration). */
    record Failed(LastError error) implements DeliveryOutcome {
    }

    /** WeChat refused the access token; report it and try once more at once with a fresh one. */
    record TokenRejected(String accessToken, LastError error) implements DeliveryOutcome {
        @Override
        public String toString() {
            return "TokenRejected[" + error + "]"; // the token stays out of logs
        }
    }

    /** Classifies a send result; {@code accessToken} is the token the call used. */
    static DeliveryOutcome of(SendResult result, String accessToken) {
        return switch (result) {
            case SendResult.Sent sent -> new Sent(sent.msgid());
            case SendResult.Failed failed -> new RetryLater(new LastError(0, failed.reason()));
            case SendResult.Refused refused -> {
                LastError error = new LastError(refused.errcode(), refused.errmsg());
                yield switch (ErrorClass.of(refused.errcode())) {
                    case TOKEN -> new TokenRejected(accessToken, error);
                    case RECIPIENT, PAYLOAD -> new Failed(error);
                    // QUOTA should pause the app's sends until the quota resets; until that exists it is retried.
                    case TRANSIENT, QUOTA, UNKNOWN -> new RetryLater(error);
                    case OK -> new Sent(0); // a Refused with errcode 0 is not something WeChat answers
                };
            }
        };
    }
}
