package io.hongyan.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON form of the fault settings, shared by {@code /_sim/config}, {@link WeChatSimulator#configure(String)}
 * and the start-up configuration. A patch names only the fields it changes; unknown fields and bad
 * values are refused as a whole (nothing applied). Numbers may also be given as strings, because
 * values from environment variables are strings.
 */
final class FaultJson {

    static final Set<String> SETTINGS = Set.of("latency_ms", "jitter_ms", "error_rate", "token_error_rate",
            "rate_limit_per_sec", "drop_before_prob", "drop_after_prob", "inject_errcodes", "token_lifetime_s",
            "old_token_grace_s");
    static final Set<String> ACTIONS = Set.of("fail_next", "fail_next_token", "drop_next_before", "drop_next_after",
            "expire_tokens_now");

    /**
     * A validated patch.
     *
     * @param faults          the new settings
     * @param failNext        replaces the scripted send failures, or null to keep them
     * @param failNextToken   replaces the scripted token failures, or null to keep them
     * @param dropNextBefore  new drop-before count, or null to keep it
     * @param dropNextAfter   new drop-after count, or null to keep it
     * @param expireTokensNow whether to expire every token now
     */
    record Update(FaultSettings faults, List<ScriptedFailure> failNext, List<ScriptedFailure> failNextToken,
                  Integer dropNextBefore, Integer dropNextAfter, boolean expireTokensNow) {
    }

    private FaultJson() {
    }

    static Update parse(FaultSettings base, JsonObject patch) {
        for (String key : patch.keySet()) {
            if (!SETTINGS.contains(key) && !ACTIONS.contains(key)) {
                throw new InvalidConfigException(key, "unknown field: " + key);
            }
        }
        FaultSettings.Builder b = base.toBuilder();
        if (patch.has("latency_ms")) {
            b.latencyMs(intValue(patch, "latency_ms"));
        }
        if (patch.has("jitter_ms")) {
            b.jitterMs(intValue(patch, "jitter_ms"));
        }
        if (patch.has("error_rate")) {
            b.errorRate(doubleValue(patch, "error_rate"));
        }
        if (patch.has("token_error_rate")) {
            b.tokenErrorRate(doubleValue(patch, "token_error_rate"));
        }
        if (patch.has("rate_limit_per_sec")) {
            b.rateLimitPerSec(intValue(patch, "rate_limit_per_sec"));
        }
        if (patch.has("drop_before_prob")) {
            b.dropBeforeProb(doubleValue(patch, "drop_before_prob"));
        }
        if (patch.has("drop_after_prob")) {
            b.dropAfterProb(doubleValue(patch, "drop_after_prob"));
        }
        if (patch.has("inject_errcodes")) {
            b.injectErrcodes(errcodeMap(patch.get("inject_errcodes")));
        }
        if (patch.has("token_lifetime_s")) {
            b.tokenLifetimeS(longValue(patch, "token_lifetime_s"));
        }
        if (patch.has("old_token_grace_s")) {
            b.oldTokenGraceS(longValue(patch, "old_token_grace_s"));
        }
        FaultSettings faults;
        try {
            faults = b.build();
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            String field = msg.contains(" ") ? msg.substring(0, msg.indexOf(' ')).replace(":", "") : null;
            throw new InvalidConfigException(field, msg);
        }
        return new Update(faults,
                patch.has("fail_next") ? failures(patch.get("fail_next"), "fail_next") : null,
                patch.has("fail_next_token") ? failures(patch.get("fail_next_token"), "fail_next_token") : null,
                patch.has("drop_next_before") ? nonNegative(patch, "drop_next_before") : null,
                patch.has("drop_next_after") ? nonNegative(patch, "drop_next_after") : null,
                patch.has("expire_tokens_now") && booleanValue(patch, "expire_tokens_now"));
    }

    static JsonObject toJson(FaultSettings f, Scripts scripts) {
        JsonObject o = new JsonObject();
        o.addProperty("latency_ms", f.latencyMs());
        o.addProperty("jitter_ms", f.jitterMs());
        o.addProperty("error_rate", f.errorRate());
        o.addProperty("token_error_rate", f.tokenErrorRate());
        o.addProperty("rate_limit_per_sec", f.rateLimitPerSec());
        o.addProperty("drop_before_prob", f.dropBeforeProb());
        o.addProperty("drop_after_prob", f.dropAfterProb());
        JsonObject inject = new JsonObject();
        new TreeMap<>(f.injectErrcodes()).forEach((k, v) -> inject.addProperty(Integer.toString(k), v));
        o.add("inject_errcodes", inject);
        o.addProperty("token_lifetime_s", f.tokenLifetimeS());
        o.addProperty("old_token_grace_s", f.oldTokenGraceS());
        o.add("fail_next", failuresJson(scripts.pendingFailNext()));
        o.add("fail_next_token", failuresJson(scripts.pendingFailNextToken()));
        o.addProperty("drop_next_before", scripts.pendingDropBefore());
        o.addProperty("drop_next_after", scripts.pendingDropAfter());
        return o;
    }

    private static JsonArray failuresJson(List<ScriptedFailure> steps) {
        JsonArray a = new JsonArray();
        for (ScriptedFailure s : steps) {
            JsonObject o = new JsonObject();
            o.addProperty("errcode", s.errcode());
            o.addProperty("count", s.count());
            a.add(o);
        }
        return a;
    }

    private static List<ScriptedFailure> failures(JsonElement e, String field) {
        if (!e.isJsonArray()) {
            throw new InvalidConfigException(field, field + " must be an array of {\"errcode\":int,\"count\":int}");
        }
        List<ScriptedFailure> out = new ArrayList<>();
        for (JsonElement item : e.getAsJsonArray()) {
            if (!item.isJsonObject()) {
                throw new InvalidConfigException(field, field + " items must be objects");
            }
            JsonObject o = item.getAsJsonObject();
            for (String k : o.keySet()) {
                if (!k.equals("errcode") && !k.equals("count")) {
                    throw new InvalidConfigException(field, field + ": unknown field " + k);
                }
            }
            int errcode = o.has("errcode") ? intValue(o, "errcode", field + ".errcode")
                    : fail(field, field + ".errcode is required");
            int count = o.has("count") ? intValue(o, "count", field + ".count") : 1;
            try {
                out.add(new ScriptedFailure(errcode, count));
            } catch (IllegalArgumentException ex) {
                throw new InvalidConfigException(field, field + ": " + ex.getMessage());
            }
        }
        return out;
    }

    private static Map<Integer, Double> errcodeMap(JsonElement e) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            // "45011:0.1,-1:0.05", the form an environment variable can carry.
            String s = e.getAsString().trim();
            if (!s.isEmpty()) {
                for (String pair : s.split(",")) {
                    String[] kv = pair.split(":");
                    if (kv.length != 2) {
                        throw new InvalidConfigException("inject_errcodes", "inject_errcodes: expected code:probability, got " + pair);
                    }
                    out.put(parseErrcode(kv[0].trim()), number("inject_errcodes", new JsonPrimitive(kv[1].trim())).doubleValue());
                }
            }
            return out;
        }
        if (!e.isJsonObject()) {
            throw new InvalidConfigException("inject_errcodes", "inject_errcodes must be an object {\"errcode\": probability}");
        }
        for (Map.Entry<String, JsonElement> kv : e.getAsJsonObject().entrySet()) {
            out.put(parseErrcode(kv.getKey()), number("inject_errcodes", kv.getValue()).doubleValue());
        }
        return out;
    }

    private static int parseErrcode(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException ex) {
            throw new InvalidConfigException("inject_errcodes", "inject_errcodes: not an errcode: " + s);
        }
    }

    private static int nonNegative(JsonObject o, String key) {
        int v = intValue(o, key);
        if (v < 0) {
            throw new InvalidConfigException(key, key + " must not be negative");
        }
        return v;
    }

    private static int intValue(JsonObject o, String key) {
        return intValue(o, key, key);
    }

    private static int intValue(JsonObject o, String key, String field) {
        long v = longValue(o, key, field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new InvalidConfigException(field, field + " is out of range");
        }
        return (int) v;
    }

    private static long longValue(JsonObject o, String key) {
        return longValue(o, key, key);
    }

    private static long longValue(JsonObject o, String key, String field) {
        BigDecimal d = number(field, o.get(key));
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidConfigException(field, field + " must be a whole number");
        }
    }

    private static double doubleValue(JsonObject o, String key) {
        return number(key, o.get(key)).doubleValue();
    }

    private static BigDecimal number(String field, JsonElement e) {
        if (e == null || !e.isJsonPrimitive() || e.getAsJsonPrimitive().isBoolean()) {
            throw new InvalidConfigException(field, field + " must be a number");
        }
        try {
            return new BigDecimal(e.getAsString().trim());
        } catch (NumberFormatException ex) {
            throw new InvalidConfigException(field, field + " must be a number");
        }
    }

    private static boolean booleanValue(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e != null && e.isJsonPrimitive()) {
            String s = e.getAsString();
            if (s.equals("true") || s.equals("false")) {
                return Boolean.parseBoolean(s);
            }
        }
        throw new InvalidConfigException(key, key + " must be true or false");
    }

    private static int fail(String field, String message) {
        throw new InvalidConfigException(field, message);
    }
}
