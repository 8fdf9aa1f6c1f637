package io.hongyan.ingress;

import com.google.gson.JsonObject;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.hongyan.platform.realtime.SubscriberGrant;
import io.hongyan.platform.realtime.SubscriberTokens;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code POST /v1/realtime/tokens}: signed subscriber tokens for realtime-service's WebSocket,
 * limited to the channels asked for and to what the API key may see.
 * Answers {@code 201 {"token","expiresAt","url"}}.
 */
public final class RealtimeTokensHttpService implements HttpService {
    private final ApiKeyAuthenticator authenticator;
    private final ChannelAccess channelAccess;
    private final SubscriberTokens tokens;
    private final String publicUrl;
    private final BodyLimit bodyLimit;
    private final Clock clock;

    public RealtimeTokensHttpService(ApiKeyAuthenticator authenticator, ChannelAccess channelAccess, SubscriberTokens tokens,
                                     String publicUrl, BodyLimit bodyLimit, Clock clock) {
        this.authenticator = authenticator;
        this.channelAccess = channelAccess;
        this.tokens = tokens;
        this.publicUrl = publicUrl;
        this.bodyLimit = bodyLimit;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/realtime/tokens", this::issue);
    }

    private void issue(ServerRequest request, ServerResponse response) {
        ApiKey key = authenticator.authenticate(request);
        RealtimeTokenRequest wanted = RealtimeTokenRequest.parse(JsonRequestBody.read(request, bodyLimit).object());
        channelAccess.check(key, wanted.channels());
        // Tokens carry whole seconds; truncating first makes expiresAt exactly what the token says.
        Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(wanted.ttlSeconds());
        String token = tokens.issue(new SubscriberGrant("api-key:" + key.name(), wanted.channels(), expiresAt));

        JsonObject body = new JsonObject();
        body.addProperty("token", token);
        body.addProperty("expiresAt", expiresAt.toString());
        body.addProperty("url", publicUrl + (publicUrl.contains("?") ? "&" : "?") + "token=" + token);
        response.status(Status.CREATED_201);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
