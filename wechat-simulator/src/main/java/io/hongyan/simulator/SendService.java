package io.hongyan.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * The three send APIs under {@code /cgi-bin/message}: {@code template/send}, {@code subscribe/send},
 * {@code custom/send}.
 *
 * <p>Check order (first match answers): latency → drop-before → access_token missing 41001 /
 * unknown or replaced 40001 / expired 42001 → rate limit 45009 → scripted failure → error_rate -1
 * → injected errcode → body: empty 44002, not a JSON object 47001, no touser 40003, no template_id
 * 40037 (template, subscribe), no msgtype 40008 (custom) → client_msg_id repeat (template only:
 * errcode 0 with the first msgid, nothing delivered) → delivered → drop-after.
 */
final class SendService implements HttpService {

    /** The endpoints, named by their path segment (also the key of {@code sends_ok}). */
    enum Endpoint {
        TEMPLATE("template"), SUBSCRIBE("subscribe"), CUSTOM("custom");

        final String name;

        Endpoint(String name) {
            this.name = name;
        }
    }

    private final SimulatorState state;

    SendService(SimulatorState state) {
        this.state = state;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/template/send", (req, res) -> send(Endpoint.TEMPLATE, req, res))
                .post("/subscribe/send", (req, res) -> send(Endpoint.SUBSCRIBE, req, res))
                .post("/custom/send", (req, res) -> send(Endpoint.CUSTOM, req, res));
    }

    private void send(Endpoint endpoint, ServerRequest req, ServerResponse res) {
        state.stats.sendStart();
        try {
            handle(endpoint, req, res);
        } finally {
            state.stats.sendDone();
        }
    }

    private void handle(Endpoint endpoint, ServerRequest req, ServerResponse res) {
        FaultSettings f = state.faults();
        state.delay(f);
        if (state.scripts.takeDropBefore() || SimulatorState.chance(f.dropBeforeProb())) {
            state.stats.droppedBefore();
            throw Replies.dropConnection("drop before processing");
        }
        String accessToken = req.query().first("access_token").orElse(null);
        TokenStore.Check check = state.tokens.check(accessToken);
        if (check instanceof TokenStore.Check.Error e) {
            refuse(res, e.errcode(), e.errmsg());
            return;
        }
        String appId = ((TokenStore.Check.Valid) check).appId();
        if (!state.rates.allow(appId, f.rateLimitPerSec(), state.clock.millis())) {
            refuse(res, 45009, "reach max api daily quota limit");
            return;
        }
        OptionalInt scripted = state.scripts.takeSendFailure();
        if (scripted.isPresent()) {
            refuse(res, scripted.getAsInt(), scripted.getAsInt() == -1 ? "system error" : "simulated failure");
            return;
        }
        if (SimulatorState.chance(f.errorRate())) {
            refuse(res, -1, "system error");
            return;
        }
        OptionalInt injected = SimulatorState.injected(f.injectErrcodes());
        if (injected.isPresent()) {
            refuse(res, injected.getAsInt(), injected.getAsInt() == -1 ? "system error" : "simulated failure");
            return;
        }

        String body = Replies.body(req);
        if (body.isBlank()) {
            refuse(res, 44002, "empty post data");
            return;
        }
        JsonObject json = parseObject(body);
        if (json == null) {
            refuse(res, 47001, "data format error");
            return;
        }
        String touser = string(json, "touser");
        if (touser == null || touser.isEmpty()) {
            refuse(res, 40003, "invalid openid");
            return;
        }
        String templateId = null;
        String msgtype = null;
        if (endpoint == Endpoint.CUSTOM) {
            msgtype = string(json, "msgtype");
            if (msgtype == null || msgtype.isEmpty()) {
                refuse(res, 40008, "invalid message type");
                return;
            }
        } else {
            templateId = string(json, "template_id");
            if (templateId == null || templateId.isEmpty()) {
                refuse(res, 40037, "invalid template_id");
                return;
            }
        }
        String clientMsgId = string(json, "client_msg_id");
        if (clientMsgId != null && clientMsgId.isEmpty()) {
            clientMsgId = null;
        }

        long msgid;
        if (endpoint == Endpoint.TEMPLATE && clientMsgId != null) {
            // Only the template API documents client_msg_id; the others ignore the field, as WeChat does.
            DedupCache.Outcome o = state.dedup.deliverOnce(appId, touser, clientMsgId, state.stats::nextMsgid);
            if (o.duplicate()) {
                state.stats.duplicateSuppressed();
                ok(res, endpoint, o.msgid());
                return;
            }
            msgid = o.msgid();
        } else {
            msgid = state.stats.nextMsgid();
        }
        state.messages.add(new Delivery(msgid, Instant.ofEpochMilli(state.clock.millis()), endpoint.name, appId, touser,
                templateId, msgtype, clientMsgId, accessToken,
                req.headers().first(HeaderNames.create("traceparent")).orElse(null), bounded(body)));
        state.stats.sendOk(endpoint.name);
        if (state.scripts.takeDropAfter() || SimulatorState.chance(f.dropAfterProb())) {
            state.stats.droppedAfter();
            throw Replies.dropConnection("drop after delivery");
        }
        ok(res, endpoint, msgid);
    }

    /** The log keeps at most this much of each body, so its memory stays bounded by count times this. */
    static final int MAX_RECORDED_BODY_CHARS = 16 * 1024;

    private static String bounded(String body) {
        return body.length() <= MAX_RECORDED_BODY_CHARS ? body
                : body.substring(0, MAX_RECORDED_BODY_CHARS) + "...[truncated " + body.length() + " chars]";
    }

    /** WeChat's customer-service API answers without a msgid; the others carry one. */
    private static void ok(ServerResponse res, Endpoint endpoint, long msgid) {
        JsonObject o = new JsonObject();
        o.addProperty("errcode", 0);
        o.addProperty("errmsg", "ok");
        if (endpoint != Endpoint.CUSTOM) {
            o.addProperty("msgid", msgid);
        }
        Replies.json(res, Status.OK_200, o);
    }

    private void refuse(ServerResponse res, int errcode, String errmsg) {
        state.stats.sendError(errcode);
        Replies.error(res, errcode, errmsg);
    }

    private static JsonObject parseObject(String body) {
        try {
            JsonElement e = JsonParser.parseString(body);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    /** A string field; a non-string value (object, array) counts as absent. */
    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }
}
