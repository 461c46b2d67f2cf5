package minihttp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Request-targets taken apart: decoded segments, raw and decoded query. */
class TargetTest {

    static Stream<Arguments> targets() {
        return Stream.of(
            arguments("root", "/", List.of(""), null, Map.of()),
            arguments("plain segments", "/a/b", List.of("a", "b"), null, Map.of()),
            arguments("empty segment kept", "/a//b", List.of("a", "", "b"), null, Map.of()),
            arguments("escapes decoded as UTF-8", "/%E2%82%ac/x%20y", List.of("\u20ac", "x y"), null, Map.of()),
            arguments("plus is literal in the path", "/a+b", List.of("a+b"), null, Map.of()),
            arguments("encoded slash stays in its segment", "/a%2fb", List.of("a/b"), null, Map.of()),
            arguments("dot-segments removed", "/a/./b/../c", List.of("a", "c"), null, Map.of()),
            arguments("never above the root", "/../../x", List.of("x"), null, Map.of()),
            arguments("trailing '..' keeps the folder slash", "/a/b/..", List.of("a", ""), null, Map.of()),
            arguments("encoded dots are names, not dot-segments", "/%2e%2e/x", List.of("..", "x"), null, Map.of()),
            arguments("encoded NUL decodes", "/a%00b", List.of("a\u0000b"), null, Map.of()),
            arguments("query with plus and escapes", "/s?q=a+b%2B&x=%C3%A9", List.of("s"), "q=a+b%2B&x=%C3%A9", Map.of("q", List.of("a b+"), "x", List.of("\u00e9"))),
            arguments("query parameter repeated", "/s?a=1&a=2", List.of("s"), "a=1&a=2", Map.of("a", List.of("1", "2"))),
            arguments("query parameter without '='", "/s?a", List.of("s"), "a", Map.of("a", List.of(""))),
            arguments("only the first '=' splits", "/s?a=b=c", List.of("s"), "a=b=c", Map.of("a", List.of("b=c"))),
            arguments("empty pairs skipped", "/s?&&a=1&", List.of("s"), "&&a=1&", Map.of("a", List.of("1"))),
            arguments("empty query", "/s?", List.of("s"), "", Map.of()),
            arguments("absolute-form", "http://h:80/a?b=c", List.of("a"), "b=c", Map.of("b", List.of("c"))),
            arguments("absolute-form without path", "http://h", List.of(""), null, Map.of()),
            arguments("absolute-form with userinfo-like authority", "https://h.example", List.of(""), null, Map.of())
        );
    }

    static Stream<Arguments> invalidTargets() {
        return Stream.of(
            arguments("%zz", "/%zz"),
            arguments("%4 at the end", "/a%4"),
            arguments("% at the end", "/a%"),
            arguments("%ff is not UTF-8", "/%ff"),
            arguments("overlong encoding of '/'", "/%C0%AF"),
            arguments("encoded surrogate", "/%ED%A0%80"),
            arguments("%zz in query", "/?a=%zz"),
            arguments("%ff in query", "/?a=%ff"),
            arguments("fragment", "/a#f"),
            arguments("fragment after query", "/a?b#f"),
            arguments("relative path", "a/b"),
            arguments("other scheme", "ftp://h/a"),
            arguments("absolute-form without host", "http:///a"),
            arguments("absolute-form fragment without path", "http://h#f")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void targetIsTakenApart(String name, String raw, List<String> segments, String rawQuery, Map<String, List<String>> query) {
        Target target = Target.parse(raw);
        assertEquals(segments, target.segments(), "segments");
        assertEquals("/" + String.join("/", segments), target.path(), "path");
        assertEquals(rawQuery, target.rawQuery(), "raw query");
        assertEquals(query, target.query(), "query");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTargets")
    void malformedTargetIsRefusedWith400(String name, String raw) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> Target.parse(raw));
        assertEquals(400, e.status().code());
    }
}
