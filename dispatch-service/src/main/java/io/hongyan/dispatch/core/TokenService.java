package io.hongyan.dispatch.core;

/**
 * token-service, the owner of every app's access token (the only caller of WeChat's token API):
 * dispatch asks it for tokens and reports the ones WeChat refused.
 */
public interface TokenService {

    /**
     * The app's current access token and its expiry.
     *
     * @throws TokenUnavailableException when none can be had now
     */
    IssuedAccessToken accessToken(String appId);

    /** Reports that WeChat refused {@code accessToken}; best effort, never throws. */
    void invalidate(String appId, String accessToken);
}
