package io.hongyan.ingress;

import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A cap on request bodies read into memory: a declared Content-Length over the cap is refused
 * before reading, and a chunked body is cut off one byte past it.
 */
public record BodyLimit(int maxBytes) {

    public BodyLimit {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
    }

    public byte[] read(ServerRequest request) throws BodyTooLargeException {
        var declared = request.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            throw new BodyTooLargeException(maxBytes);
        }
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        byte[] buffer = new byte[Math.min(maxBytes + 1, 8192)];
        int length = 0;
        try (InputStream in = request.content().inputStream()) {
            int read;
            while ((read = in.read(buffer, length, buffer.length - length)) >= 0) {
                length += read;
                if (length == buffer.length) {
                    if (length > maxBytes) {
                        throw new BodyTooLargeException(maxBytes);
                    }
                    buffer = Arrays.copyOf(buffer, Math.min(maxBytes + 1, buffer.length * 2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        return Arrays.copyOf(buffer, length);
    }
}
