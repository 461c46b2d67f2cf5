package minihttp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AcceptHeaderTest {
    static final String CHROME = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
            + "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
    static final String FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    static final String HTTPIE = "application/json, */*;q=0.5";

    private static int quality(String accept, String mediaType) {
        return AcceptHeader.parse(List.of(accept)).quality(mediaType);
    }

    /** Accept, then the qualities it gives text/html and text/plain. */
    static Stream<Arguments> clients() {
        return Stream.of(
                arguments("Chrome", CHROME, 1000, 800),
                arguments("Firefox", FIREFOX, 1000, 800),
                arguments("curl", "*/*", 1000, 1000),
                arguments("HTTPie", HTTPIE, 500, 500),
                arguments("plain text first", "text/plain, text/html;q=0.5", 500, 1000),
                arguments("HTML refused", "text/html;q=0", 0, 0),
                arguments("neither named", "application/json", 0, 0));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("clients")
    void realClients(String client, String accept, int html, int plain) {
        assertEquals(html, quality(accept, "text/html"));
        assertEquals(plain, quality(accept, "text/plain"));
    }

    @Test
    void noAcceptFieldAcceptsAnything() {
        AcceptHeader accept = AcceptHeader.parse(List.of());
        assertEquals(AcceptHeader.BEST, accept.quality("text/html"));
        assertEquals(AcceptHeader.BEST, accept.quality("text/plain"));
    }

    @Test
    void anEmptyAcceptFieldAcceptsNothing() {
        assertEquals(0, quality("", "text/html"));
        assertEquals(0, quality(" , ,", "text/plain"));
    }

    @Test
    void severalFieldsAreOneList() {
        AcceptHeader accept = AcceptHeader.parse(List.of("text/plain;q=0.2", "text/html"));
        assertEquals(1000, accept.quality("text/html"));
        assertEquals(200, accept.quality("text/plain"));
    }

    /** Accept, then the quality it gives text/html: the most specific range decides, whatever its quality. */
    static Stream<Arguments> precedence() {
        return Stream.of(
                arguments("*/*;q=0.1", 100),
                arguments("text/*;q=0.3, */*;q=0.9", 300),
                arguments("*/*;q=0.9, text/*;q=0.3", 300),
                arguments("text/html;q=0.2, text/*;q=0.9, */*", 200),
                arguments("*/*, text/*, text/html;q=0.4", 400),
                arguments("text/*;q=0", 0),
                arguments("text/*;q=0, text/html;q=0.5", 500),
                arguments("text/html;q=0, */*", 0),
                arguments("text/plain, image/*", 0),
                // Parameters other than q are not compared, so both ranges are text/html: the better counts.
                arguments("text/html;level=1;q=0.2, text/html;q=0.6", 600),
                arguments("text/html;q=0.6, text/html;level=1;q=0.2", 600));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("precedence")
    void theMostSpecificRangeWins(String accept, int html) {
        assertEquals(html, quality(accept, "text/html"));
    }

    /** Accept, then the quality it gives text/html. */
    static Stream<Arguments> qualityValues() {
        return Stream.of(
                arguments("text/html;q=1", 1000),
                arguments("text/html;q=1.", 1000),
                arguments("text/html;q=1.000", 1000),
                arguments("text/html;q=0", 0),
                arguments("text/html;q=0.", 0),
                arguments("text/html;q=0.5", 500),
                arguments("text/html;q=0.05", 50),
                arguments("text/html;q=0.001", 1),
                arguments("text/html;q=0.999", 999),
                arguments("text/html;Q=0.5", 500),
                arguments("text/html ; q=0.5 ", 500),
                arguments("text/html;charset=utf-8;q=0.5", 500),
                // RFC 9110 §12.5.1: q is the weight wherever it stands
                arguments("text/html;q=0.5;charset=utf-8", 500),
                arguments("text/html;q=0.5;q=0.9", 500),
                // a quoted parameter may hold what separates ranges and parameters
                arguments("text/plain;x=\"a, text/html;q=1\"", 0),
                arguments("text/html;x=\"a;q=0\";q=0.7", 700),
                arguments("text/html;x=\"a\\\";q=0\";q=0.7", 700));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("qualityValues")
    void qualityValuesAreReadToThreeDecimals(String accept, int html) {
        assertEquals(html, quality(accept, "text/html"));
    }

    /** Each range with an unreadable q is left out: text/html falls back to the 0.1 of the wildcard. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedQualities")
    void aRangeWithAMalformedQualityIsIgnored(String weight) {
        assertEquals(100, quality("text/html;" + weight + ", */*;q=0.1", "text/html"));
    }

    static Stream<String> malformedQualities() {
        return Stream.of("q=", "q", "q=abc", "q=1.5", "q=2", "q=1.001", "q=0.1234", "q=-0.5", "q=.5",
                "q=\"0.5\"", "q=0.5x", "q=1e-1");
    }

    @Test
    void aMalformedQualityLeavesTheOtherRangesAlone() {
        assertEquals(0, quality("text/html;q=oops", "text/html"));
        assertEquals(300, quality("text/html;q=oops, text/plain;q=0.3", "text/plain"));
    }

    /** Accept, then the quality it gives text/html. */
    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("TEXT/HTML", 1000),
                arguments("Text/Html;q=0.4", 400),
                arguments("TEXT/*;q=0.3", 300),
                arguments("text/HTML;q=0.2, */*", 200));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("cases")
    void typesAreComparedIgnoringCase(String accept, int html) {
        assertEquals(html, quality(accept, "text/html"));
        assertEquals(html, AcceptHeader.parse(List.of(accept)).quality("Text/HTML"));
    }

    /** Not media ranges: nothing they could mean covers text/html. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("notMediaRanges")
    void whatIsNotAMediaRangeMatchesNothing(String accept) {
        assertEquals(0, quality(accept, "text/html"));
    }

    static Stream<String> notMediaRanges() {
        return Stream.of("text", "*", "text/", "/html", "*/html", "html/text", "text/htm", "text/html2", "texts/*",
                ";q=1", "text/html/x");
    }
}
