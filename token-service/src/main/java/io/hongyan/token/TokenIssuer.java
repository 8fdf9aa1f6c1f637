package io.hongyan.token;

import io.hongyan.platform.config.WeChatApp;

/** Asks WeChat for an app's access token. Only {@link AccessTokens} calls it, holding the app's refresh lock. */
public interface TokenIssuer {

    /**
     * One call to WeChat's token API.
     *
     * @param forceRefresh ask WeChat to replace a token it still considers valid (stable_token's
     *                     force_refresh; ignored by the plain token API, which always issues a new one)
     */
    Issuance issue(WeChatApp app, boolean forceRefresh);
}
