package minihttp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An ordered, case-insensitive list of fields (RFC 9110 §5). */
class HeadersTest {

    @Test
    void namesCompareCaseInsensitively() {
        Headers headers = new Headers().add("Content-Type", "text/plain");
        assertEquals("text/plain", headers.first("content-type"));
        assertTrue(headers.contains("CONTENT-TYPE"));
    }

    @Test
    void repeatedFieldsKeepTheirOrder() {
        Headers headers = new Headers().add("A", "1").add("b", "x").add("a", "2");
        assertEquals(List.of("1", "2"), headers.all("A"));
        assertEquals("1", headers.first("a"));
    }

    @Test
    void missingFieldIsNull() {
        Headers headers = new Headers();
        assertNull(headers.first("A"));
        assertFalse(headers.contains("A"));
        assertEquals(List.of(), headers.all("A"));
    }

    @Test
    void tokensSplitListsAcrossFieldsTrimmedAndLowerCased() {
        Headers headers = new Headers().add("Connection", " Keep-Alive ,, Upgrade").add("connection", "CLOSE");
        assertEquals(List.of("keep-alive", "upgrade", "close"), headers.tokens("Connection"));
        assertTrue(headers.hasToken("connection", "close"));
    }
}
