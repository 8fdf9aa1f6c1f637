package io.hongyan.ingress;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * A REST request's JSON body, read the same way by every endpoint: JSON content type (415),
 * size cap (413), strict well-formed UTF-8 JSON with one object at the root (400 malformed_json).
 *
 * @param text   the body as sent, for parsers that want text (proto3 JSON)
 * @param object the parsed root object
 */
public record JsonRequestBody(String text, JsonObject object) {

    public static JsonRequestBody read(ServerRequest request, BodyLimit limit) {
        boolean json = request.headers().contentType().map(type -> type.test(MediaTypes.APPLICATION_JSON)).orElse(false);
        if (!json) {
            throw ApiError.of(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "the body must be JSON: send Content-Type: application/json").asException();
        }
        byte[] bytes;
        try {
            bytes = limit.read(request);
        } catch (BodyTooLargeException e) {
            throw ApiError.of(Status.REQUEST_ENTITY_TOO_LARGE_413, "payload_too_large",
                    "the body is larger than " + e.maxBytes() + " bytes").asException();
        }
        String text = utf8(bytes);
        return new JsonRequestBody(text, parseObject(text));
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("the body is not valid UTF-8");
        }
    }

    private static JsonObject parseObject(String text) {
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw malformed("the body has data after its JSON value");
            }
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw malformed("the body is not well-formed JSON");
        }
        if (!root.isJsonObject()) {
            throw malformed("the body must be a JSON object");
        }
        return root.getAsJsonObject();
    }

    private static ApiException malformed(String message) {
        return ApiError.of(Status.BAD_REQUEST_400, "malformed_json", message).asException();
    }
}
