package io.hongyan.ingress;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * {@code Authorization: Bearer <api key>} against {@code hongyan.api-keys}. The presented key is
 * hashed and compared with every configured key's hash in constant time, so neither the
 * comparison nor the number of keys tried says how close a guess was.
 */
public final class ApiKeyAuthenticator {
    private static final String BEARER = "bearer ";

    private final List<ApiKey> keys;

    public ApiKeyAuthenticator(List<ApiKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** The caller's key; 401 {@code unauthorized} when missing or unknown. */
    public ApiKey authenticate(ServerRequest request) {
        Optional<String> header = request.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty() || !header.get().regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("missing API key: send Authorization: Bearer <api key>");
        }
        return find(header.get().substring(BEARER.length()).trim())
                .orElseThrow(() -> unauthorized("unknown API key"));
    }

    /** The caller's key if it may act for {@code appId}; 403 {@code forbidden} otherwise. */
    public ApiKey authenticateFor(ServerRequest request, String appId) {
        ApiKey key = authenticate(request);
        if (!key.allowsApp(appId)) {
            throw ApiError.of(Status.FORBIDDEN_403, "forbidden", "this API key may not act for app " + appId).asException();
        }
        return key;
    }

    Optional<ApiKey> find(String presented) {
        byte[] digest = ApiKey.sha256(presented);
        ApiKey match = null;
        for (ApiKey key : keys) {
            // No early exit: every key is compared.
            if (MessageDigest.isEqual(digest, key.keyDigest()) && match == null) {
                match = key;
            }
        }
        return Optional.ofNullable(match);
    }

    private static ApiException unauthorized(String message) {
        return ApiError.of(Status.UNAUTHORIZED_401, "unauthorized", message).asException();
    }
}
