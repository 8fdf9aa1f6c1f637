package io.hongyan.wechat.api;

import java.util.function.BiConsumer;

/**
 * Adds headers to every request the {@link WeChatApiClient} makes, e.g. W3C {@code traceparent}.
 *
 * <p>Called on the calling thread just before each request is sent, so it can read the caller's
 * current span or context. An exception thrown here is swallowed: tracing must never stop a send.
 */
@FunctionalInterface
public interface RequestDecorator {

    /** Does nothing. */
    RequestDecorator NONE = header -> { };

    /**
     * Add headers.
     *
     * @param header call with (name, value) for each header to add
     */
    void decorate(BiConsumer<String, String> header);
}
