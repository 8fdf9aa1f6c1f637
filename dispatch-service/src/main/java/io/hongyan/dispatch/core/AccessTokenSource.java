package io.hongyan.dispatch.core;

/** Access tokens for WeChat API calls (token-service owns them; we only ask and report bad ones). */
public interface AccessTokenSource {

    /**
     * A currently valid access token for the app.
     *
     * @throws TokenUnavailableException when none can be had now
     */
    String accessToken(String appId);

    /** Reports that WeChat refused {@code accessToken}; best effort, never throws. */
    void invalidate(String appId, String accessToken);
}
