package minihttp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HTTP dates (RFC 9110 §5.6.7): IMF-fixdate written; all three forms read. */
class HttpDateTest {

    static Stream<Arguments> formatted() {
        return Stream.of(
            arguments("epoch", "1970-01-01T00:00:00Z", "Thu, 01 Jan 1970 00:00:00 GMT"),
            arguments("day padded to two digits", "2026-11-05T08:49:37Z", "Thu, 05 Nov 2026 08:49:37 GMT"),
            arguments("RFC example", "1994-11-06T08:49:37Z", "Sun, 06 Nov 1994 08:49:37 GMT"),
            arguments("fractions of a second dropped", "2024-02-29T23:59:59.999Z", "Thu, 29 Feb 2024 23:59:59 GMT")
        );
    }

    static Stream<Arguments> parsed() {
        return Stream.of(
            arguments("IMF-fixdate", "Sun, 06 Nov 1994 08:49:37 GMT", "1994-11-06T08:49:37Z"),
            arguments("RFC 850, two-digit year in the past century", "Sunday, 06-Nov-94 08:49:37 GMT", "1994-11-06T08:49:37Z"),
            arguments("RFC 850, two-digit year in this century", "Thursday, 05-Nov-20 08:49:37 GMT", "2020-11-05T08:49:37Z"),
            arguments("asctime, one-digit day", "Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37Z"),
            arguments("asctime, two-digit day", "Wed Nov 16 08:49:37 1994", "1994-11-16T08:49:37Z"),
            arguments("surrounding whitespace ignored", "  Sun, 06 Nov 1994 08:49:37 GMT ", "1994-11-06T08:49:37Z")
        );
    }

    static Stream<Arguments> notDates() {
        return Stream.of(
            arguments("empty", ""),
            arguments("words", "yesterday"),
            arguments("not GMT", "Sun, 06 Nov 1994 08:49:37 UTC"),
            arguments("day not padded", "Sun, 6 Nov 1994 08:49:37 GMT"),
            arguments("impossible day", "Sun, 31 Nov 1994 08:49:37 GMT"),
            arguments("ISO 8601", "1994-11-06T08:49:37Z")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formatted")
    void instantIsWrittenAsImfFixdate(String name, String instant, String text) {
        assertEquals(text, HttpDate.format(Instant.parse(instant)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsed")
    void everyHttpDateFormIsRead(String name, String text, String instant) {
        assertEquals(Optional.of(Instant.parse(instant)), HttpDate.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notDates")
    void anythingElseIsNoDate(String name, String text) {
        assertEquals(Optional.empty(), HttpDate.parse(text));
    }

    @Test
    void formattedDateReadsBack() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        assertEquals(Optional.of(now), HttpDate.parse(HttpDate.format(now)));
    }
}
