package minihttp.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import minihttp.http.ProtocolException;
import minihttp.http.Status;

/**
 * Checks that a request body is one JSON object and rewrites it compactly without losing anything:
 * member order, number text (big integers, "1.10") and string values are kept; only insignificant
 * whitespace and the choice of escapes may change. The top-level "id" member is the store's, so
 * it is taken out, and the caller decides whether its presence was allowed.
 */
final class JsonObjects {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A body that passed: the object without its top-level id, and that id's value if present. */
    record Parsed(String json, JsonToken idToken, String idText) {
        boolean hasId() {
            return idToken != null;
        }

        /** Whether the body's "id" is the integer {@code id}. */
        boolean idEquals(long id) {
            return idToken == JsonToken.VALUE_NUMBER_INT && new BigInteger(idText).equals(BigInteger.valueOf(id));
        }
    }

    private JsonObjects() {
    }

    /** @throws ProtocolException 400 with what was wrong: not UTF-8, empty, malformed, not an object, duplicate keys */
    static Parsed parseObject(byte[] body) {
        if (body.length == 0) throw invalid("the body is empty; send a JSON object");
        checkUtf8(body);
        StringWriter out = new StringWriter(body.length);
        JsonToken idToken = null;
        String idText = null;
        try (JsonParser parser = FACTORY.createParser(body); JsonGenerator generator = FACTORY.createGenerator(out)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) throw invalid("the body must be a JSON object");
            generator.writeStartObject();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("id")) {
                    idToken = value;
                    idText = parser.getText();
                    parser.skipChildren();
                    continue;
                }
                generator.writeFieldName(name);
                copyValue(parser, generator);
            }
            generator.writeEndObject();
            if (parser.nextToken() != null) throw invalid("only one JSON object may be sent");
        } catch (JsonProcessingException e) {
            throw invalid("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Parsed(out.toString(), idToken, idText);
    }

    private static void copyValue(JsonParser parser, JsonGenerator generator) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                generator.writeStartObject();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    generator.writeFieldName(parser.currentName());
                    parser.nextToken();
                    copyValue(parser, generator);
                }
                generator.writeEndObject();
            }
            case START_ARRAY -> {
                generator.writeStartArray();
                while (parser.nextToken() != JsonToken.END_ARRAY) copyValue(parser, generator);
                generator.writeEndArray();
            }
            // The number's own text, so 1.10 stays 1.10 and 2^100 stays exact.
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> generator.writeNumber(parser.getText());
            default -> generator.copyCurrentEvent(parser);
        }
    }

    private static void checkUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw invalid("the body is not valid UTF-8");
        }
    }

    /** The item as clients see it: the stored object with "id" as its first member. */
    static String withId(long id, String storedObject) {
        String members = storedObject.substring(1, storedObject.length() - 1);
        return "{\"id\":" + id + (members.isEmpty() ? "" : "," + members) + "}";
    }

    private static ProtocolException invalid(String message) {
        return new ProtocolException(Status.BAD_REQUEST_400, message, false);
    }
}
