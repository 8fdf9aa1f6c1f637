package io.hongyan.platform.realtime;

import java.util.regex.Pattern;

/**
 * Realtime channel names and the NATS subjects that carry them. A channel is segments of
 * {@code [A-Za-z0-9_-]} joined by ':'; its subject is {@code hongyan.rt.} plus the segments
 * joined by '.', so no channel can smuggle NATS wildcards ('*', '>') or empty tokens.
 */
public final class Channels {
    public static final String SUBJECT_PREFIX = "hongyan.rt.";
    public static final int MAX_LENGTH = 200;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]+(:[A-Za-z0-9_-]+)*");

    private Channels() {
    }

    public static boolean isValid(String channel) {
        return channel != null && channel.length() <= MAX_LENGTH && VALID.matcher(channel).matches();
    }

    /** The NATS subject of a valid channel. */
    public static String subject(String channel) {
        if (!isValid(channel)) {
            throw new IllegalArgumentException("invalid channel name");
        }
        return SUBJECT_PREFIX + channel.replace(':', '.');
    }

    /** Status changes of one message. */
    public static String message(String messageId) {
        return "message:" + messageId;
    }

    /** Status changes of every message of an app. */
    public static String appStatus(String appId) {
        return "app:" + appId + ":status";
    }

    /** Inbound WeChat events (user messages, menu clicks, receipts) of an app. */
    public static String appInbound(String appId) {
        return "app:" + appId + ":inbound";
    }
}
