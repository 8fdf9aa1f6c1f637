package io.hongyan.wechat.callback;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Parser for JSON callback bodies (Mini Programs can be configured for JSON), giving the same
 * flat map as {@link CallbackXml} for the same callback (see {@link Flattener}).
 * Numbers keep their text as sent; JSON nulls are left out.
 */
public final class CallbackJson {

    private CallbackJson() {
    }

    /**
     * Parse a UTF-8 JSON object body.
     *
     * @throws MalformedCallbackException if too large, not well-formed, or not an object
     */
    public static Map<String, String> parse(byte[] body, int maxBytes) {
        if (body == null || body.length == 0) {
            throw new MalformedCallbackException(MalformedCallbackException.Reason.NOT_WELL_FORMED, "empty body");
        }
        if (body.length > maxBytes) {
            throw new MalformedCallbackException(MalformedCallbackException.Reason.TOO_LARGE,
                    body.length + " bytes > " + maxBytes);
        }
        return parse(new String(body, StandardCharsets.UTF_8));
    }

    private static Map<String, String> parse(String text) {
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException | StackOverflowError e) {
            throw new MalformedCallbackException(MalformedCallbackException.Reason.NOT_WELL_FORMED, null);
        }
        if (!root.isJsonObject()) {
            throw new MalformedCallbackException(MalformedCallbackException.Reason.WRONG_ROOT, "not a JSON object");
        }
        return Collections.unmodifiableMap(Flattener.flatten(children(root.getAsJsonObject(), 1)));
    }

    private static List<Flattener.Node> children(JsonObject o, int depth) {
        List<Flattener.Node> out = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            add(out, e.getKey(), e.getValue(), depth);
        }
        return out;
    }

    private static void add(List<Flattener.Node> out, String name, JsonElement value, int depth) {
        if (value.isJsonNull()) {
            return;
        }
        if (value.isJsonPrimitive()) {
            out.add(new Flattener.Node(name, value.getAsString(), null));
        } else if (value.isJsonObject()) {
            if (depth < Flattener.MAX_DEPTH) {
                out.add(new Flattener.Node(name, null, children(value.getAsJsonObject(), depth + 1)));
            }
        } else {
            // An array is the JSON form of repeated XML elements: one node per item, same name.
            JsonArray array = value.getAsJsonArray();
            for (JsonElement item : array) {
                add(out, name, item, depth);
            }
        }
    }
}
