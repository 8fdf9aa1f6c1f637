package io.hongyan.simulator;

/**
 * A filter over the message log; null fields match anything.
 *
 * @param appId       only this app's deliveries
 * @param touser      only to this openid
 * @param clientMsgId only with this client_msg_id
 * @param limit       at most this many (the newest), returned oldest first
 */
public record MessageQuery(String appId, String touser, String clientMsgId, int limit) {

    public MessageQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** Everything, up to {@code limit}. */
    public static MessageQuery all(int limit) {
        return new MessageQuery(null, null, null, limit);
    }

    /** Deliveries to one openid. */
    public static MessageQuery touser(String touser, int limit) {
        return new MessageQuery(null, touser, null, limit);
    }

    boolean matches(Delivery d) {
        return (appId == null || appId.equals(d.appId()))
                && (touser == null || touser.equals(d.touser()))
                && (clientMsgId == null || clientMsgId.equals(d.clientMsgId()));
    }
}
