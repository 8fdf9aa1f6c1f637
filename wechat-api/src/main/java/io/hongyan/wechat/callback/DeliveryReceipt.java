package io.hongyan.wechat.callback;

/**
 * WeChat's report on one sent message, from a {@code TEMPLATESENDJOBFINISH} event ({@code MsgID},
 * {@code Status}) or one item of a {@code subscribe_msg_sent_event} ({@code MsgID}, {@code ErrorStatus}).
 *
 * @param msgId     WeChat's msgid, as returned by the send API
 * @param status    WeChat's status text, e.g. {@code success}, {@code failed:user block},
 *                  {@code failed: system failed}
 * @param delivered true only for {@code success}: any other or unknown status is a failure (PROTOCOL.md §2)
 */
public record DeliveryReceipt(long msgId, String status, boolean delivered) {

    /** A receipt whose {@code delivered} follows from {@code status}. */
    public static DeliveryReceipt of(long msgId, String status) {
        String s = status == null ? "" : status.trim();
        return new DeliveryReceipt(msgId, s, "success".equalsIgnoreCase(s));
    }
}
