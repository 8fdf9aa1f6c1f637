package io.hongyan.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.OptionalInt;

/**
 * {@code GET /cgi-bin/token} and {@code POST /cgi-bin/stable_token}.
 *
 * <p>Check order: latency → grant_type (40002) → appid missing (41002) → secret missing (41004)
 * → unknown appid (40013) → wrong secret (40125; WeChat also uses 40001 for this, we pick the
 * specific code) → scripted token failure → {@code token_error_rate} (-1) → token.
 * stable_token first refuses an empty body (44002) and a body that is not a JSON object (47001).
 */
final class TokenService implements HttpService {

    private final SimulatorState state;

    TokenService(SimulatorState state) {
        this.state = state;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/token", this::token)
                .post("/stable_token", this::stableToken);
    }

    private void token(ServerRequest req, ServerResponse res) {
        state.stats.tokenCall();
        FaultSettings f = state.faults();
        state.delay(f);
        var q = req.query();
        Refusal refusal = checkCredentials(f, q.first("grant_type").orElse(null), q.first("appid").orElse(null),
                q.first("secret").orElse(null));
        if (refusal != null) {
            refuse(res, refusal);
            return;
        }
        String appId = q.first("appid").get();
        TokenStore.Issued issued = state.tokens.issuePlain(appId, f);
        reply(res, issued);
    }

    private void stableToken(ServerRequest req, ServerResponse res) {
        state.stats.stableTokenCall();
        FaultSettings f = state.faults();
        state.delay(f);
        String body = Replies.body(req);
        if (body.isBlank()) {
            refuse(res, new Refusal(44002, "empty post data"));
            return;
        }
        JsonObject json;
        try {
            JsonElement e = JsonParser.parseString(body);
            if (!e.isJsonObject()) {
                throw new JsonParseException("not an object");
            }
            json = e.getAsJsonObject();
        } catch (JsonParseException e) {
            refuse(res, new Refusal(47001, "data format error"));
            return;
        }
        String grantType = string(json, "grant_type");
        String appId = string(json, "appid");
        String secret = string(json, "secret");
        Boolean force = bool(json, "force_refresh");
        if (force == null) {
            refuse(res, new Refusal(47001, "data format error"));
            return;
        }
        Refusal refusal = checkCredentials(f, grantType, appId, secret);
        if (refusal != null) {
            refuse(res, refusal);
            return;
        }
        TokenStore.Issued issued = state.tokens.stable(appId, force, f);
        if (force) {
            state.stats.forceRefresh();
        }
        reply(res, issued);
    }

    private record Refusal(int errcode, String errmsg) {
    }

    private Refusal checkCredentials(FaultSettings f, String grantType, String appId, String secret) {
        if (!"client_credential".equals(grantType)) {
            return new Refusal(40002, "invalid grant_type");
        }
        if (appId == null || appId.isEmpty()) {
            return new Refusal(41002, "appid missing");
        }
        if (secret == null || secret.isEmpty()) {
            return new Refusal(41004, "appsecret missing");
        }
        String expected = state.secrets.get(appId);
        if (expected == null) {
            return new Refusal(40013, "invalid appid");
        }
        if (!expected.equals(secret)) {
            return new Refusal(40125, "invalid appsecret");
        }
        OptionalInt scripted = state.scripts.takeTokenFailure();
        if (scripted.isPresent()) {
            return new Refusal(scripted.getAsInt(), "simulated failure");
        }
        if (SimulatorState.chance(f.tokenErrorRate())) {
            return new Refusal(-1, "system error");
        }
        return null;
    }

    private void refuse(ServerResponse res, Refusal r) {
        state.stats.tokenError(r.errcode());
        Replies.error(res, r.errcode(), r.errmsg());
    }

    private static void reply(ServerResponse res, TokenStore.Issued issued) {
        JsonObject o = new JsonObject();
        o.addProperty("access_token", issued.accessToken());
        o.addProperty("expires_in", issued.expiresInSeconds());
        Replies.json(res, io.helidon.http.Status.OK_200, o);
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /** force_refresh: absent means false; anything but a boolean is a format error (null). */
    private static Boolean bool(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return false;
        }
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean() : null;
    }
}
