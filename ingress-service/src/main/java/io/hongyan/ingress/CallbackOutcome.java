package io.hongyan.ingress;

import io.hongyan.wechat.callback.InboundEvent;

/** How one WeChat callback ended, and so what WeChat is answered. */
public sealed interface CallbackOutcome {

    /** URL verification passed: answer the echostr, unchanged. */
    record Echo(String echostr) implements CallbackOutcome {
    }

    /** The event is safe in the inbound stream (now, or already by an earlier try): answer {@code success}. */
    record Accepted(InboundEvent event, boolean duplicate) implements CallbackOutcome {
    }

    /**
     * Refused, or not taken for now (503, so that WeChat retries); nothing was published.
     *
     * @param outcome the metric tag, e.g. {@code bad_signature}
     */
    record Rejected(ApiError error, String outcome) implements CallbackOutcome {
    }
}
