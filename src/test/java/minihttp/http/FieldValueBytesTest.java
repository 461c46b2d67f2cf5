package minihttp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every byte value at every place of a value long enough to be read eight bytes at a time, and
 * a request that stays the same after the caller reuses its buffer.
 */
class FieldValueBytesTest {
    private static final RequestParser PARSER = new RequestParser(Limits.DEFAULTS);
    private static final int VALUE_LENGTH = 24;

    @Test
    void everyByteAtEveryPlaceOfALongValueIsKeptOrRefusedAsRfc9110Says() {
        for (int b = 0; b < 256; b++) {
            // RFC 9110 §5.5: VCHAR, obs-text, SP and HTAB; CR and LF end the line, so they are tried apart.
            if (b == '\r' || b == '\n') continue;
            boolean allowed = b == '\t' || (b >= 0x20 && b != 0x7F);
            for (int at = 1; at < VALUE_LENGTH - 1; at++) {
                char[] value = "v".repeat(VALUE_LENGTH).toCharArray();
                value[at] = (char) b;
                String text = new String(value);
                ParseResult result = parse("GET / HTTP/1.1\r\nHost: h\r\nX: " + text + "\r\n\r\n");
                String where = "byte " + b + " at " + at;
                if (allowed) {
                    Request request = assertInstanceOf(ParseResult.Complete.class, result, where).request();
                    assertEquals(text, request.header("X"), where);
                } else {
                    ParseResult.Invalid invalid = assertInstanceOf(ParseResult.Invalid.class, result, where);
                    assertEquals(400, invalid.error().status().code(), where);
                }
            }
        }
    }

    @Test
    void bareCrAtEveryPlaceOfALongValueIsRefused() {
        for (int at = 1; at < VALUE_LENGTH - 1; at++) {
            String value = "v".repeat(at) + "\r" + "v".repeat(VALUE_LENGTH - at - 1);
            ParseResult result = parse("GET / HTTP/1.1\r\nHost: h\r\nX: " + value + "\r\n\r\n");
            assertInstanceOf(ParseResult.Invalid.class, result, "CR at " + at);
        }
    }

    @Test
    void requestStaysTheSameWhenTheCallerReusesItsBuffer() {
        byte[] buffer = ("GET /a/b?q=1 HTTP/1.1\r\nHost: h\r\nAccept: text/html\r\nConnection: close\r\n"
                + "X-Long: " + "w".repeat(40) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        Request request = assertInstanceOf(ParseResult.Complete.class, PARSER.parse(buffer, 0, buffer.length)).request();
        Arrays.fill(buffer, (byte) 'Z');
        assertEquals("/a/b", request.path());
        assertEquals("text/html", request.header("Accept"));
        assertEquals(List.of("close"), request.headers().tokens("Connection"));
        assertEquals("w".repeat(40), request.header("x-long"));
        assertEquals(4, request.headers().size());
    }

    @Test
    void fieldsAddedToReceivedOnesComeAfterThem() {
        byte[] head = "GET / HTTP/1.1\r\nHost: h\r\nVary: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        Headers headers = assertInstanceOf(ParseResult.Complete.class, PARSER.parse(head, 0, head.length))
                .request().headers();
        headers.add("vary", "b");
        assertEquals(List.of("a", "b"), headers.all("Vary"));
        assertEquals(new Headers().add("Host", "h").add("Vary", "a").add("vary", "b"), headers);
        assertEquals(new Headers().add("Host", "h").add("Vary", "a").add("vary", "b").hashCode(), headers.hashCode());
    }

    private static ParseResult parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return PARSER.parse(bytes, 0, bytes.length);
    }
}
