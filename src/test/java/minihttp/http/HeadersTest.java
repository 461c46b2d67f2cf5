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
    void setReplacesEveryFieldOfThatName() {
        Headers headers = new Headers().add("A", "1").add("a", "2").add("B", "x").set("A", "3");
        assertEquals(List.of("3"), headers.all("a"));
        assertEquals(2, headers.size());
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

    @Test
    void copyIsIndependent() {
        Headers original = new Headers().add("A", "1");
        Headers copy = new Headers(original).add("B", "2");
        assertEquals(1, original.size());
        assertEquals(2, copy.size());
    }
}
