package io.hongyan.token;

/** The answer to "WeChat refused this token". */
public enum Invalidation {
    /** It was the cached token and has been deleted. */
    DELETED,
    /** A newer token (or none) is cached; nothing was deleted. */
    NOT_CURRENT,
    /** No app with that id is configured. */
    UNKNOWN_APP
}
