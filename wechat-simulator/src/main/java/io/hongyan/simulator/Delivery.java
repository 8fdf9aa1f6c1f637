package io.hongyan.simulator;

import java.time.Instant;

/**
 * One message the simulator accepted (errcode 0), as recorded in the message log.
 *
 * @param msgid       the msgid it answered (strictly increasing)
 * @param time        when it was accepted (simulator clock)
 * @param endpoint    {@code template}, {@code subscribe} or {@code custom}
 * @param appId       the app whose token was used
 * @param touser      the recipient openid
 * @param templateId  {@code template_id} (template and subscribe), else null
 * @param msgtype     {@code msgtype} (custom), else null
 * @param clientMsgId {@code client_msg_id} if sent, else null
 * @param accessToken the access token used
 * @param traceparent the request's W3C {@code traceparent} header, else null
 * @param body        the raw request body
 */
public record Delivery(long msgid,
                       Instant time,
                       String endpoint,
                       String appId,
                       String touser,
                       String templateId,
                       String msgtype,
                       String clientMsgId,
                       String accessToken,
                       String traceparent,
                       String body) {
}
