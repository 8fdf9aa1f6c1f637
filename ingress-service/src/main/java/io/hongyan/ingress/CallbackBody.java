package io.hongyan.ingress;

/** A callback's body, read only once the request has passed the checks before it. */
@FunctionalInterface
public interface CallbackBody {

    byte[] read(BodyLimit limit) throws BodyTooLargeException;
}
