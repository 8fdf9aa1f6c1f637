package io.hongyan.simulator;

/** A configuration change that was refused; nothing of it was applied. */
public class InvalidConfigException extends IllegalArgumentException {

    private final String field;

    InvalidConfigException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The offending field, or null if the whole document is wrong. */
    public String field() {
        return field;
    }
}
