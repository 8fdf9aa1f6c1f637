package io.hongyan.dispatch.core;

/** No access token could be had right now; the send is retried later. The message never holds the token. */
public final class TokenUnavailableException extends RuntimeException {
    public TokenUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
