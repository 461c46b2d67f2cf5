package minihttp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import minihttp.http.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonObjectsTest {

    private static JsonObjects.Parsed parse(String json) {
        return JsonObjects.parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> keptExactly() {
        return Stream.of(
                Arguments.of("member order", "{\"z\":1,\"a\":2,\"m\":3}"),
                Arguments.of("a big integer", "{\"n\":123456789012345678901234567890}"),
                Arguments.of("a decimal with a trailing zero", "{\"d\":1.10}"),
                Arguments.of("an exponent", "{\"e\":-0.5E-3}"),
                Arguments.of("negative zero", "{\"z\":-0}"),
                Arguments.of("nesting", "{\"a\":[1,{\"b\":[true,false,null]},\"s\"],\"o\":{}}"),
                Arguments.of("Unicode, raw", "{\"s\":\"é 中文 😀\"}"),
                Arguments.of("escapes that must stay escapes", "{\"s\":\"\\\"q\\\" \\\\ \\n \\u0001\"}"),
                Arguments.of("an empty object", "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keptExactly")
    void compactObjectsAreKeptByteForByte(String name, String json) {
        assertEquals(json, parse(json).json());
    }

    @Test
    void whitespaceInsideAMemberIsKeptAndBetweenMembersDropped() {
        assertEquals("{\"a\" : [ 1 , 2 ],\"b\":\"x y\"}", parse(" {\n \"a\" : [ 1 , 2 ] ,\t\"b\":\"x y\" } ").json());
    }

    @Test
    void escapesAreKeptAsSent() {
        assertEquals("{\"s\":\"\\u00e9\\/\\u001f\"}", parse("{\"s\":\"\\u00e9\\/\\u001f\"}").json());
    }

    @Test
    void anUnpairedSurrogateEscapeIsKeptAsSent() {
        assertEquals("{\"a\":\"\\ud800\"}", parse("{\"a\":\"\\ud800\"}").json());
    }

    @Test
    void aNumberOfManyThousandDigitsIsKept() {
        String digits = "9".repeat(5000);
        assertEquals("{\"n\":" + digits + "}", parse("{\"n\":" + digits + "}").json());
    }

    @Test
    void theTopLevelIdIsTakenOutAndReported() {
        JsonObjects.Parsed parsed = parse("{\"a\":1,\"id\":7,\"b\":{\"id\":8}}");
        assertEquals("{\"a\":1,\"b\":{\"id\":8}}", parsed.json());
        assertTrue(parsed.hasId());
        assertTrue(parsed.idEquals(7));
        assertFalse(parsed.idEquals(8));
    }

    @Test
    void anIdThatIsNotTheSameIntegerDoesNotEqual() {
        assertFalse(parse("{\"id\":\"7\"}").idEquals(7));
        assertFalse(parse("{\"id\":7.0}").idEquals(7));
        assertFalse(parse("{\"id\":{\"x\":7}}").idEquals(7));
        assertTrue(parse("{\"id\":7}").idEquals(7));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("malformed", bytes("{\"a\":")),
                Arguments.of("an array", bytes("[1]")),
                Arguments.of("a string", bytes("\"s\"")),
                Arguments.of("a number", bytes("1")),
                Arguments.of("null", bytes("null")),
                Arguments.of("duplicate keys", bytes("{\"a\":1,\"a\":2}")),
                Arguments.of("duplicate keys in a nested object", bytes("{\"o\":{\"a\":1,\"a\":2}}")),
                Arguments.of("two objects", bytes("{} {}")),
                Arguments.of("trailing garbage", bytes("{}x")),
                Arguments.of("invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'}),
                Arguments.of("an overlong UTF-8 encoding", new byte[] {'{', '"', (byte) 0xc0, (byte) 0xaf, '"', ':', '1', '}'}),
                Arguments.of("an unclosed object", bytes("{\"a\":1")),
                Arguments.of("a comment", bytes("{/* c */\"a\":1}")),
                Arguments.of("single quotes", bytes("{'a':1}")),
                Arguments.of("UTF-16 without a byte order mark", "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE)),
                Arguments.of("UTF-32", "{\"a\":1}".getBytes(java.nio.charset.Charset.forName("UTF-32BE"))),
                Arguments.of("nesting deeper than 1000", bytes("{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void invalidBodiesAreA400(String name, byte[] body) {
        ClientError refused = assertThrows(ClientError.class, () -> JsonObjects.parseObject(body));
        assertEquals(Status.BAD_REQUEST_400, refused.status());
        assertFalse(refused.getMessage().isBlank());
    }

    @Test
    void theIdGoesFirstWhenAnItemIsShown() {
        assertEquals("{\"id\":3,\"a\":1}", JsonObjects.withId(3, "{\"a\":1}"));
        assertEquals("{\"id\":3}", JsonObjects.withId(3, "{}"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
