package minihttp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Chunked request bodies (RFC 9112 §7.1) as a table of named one-line cases. */
class ChunkedDecoderTest {
    /** What follows a body on the wire: must be left unread. */
    private static final String NEXT = "GET / HTTP/1.1\r\n";

    static Stream<Arguments> validBodies() {
        return Stream.of(
            arguments("simple", "5\r\nhello\r\n0\r\n\r\n", "hello"),
            arguments("several chunks", "3\r\nabc\r\n2\r\nde\r\n1\r\nf\r\n0\r\n\r\n", "abcdef"),
            arguments("empty body", "0\r\n\r\n", ""),
            arguments("extensions ignored", "5;name=value;flag\r\nhello\r\n0;last=1\r\n\r\n", "hello"),
            arguments("extension name alone", "5;name\r\nhello\r\n0\r\n\r\n", "hello"),
            arguments("extension with BWS around ';' and '='", "5 ; name = value\r\nhello\r\n0\r\n\r\n", "hello"),
            arguments("extension with tabs as BWS", "5\t;\tname\t=\tvalue\r\nhello\r\n0\r\n\r\n", "hello"),
            arguments("extension name of every token char", "5;!#$%&'*+-.^_`|~09azAZ=v\r\nhello\r\n0\r\n\r\n", "hello"),
            arguments("quoted extension value", "5;a=\"b;c \\\" d\"\r\nhello\r\n0\r\n\r\n", "hello"),
            arguments("quoted value holding an escaped quote", "5;name=\"quoted \\\" value\"\r\nhello\r\n0\r\n\r\n", "hello"),
            arguments("quoted value holding an escaped backslash", "5;name=\"a\\\\b\"\r\nhello\r\n0\r\n\r\n", "hello"),
            arguments("quoted value holding an escaped tab and obs-text", "5;name=\"\\\t\\\u00e9\u00e9\"\r\nhello\r\n0\r\n\r\n", "hello"),
            arguments("empty quoted value", "5;name=\"\"\r\nhello\r\n0\r\n\r\n", "hello"),
            arguments("several extensions, spaced", "5 ;a ;b=1 ; c = \"x\"\r\nhello\r\n0\r\n\r\n", "hello"),
            arguments("whitespace before an extension (BWS)", "5 \t;x\r\nhello\r\n0\r\n\r\n", "hello"),
            arguments("extension on the last chunk", "5\r\nhello\r\n0;name=\"v\"\r\n\r\n", "hello"),
            arguments("size line of 4 KiB with its CR, extensions included", "5;" + "x".repeat(4093) + "\r\nhello\r\n0\r\n\r\n", "hello"),
            arguments("trailers accepted and dropped", "5\r\nhello\r\n0\r\nX-Checksum: abc\r\nY: z\r\n\r\n", "hello"),
            arguments("uppercase hex", "A\r\n0123456789\r\n0\r\n\r\n", "0123456789"),
            arguments("lowercase hex", "a\r\n0123456789\r\n0\r\n\r\n", "0123456789"),
            arguments("leading zeros in the size", "0005\r\nhello\r\n000\r\n\r\n", "hello"),
            arguments("data holding CRLF and digits", "7\r\n\r\n0\r\n\r\n\r\n0\r\n\r\n", "\r\n0\r\n\r\n"),
            arguments("trailer line longer than the line buffer", "0\r\nX: " + "v".repeat(4093) + "\r\n\r\n", ""),
            arguments("trailer line of 8 KiB", "0\r\nX: " + "v".repeat(8189) + "\r\nY: z\r\n\r\n", ""),
            arguments("trailer line of one buffer starting with a space half-way", "0\r\nX: " + "v".repeat(4093) + " w\r\n\r\n", "")
        );
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
            arguments("size g", "g\r\nhello\r\n0\r\n\r\n", 400),
            arguments("empty size line", "\r\nhello\r\n0\r\n\r\n", 400),
            arguments("size -1", "-1\r\nhello\r\n0\r\n\r\n", 400),
            arguments("size with 0x prefix", "0x5\r\nhello\r\n0\r\n\r\n", 400),
            arguments("size followed by garbage", "5 x\r\nhello\r\n0\r\n\r\n", 400),
            arguments("extension without the semicolon", "5 ext\r\nhello\r\n0\r\n\r\n", 400),
            arguments("space after the size", "5 \r\nhello\r\n0\r\n\r\n", 400),
            arguments("tab after the size", "5\t\r\nhello\r\n0\r\n\r\n", 400),
            arguments("space before the size", " 5\r\nhello\r\n0\r\n\r\n", 400),
            arguments("space inside the size", "1 0\r\n0123456789abcdef\r\n0\r\n\r\n", 400),
            arguments("space after the last chunk's size", "5\r\nhello\r\n0 \r\n\r\n", 400),
            arguments("space after an extension", "5;name \r\nhello\r\n0\r\n\r\n", 400),
            arguments("space after an extension value", "5;name=value \r\nhello\r\n0\r\n\r\n", 400),
            arguments("bare ';'", "5;\r\nhello\r\n0\r\n\r\n", 400),
            arguments("bare ';' after BWS", "5 ; \r\nhello\r\n0\r\n\r\n", 400),
            arguments("';' after an extension", "5;a;\r\nhello\r\n0\r\n\r\n", 400),
            arguments("two ';' in a row", "5;;a\r\nhello\r\n0\r\n\r\n", 400),
            arguments("extension name not a token", "5;(a)\r\nhello\r\n0\r\n\r\n", 400),
            arguments("extension name with a quote", "5;a\"b\r\nhello\r\n0\r\n\r\n", 400),
            arguments("extension name quoted", "5;\"a\"\r\nhello\r\n0\r\n\r\n", 400),
            arguments("extension with '=' and no value", "5;a=\r\nhello\r\n0\r\n\r\n", 400),
            arguments("extension with '=' and no name", "5;=v\r\nhello\r\n0\r\n\r\n", 400),
            arguments("extension value not a token", "5;a=b/c\r\nhello\r\n0\r\n\r\n", 400),
            arguments("extension value with a space inside", "5;a=b c\r\nhello\r\n0\r\n\r\n", 400),
            arguments("two '=' in an extension", "5;a==b\r\nhello\r\n0\r\n\r\n", 400),
            arguments("quoted value never closed", "5;a=\"b\r\nhello\r\n0\r\n\r\n", 400),
            arguments("quoted value closed by an escaped quote only", "5;a=\"b\\\"\r\nhello\r\n0\r\n\r\n", 400),
            arguments("quoted value followed by more", "5;a=\"b\"c\r\nhello\r\n0\r\n\r\n", 400),
            arguments("escape of a control char in a quoted value", "5;a=\"b\\\u0001\"\r\nhello\r\n0\r\n\r\n", 400),
            arguments("escape of DEL in a quoted value", "5;a=\"b\\\u007f\"\r\nhello\r\n0\r\n\r\n", 400),
            arguments("escape of the line's CR in a quoted value", "5;a=\"b\\\r\nhello\r\n0\r\n\r\n", 400),
            arguments("control char in a quoted value", "5;a=\"b\u0001\"\r\nhello\r\n0\r\n\r\n", 400),
            arguments("DEL in a quoted value", "5;a=\"b\u007f\"\r\nhello\r\n0\r\n\r\n", 400),
            arguments("bare CR in the size line", "5\rx\r\nhello\r\n0\r\n\r\n", 400),
            arguments("bare CR in a quoted value", "5;a=\"b\rc\"\r\nhello\r\n0\r\n\r\n", 400),
            arguments("control char in an extension", "5;a\u0001\r\nhello\r\n0\r\n\r\n", 400),
            arguments("size line one byte over 4 KiB with its CR", "5;" + "x".repeat(4094) + "\r\nhello\r\n0\r\n\r\n", 400),
            arguments("size line over 4 KiB", "5;" + "x".repeat(4096) + "\r\nhello\r\n0\r\n\r\n", 400),
            arguments("bare LF ending the size line", "5\nhello\r\n0\r\n\r\n", 400),
            arguments("bare LF ending a size line with an extension", "5;a=b\nhello\r\n0\r\n\r\n", 400),
            arguments("bare LF after the chunk data", "5\r\nhello\n0\r\n\r\n", 400),
            arguments("bare LF ending the last chunk", "5\r\nhello\r\n0\n\r\n", 400),
            arguments("bare LF ending a trailer field", "0\r\nX: y\n\r\n", 400),
            arguments("bare LF ending the trailer section", "5\r\nhello\r\n0\r\n\n", 400),
            arguments("bare LF ending the trailer section after a field", "0\r\nX: y\r\n\n", 400),
            arguments("bare LF ending a trailer longer than the line buffer", "0\r\nX: " + "v".repeat(5000) + "\n\r\n", 400),
            arguments("LF-only line ends throughout", "5\nhello\n0\nX: y\n\n", 400),
            arguments("missing CRLF after data", "5\r\nhelloX\r\n0\r\n\r\n", 400),
            arguments("next size right after data", "5\r\nhello0\r\n\r\n", 400),
            arguments("CR CR after data", "5\r\nhello\r\r\n0\r\n\r\n", 400),
            arguments("data longer than its size", "3\r\nhello\r\n0\r\n\r\n", 400),
            arguments("obs-fold in a trailer", "0\r\nX: a\r\n b\r\n\r\n", 400),
            arguments("NUL in a trailer", "0\r\nX: a\u0000b\r\n\r\n", 400),
            arguments("bare CR in a trailer", "0\r\nX: a\rb\r\n\r\n", 400),
            arguments("bare CR in a long trailer", "0\r\nX: " + "v".repeat(4093) + "\rw\r\n\r\n", 400),
            arguments("CR CR ending the trailer section", "0\r\n\r\r\n", 400),
            arguments("size beyond a long", "fffffffffffffffffffffffff\r\n", 413),
            arguments("size over the 5 MiB default limit", "500001\r\n", 413),
            arguments("trailer section over 16 KiB", "0\r\nX: " + "v".repeat(16384) + "\r\n\r\n", 431),
            arguments("101 trailer fields", "0\r\n" + "X: v\r\n".repeat(101) + "\r\n", 431)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validBodies")
    void validBodyDecodesAndStopsExactlyAfterTheFinalCrlf(String name, String body, String data) {
        byte[] input = bytes(body + NEXT);
        ChunkedDecoder decoder = new ChunkedDecoder(Limits.DEFAULTS);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        int used = decoder.decode(input, 0, input.length, sink);
        assertTrue(decoder.isDone(), "done");
        assertEquals(body.length(), used, "used");
        assertEquals(data, sink.toString(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validBodies")
    void everyPrefixOfAValidBodyIsUsedWholeAndNotDone(String name, String body, String data) {
        byte[] input = bytes(body);
        for (int length = 0; length < input.length; length++) {
            ChunkedDecoder decoder = new ChunkedDecoder(Limits.DEFAULTS);
            int used = decoder.decode(input, 0, length, new ByteArrayOutputStream());
            assertEquals(length, used, "used of a " + length + "-byte prefix");
            assertFalse(decoder.isDone(), "done after a " + length + "-byte prefix");
        }
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("invalidBodies")
    void invalidBodyIsRefusedWithItsStatus(String name, String body, int status) {
        byte[] input = bytes(body);
        ChunkedDecoder decoder = new ChunkedDecoder(Limits.DEFAULTS);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> decoder.decode(input, 0, input.length, new ByteArrayOutputStream()));
        assertEquals(status, e.status().code(), () -> "status; message: " + e.getMessage());
        assertTrue(e.closeConnection(), "a broken body leaves the stream out of sync");
    }

    @Test
    void bodyOverTheLimitIsRefusedBeforeItsDataArrives() {
        ChunkedDecoder decoder = new ChunkedDecoder(Limits.DEFAULTS.withMaxBodyBytes(10));
        byte[] sizeLineOnly = bytes("b\r\n");
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> decoder.decode(sizeLineOnly, 0, sizeLineOnly.length, new ByteArrayOutputStream()));
        assertEquals(413, e.status().code());
    }

    @Test
    void chunksAddingUpOverTheLimitAreRefusedAtTheSizeLineThatCrossesIt() {
        ChunkedDecoder decoder = new ChunkedDecoder(Limits.DEFAULTS.withMaxBodyBytes(10));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        byte[] first = bytes("6\r\nabcdef\r\n");
        decoder.decode(first, 0, first.length, sink);
        byte[] second = bytes("5\r\n");
        ProtocolException e = assertThrows(ProtocolException.class, () -> decoder.decode(second, 0, second.length, sink));
        assertEquals(413, e.status().code());
        assertEquals("abcdef", sink.toString(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"8000000000000000", "ffffffffffffffff", "10000000000000000", "fffffffffffffffffffffffff"})
    void sizeBeyondALongIsRefusedEvenWithoutABodyLimit(String size) {
        ChunkedDecoder decoder = new ChunkedDecoder(Limits.DEFAULTS.withMaxBodyBytes(Long.MAX_VALUE));
        byte[] input = bytes(size + "\r\nhello\r\n0\r\n\r\n");
        // Guarded: an overflowing size once made the decoder spin forever taking zero bytes.
        ProtocolException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(ProtocolException.class,
                () -> decoder.decode(input, 0, input.length, new ByteArrayOutputStream())));
        assertEquals(413, e.status().code());
    }

    @Test
    void largestSizeIsAcceptedWithoutABodyLimit() {
        ChunkedDecoder decoder = new ChunkedDecoder(Limits.DEFAULTS.withMaxBodyBytes(Long.MAX_VALUE));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        byte[] input = bytes("7fffffffffffffff\r\nhello");
        assertEquals(input.length, decoder.decode(input, 0, input.length, sink));
        assertEquals("hello", sink.toString(StandardCharsets.ISO_8859_1));
        assertFalse(decoder.isDone());
    }

    @Test
    void bodyOfExactlyTheLimitIsAccepted() {
        ChunkedDecoder decoder = new ChunkedDecoder(Limits.DEFAULTS.withMaxBodyBytes(10));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        byte[] input = bytes("6\r\nabcdef\r\n4\r\nghij\r\n0\r\n\r\n");
        assertEquals(input.length, decoder.decode(input, 0, input.length, sink));
        assertTrue(decoder.isDone());
        assertEquals("abcdefghij", sink.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void finishedDecoderUsesNothingMore() {
        ChunkedDecoder decoder = new ChunkedDecoder(Limits.DEFAULTS);
        byte[] input = bytes("0\r\n\r\nGET");
        assertEquals(5, decoder.decode(input, 0, input.length, new ByteArrayOutputStream()));
        assertEquals(0, decoder.decode(input, 5, 3, new ByteArrayOutputStream()));
        assertTrue(decoder.isDone());
    }

    @Test
    void decodingAtAnOffsetReadsOnlyTheGivenRange() {
        ChunkedDecoder decoder = new ChunkedDecoder(Limits.DEFAULTS);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        byte[] input = bytes("xx5\r\nhello\r\n0\r\n\r\nyy");
        assertEquals(input.length - 4, decoder.decode(input, 2, input.length - 4, sink));
        assertTrue(decoder.isDone());
        assertEquals("hello", sink.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void missingFinalCrlfLeavesTheBodyUnfinished() {
        ChunkedDecoder decoder = new ChunkedDecoder(Limits.DEFAULTS);
        byte[] input = bytes("5\r\nhello\r\n0\r\n");
        assertEquals(input.length, decoder.decode(input, 0, input.length, new ByteArrayOutputStream()));
        assertFalse(decoder.isDone());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
