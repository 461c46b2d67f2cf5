package minihttp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Range field values against a representation size, one named row each (RFC 9110 §14.1). */
class ByteRangeTest {
    private static final ByteRange.Selection WHOLE = new ByteRange.Whole();
    private static final ByteRange.Selection UNSATISFIABLE = new ByteRange.Unsatisfiable();

    private static ByteRange.Selection part(long first, long last) {
        return new ByteRange.Part(new ByteRange(first, last));
    }

    static Stream<Arguments> ranges() {
        return Stream.of(
            arguments("first and last", "bytes=0-4", 10, part(0, 4)),
            arguments("one byte", "bytes=3-3", 10, part(3, 3)),
            arguments("open end", "bytes=4-", 10, part(4, 9)),
            arguments("suffix", "bytes=-3", 10, part(7, 9)),
            arguments("suffix longer than the file is the whole file", "bytes=-50", 10, part(0, 9)),
            arguments("last beyond the end is clipped", "bytes=8-100", 10, part(8, 9)),
            arguments("last byte exactly", "bytes=9-9", 10, part(9, 9)),
            arguments("whole file as a range", "bytes=0-", 10, part(0, 9)),
            arguments("unit is case-insensitive", "Bytes=0-1", 10, part(0, 1)),
            arguments("empty list elements are ignored", "bytes=,0-1,", 10, part(0, 1)),
            arguments("whitespace around the element", "bytes= 0-1 ", 10, part(0, 1)),
            arguments("huge last-pos saturates and clips", "bytes=0-99999999999999999999999", 10, part(0, 9)),
            arguments("huge suffix saturates to the whole file", "bytes=-99999999999999999999999", 10, part(0, 9)),
            arguments("first at the end is unsatisfiable", "bytes=10-", 10, UNSATISFIABLE),
            arguments("first beyond the end is unsatisfiable", "bytes=20-30", 10, UNSATISFIABLE),
            arguments("huge first is unsatisfiable", "bytes=99999999999999999999999-", 10, UNSATISFIABLE),
            arguments("zero suffix is unsatisfiable", "bytes=-0", 10, UNSATISFIABLE),
            arguments("empty file: 0- is unsatisfiable", "bytes=0-", 0, UNSATISFIABLE),
            arguments("empty file: zero suffix is unsatisfiable", "bytes=-0", 0, UNSATISFIABLE),
            // Content-Range cannot express zero bytes, so a suffix on an empty file is ignored.
            arguments("empty file: suffix is ignored", "bytes=-5", 0, WHOLE),
            arguments("last before first is invalid", "bytes=5-2", 10, WHOLE),
            arguments("two ranges are ignored", "bytes=0-1,5-6", 10, WHOLE),
            arguments("two ranges, one unsatisfiable, are ignored", "bytes=0-1,50-60", 10, WHOLE),
            arguments("other unit is ignored", "items=0-1", 10, WHOLE),
            arguments("no equals sign", "bytes 0-1", 10, WHOLE),
            arguments("no dash", "bytes=5", 10, WHOLE),
            arguments("only a dash", "bytes=-", 10, WHOLE),
            arguments("no range at all", "bytes=", 10, WHOLE),
            arguments("only commas", "bytes=,,", 10, WHOLE),
            arguments("letters", "bytes=a-b", 10, WHOLE),
            arguments("negative first", "bytes=--1", 10, WHOLE),
            arguments("plus sign", "bytes=+1-2", 10, WHOLE),
            arguments("two dashes", "bytes=1-2-3", 10, WHOLE),
            arguments("space inside a number", "bytes=1 0-20", 10, WHOLE),
            arguments("whitespace before the equals sign", "bytes =0-1", 10, WHOLE));
    }

    @ParameterizedTest(name = "{0}: {1} of {2} bytes")
    @MethodSource("ranges")
    void rangeFieldSelectsAPartTheWholeOrNothing(String name, String field, long size, ByteRange.Selection expected) {
        assertEquals(expected, ByteRange.select(field, size));
    }

    @Test
    void noRangeFieldSelectsTheWholeRepresentation() {
        assertEquals(WHOLE, ByteRange.select(null, 10));
    }

    @Test
    void contentRangeNamesFirstLastAndSize() {
        assertEquals("bytes 2-5/10", new ByteRange(2, 5).contentRange(10));
        assertEquals("bytes */10", ByteRange.unsatisfiedContentRange(10));
    }

    @Test
    void lengthCountsBothEnds() {
        assertEquals(4, new ByteRange(2, 5).length());
    }

    @Test
    void aRangeEndingBeforeItStartsCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new ByteRange(5, 4));
    }
}
