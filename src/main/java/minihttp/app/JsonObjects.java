package minihttp.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import minihttp.http.Status;

/**
 * Checks that a request body is one JSON object (RFC 8259) in UTF-8 and keeps its text: each
 * top-level member is cut out of the body exactly as sent, so member order, number text (big
 * integers, "1.10"), escapes and whitespace inside a member all survive; only the whitespace
 * between members is dropped. The top-level "id" member is the store's, so it is left out, and
 * the caller decides whether its presence was allowed.
 */
final class JsonObjects {
    // The body limit already bounds sizes; Jackson's own defaults (e.g. 1000-digit numbers)
    // would refuse valid JSON. Nesting stays bounded so that a deep body cannot exhaust a stack.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(1000)
                    .build())
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

    /** @throws ClientError 400 with what was wrong: not UTF-8, empty, malformed, not an object, duplicate keys */
    static Parsed parseObject(byte[] body) {
        if (body.length == 0) throw invalid("the body is empty; send a JSON object");
        // Decoded here, strictly: given bytes, Jackson would guess UTF-16 or UTF-32 for some.
        String text = decodeUtf8(body);
        List<String> members = new ArrayList<>();
        JsonToken idToken = null;
        String idText = null;
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) throw invalid("the body must be a JSON object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                int memberStart = (int) parser.currentTokenLocation().getCharOffset();
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                parser.skipChildren();
                parser.finishToken(); // so that the location below is past the whole value
                int memberEnd = (int) parser.currentLocation().getCharOffset();
                if (name.equals("id")) {
                    idToken = value;
                    idText = parser.getText();
                } else {
                    members.add(text.substring(memberStart, memberEnd));
                }
            }
            if (parser.nextToken() != null) throw invalid("only one JSON object may be sent");
        } catch (JsonProcessingException e) {
            throw invalid("malformed JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Parsed("{" + String.join(",", members) + "}", idToken, idText);
    }

    private static String decodeUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("the body is not valid UTF-8");
        }
    }

    /** Jackson appends the input's location on further lines; the first says what was wrong. */
    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The item as clients see it: the stored object with "id" as its first member. */
    static String withId(long id, String storedObject) {
        String members = storedObject.substring(1, storedObject.length() - 1);
        return "{\"id\":" + id + (members.isEmpty() ? "" : "," + members) + "}";
    }

    private static ClientError invalid(String message) {
        return new ClientError(Status.BAD_REQUEST_400, message);
    }
}
