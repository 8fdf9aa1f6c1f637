package io.hongyan.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Map;

/**
 * The control API under {@code /_sim}: config, expire_tokens, stats, messages, reset, health.
 * Not part of WeChat; errors use Hongyan's {@code {"error":{"code","message","field"}}} shape.
 */
final class ControlService implements HttpService {

    private final SimulatorState state;

    ControlService(SimulatorState state) {
        this.state = state;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/config", (req, res) -> Replies.json(res, Status.OK_200, state.configJson()))
                .post("/config", this::configure)
                .post("/expire_tokens", this::expireTokens)
                .get("/stats", (req, res) -> Replies.json(res, Status.OK_200, statsJson(state.stats.snapshot())))
                .get("/messages", this::messages)
                .post("/reset", this::reset)
                .get("/health", (req, res) -> {
                    JsonObject o = new JsonObject();
                    o.addProperty("status", "UP");
                    Replies.json(res, Status.OK_200, o);
                });
    }

    private void configure(ServerRequest req, ServerResponse res) {
        JsonObject patch;
        try {
            JsonElement e = JsonParser.parseString(Replies.body(req));
            if (!e.isJsonObject()) {
                throw new JsonParseException("not an object");
            }
            patch = e.getAsJsonObject();
        } catch (JsonParseException e) {
            Replies.controlError(res, Status.BAD_REQUEST_400, "bad_json", "body must be a JSON object", null);
            return;
        }
        try {
            Replies.json(res, Status.OK_200, state.configure(patch));
        } catch (InvalidConfigException e) {
            Replies.controlError(res, Status.BAD_REQUEST_400, "invalid_config", e.getMessage(), e.field());
        }
    }

    private void expireTokens(ServerRequest req, ServerResponse res) {
        state.tokens.expireAll();
        JsonObject o = new JsonObject();
        o.addProperty("expired", true);
        Replies.json(res, Status.OK_200, o);
    }

    private void reset(ServerRequest req, ServerResponse res) {
        String tokens = req.query().first("tokens").orElse("0");
        boolean forget = tokens.equals("1") || tokens.equalsIgnoreCase("true");
        state.reset(forget);
        JsonObject o = new JsonObject();
        o.addProperty("reset", true);
        o.addProperty("tokens_forgotten", forget);
        Replies.json(res, Status.OK_200, o);
    }

    private void messages(ServerRequest req, ServerResponse res) {
        int limit;
        try {
            limit = Integer.parseInt(req.query().first("limit").orElse("100"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1) {
            Replies.controlError(res, Status.BAD_REQUEST_400, "invalid_parameter", "limit must be a positive integer", "limit");
            return;
        }
        MessageQuery q = new MessageQuery(req.query().first("appid").orElse(null), req.query().first("touser").orElse(null),
                req.query().first("client_msg_id").orElse(null), limit);
        List<Delivery> list = state.messages.query(q::matches, q.limit());
        JsonArray a = new JsonArray();
        list.forEach(d -> a.add(deliveryJson(d)));
        JsonObject o = new JsonObject();
        o.addProperty("count", list.size());
        o.add("messages", a);
        Replies.json(res, Status.OK_200, o);
    }

    static JsonObject deliveryJson(Delivery d) {
        JsonObject o = new JsonObject();
        o.addProperty("msgid", d.msgid());
        o.addProperty("time", d.time().toString());
        o.addProperty("endpoint", d.endpoint());
        o.addProperty("appid", d.appId());
        o.addProperty("touser", d.touser());
        o.addProperty("template_id", d.templateId());
        o.addProperty("msgtype", d.msgtype());
        o.addProperty("client_msg_id", d.clientMsgId());
        o.addProperty("access_token", d.accessToken());
        o.addProperty("traceparent", d.traceparent());
        o.addProperty("body", d.body());
        return o;
    }

    static JsonObject statsJson(SimulatorStats s) {
        JsonObject o = new JsonObject();
        o.addProperty("token_calls", s.tokenCalls());
        o.addProperty("stable_token_calls", s.stableTokenCalls());
        o.addProperty("force_refreshes", s.forceRefreshes());
        o.add("token_errors", counts(s.tokenErrors()));
        o.addProperty("send_calls", s.sendCalls());
        o.add("sends_ok", counts(s.sendsOk()));
        o.addProperty("sends_ok_total", s.sendsOkTotal());
        o.add("sends_err", counts(s.sendsErr()));
        o.addProperty("duplicates_suppressed", s.duplicatesSuppressed());
        o.addProperty("dropped_before", s.droppedBefore());
        o.addProperty("dropped_after", s.droppedAfter());
        o.addProperty("in_flight_sends", s.inFlightSends());
        o.addProperty("max_in_flight_sends", s.maxInFlightSends());
        o.addProperty("last_msgid", s.lastMsgid());
        return o;
    }

    private static JsonObject counts(Map<?, Long> m) {
        JsonObject o = new JsonObject();
        m.forEach((k, v) -> o.addProperty(String.valueOf(k), v));
        return o;
    }
}
