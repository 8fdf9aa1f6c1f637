package io.hongyan.platform.realtime;

import java.time.Instant;
import java.util.List;

/**
 * What a subscriber token allows: the channels it may read (exact names, or a prefix ending
 * in {@code :*} such as {@code app:wx123:*}) until it expires.
 */
public record SubscriberGrant(String subject, List<String> channels, Instant expiresAt) {

    public SubscriberGrant {
        channels = List.copyOf(channels);
    }

    public boolean allows(String channel) {
        if (!Channels.isValid(channel)) {
            return false;
        }
        for (String pattern : channels) {
            if (pattern.equals(channel)) {
                return true;
            }
            if (pattern.endsWith(":*") && channel.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
