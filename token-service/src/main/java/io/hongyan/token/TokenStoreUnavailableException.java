package io.hongyan.token;

/** The token store (Redis) could not be reached or answered with an error; callers may retry. */
public final class TokenStoreUnavailableException extends RuntimeException {
    public TokenStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
