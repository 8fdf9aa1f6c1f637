package io.hongyan.ingress;

import io.helidon.http.Status;

import java.util.List;

/**
 * Which realtime channels an API key may hand out. A key for all apps may ask for any channel.
 * A key limited to some apps may ask only for {@code app:<its app>:…} channels (patterns
 * included) and for {@code message:<id>} of messages of its apps, which dispatch confirms.
 */
public final class ChannelAccess {
    private final Dispatch dispatch;

    public ChannelAccess(Dispatch dispatch) {
        this.dispatch = dispatch;
    }

    /** Returns normally if {@code key} may read every channel; 403 {@code forbidden} otherwise. */
    public void check(ApiKey key, List<String> channels) {
        if (!key.isRestricted()) {
            return;
        }
        for (int i = 0; i < channels.size(); i++) {
            if (!allowed(key, channels.get(i))) {
                throw ApiError.ofField(Status.FORBIDDEN_403, "forbidden",
                        "this API key may not read channels[" + i + "]: only app:<app>:… channels of its apps"
                                + " and message:<id> channels of their messages", "channels").asException();
            }
        }
    }

    private boolean allowed(ApiKey key, String channel) {
        String[] segments = channel.split(":", -1);
        if (segments.length >= 3 && segments[0].equals("app")) {
            return key.allowsApp(segments[1]);
        }
        if (segments.length == 2 && segments[0].equals("message") && !segments[1].equals("*")) {
            try {
                return dispatch.find(segments[1]).map(record -> key.allowsApp(record.getAppId())).orElse(false);
            } catch (DispatchFailure e) {
                throw ApiError.of(e).asException();
            }
        }
        return false;
    }
}
