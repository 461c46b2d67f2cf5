package minihttp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Json.quote: a JSON string literal (RFC 8259 §7) for any Java string. */
class JsonTest {

    static Stream<Arguments> quotes() {
        return Stream.of(
            arguments("plain", "abc", "\"abc\""),
            arguments("empty", "", "\"\""),
            arguments("quote escaped", "a\"b", "\"a\\\"b\""),
            arguments("backslash escaped", "a\\b", "\"a\\\\b\""),
            arguments("slash left alone", "a/b", "\"a/b\""),
            arguments("newline, return, tab", "\n\r\t", "\"\\n\\r\\t\""),
            arguments("NUL as \\u0000", "\u0000", "\"\\u0000\""),
            arguments("other controls as \\u00XX", "\u0001\u001f\b\f", "\"\\u0001\\u001f\\u0008\\u000c\""),
            arguments("DEL escaped", "\u007f", "\"\\u007f\""),
            arguments("Unicode kept", "caf\u00e9 \u20ac", "\"caf\u00e9 \u20ac\""),
            arguments("surrogate pair kept", "\uD83D\uDE00", "\"\uD83D\uDE00\""),
            arguments("lone high surrogate escaped", "a\uD83Db", "\"a\\ud83db\""),
            arguments("lone low surrogate escaped", "\uDE00", "\"\\ude00\"")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quotes")
    void stringIsQuoted(String name, String text, String json) {
        assertEquals(json, Json.quote(text));
    }
}
