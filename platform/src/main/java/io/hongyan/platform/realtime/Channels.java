package io.hongyan.platform.realtime;

/**
 * Realtime channel names and the NATS subjects that carry them. A channel is segments of
 * {@code [A-Za-z0-9_-]} joined by ':'; its subject is {@code hongyan.rt.} plus the segments
 * joined by '.', so no channel can smuggle NATS wildcards ('*', '>') or empty tokens.
 */
public final class Channels {
    public static final String SUBJECT_PREFIX = "hongyan.rt.";
    public static final int MAX_LENGTH = 200;

    private Channels() {
    }

    /**
     * Whether {@code channel} is segments of {@code [A-Za-z0-9_-]} joined by ':'. A loop rather
     * than a regex: dispatch checks two channel names per status event, and the regex showed up in
     * its CPU profile.
     */
    public static boolean isValid(String channel) {
        if (channel == null || channel.isEmpty() || channel.length() > MAX_LENGTH) {
            return false;
        }
        boolean segmentStarted = false;
        for (int i = 0; i < channel.length(); i++) {
            char c = channel.charAt(i);
            if (c == ':') {
                if (!segmentStarted) {
                    return false; // empty segment
                }
                segmentStarted = false;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                segmentStarted = true;
            } else {
                return false;
            }
        }
        return segmentStarted; // no empty last segment
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
