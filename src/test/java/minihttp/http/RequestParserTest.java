package minihttp.http;

import static minihttp.http.ParseOutcome.bytes;
import static minihttp.http.ParseOutcome.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request heads as tables of named one-line cases, in the manner of picohttpparser's test.c.
 * Every valid head is also checked at every truncated prefix (always Incomplete) and with bytes
 * after it (left unconsumed).
 */
class RequestParserTest {
    private static final RequestParser PARSER = new RequestParser(Limits.DEFAULTS);
    private static final String H = "Host: h\r\n";

    /** Assertions on a parsed request; a lambda per table row. */
    @FunctionalInterface
    interface Expectation {
        void check(Request request);
    }

    static Stream<Arguments> validRequests() {
        return Stream.of(
            valid("origin-form path and query", "GET /a/b?x=1&y=2 HTTP/1.1\r\n" + H + "\r\n", r -> { assertEquals("GET", r.method()); assertEquals("/a/b?x=1&y=2", r.target()); assertEquals("/a/b", r.path()); assertEquals(List.of("a", "b"), r.pathSegments()); assertEquals("x=1&y=2", r.rawQuery()); assertEquals(Map.of("x", List.of("1"), "y", List.of("2")), r.query()); }),
            valid("root path has one empty segment and no query", "GET / HTTP/1.1\r\n" + H + "\r\n", r -> { assertEquals("/", r.path()); assertEquals(List.of(""), r.pathSegments()); assertNull(r.rawQuery()); assertEquals(Map.of(), r.query()); }),
            valid("trailing slash kept as an empty segment", "GET /a/ HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals(List.of("a", ""), r.pathSegments())),
            valid("empty query after '?'", "GET /a? HTTP/1.1\r\n" + H + "\r\n", r -> { assertEquals("", r.rawQuery()); assertEquals(Map.of(), r.query()); }),
            valid("absolute-form", "GET http://example.com/p?q=1 HTTP/1.1\r\nHost: example.com\r\n\r\n", r -> { assertEquals("http://example.com/p?q=1", r.target()); assertEquals("/p", r.path()); assertEquals("q=1", r.rawQuery()); }),
            valid("absolute-form with port and no path", "GET http://example.com:8080 HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals("/", r.path())),
            valid("absolute-form with query and no path", "GET http://example.com?q=1 HTTP/1.1\r\n" + H + "\r\n", r -> { assertEquals("/", r.path()); assertEquals("q=1", r.rawQuery()); }),
            valid("absolute-form scheme is case-insensitive", "GET HTTP://example.com/x HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals("/x", r.path())),
            valid("absolute-form https", "GET https://example.com/x HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals("/x", r.path())),
            valid("OPTIONS *", "OPTIONS * HTTP/1.1\r\n" + H + "\r\n", r -> { assertEquals("OPTIONS", r.method()); assertEquals("*", r.target()); assertEquals("*", r.path()); assertEquals(List.of(), r.pathSegments()); }),
            valid("HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n", r -> { assertEquals("HTTP/1.0", r.version()); assertTrue(r.isHttp10()); }),
            valid("HTTP/1.0 with Host", "GET / HTTP/1.0\r\n" + H + "\r\n", r -> assertEquals("h", r.header("Host"))),
            valid("empty Host ignored with an absolute-form target (RFC 9112 §3.2.2)", "GET http://example.com/p HTTP/1.1\r\nHost:\r\n\r\n", r -> { assertEquals("", r.header("Host")); assertEquals("/p", r.path()); }),
            valid("Host of only a port ignored with an absolute-form target", "GET http://example.com/p HTTP/1.1\r\nHost: :80\r\n\r\n", r -> assertEquals("/p", r.path())),
            valid("empty Host in HTTP/1.0, which needs none", "GET / HTTP/1.0\r\nHost:\r\n\r\n", r -> assertEquals("", r.header("Host"))),
            valid("one Content-Type", "POST / HTTP/1.1\r\n" + H + "Content-Type: application/json\r\n\r\n", r -> assertEquals("application/json", r.header("content-type"))),
            valid("Content-Type beside other repeated fields", "POST / HTTP/1.1\r\n" + H + "Accept: a\r\nContent-Type: text/plain\r\nAccept: b\r\n\r\n", r -> assertEquals(List.of("text/plain"), r.headers().all("Content-Type"))),
            valid("a field named like Content-Type but longer", "POST / HTTP/1.1\r\n" + H + "Content-Types: a\r\nContent-Type: b\r\nContent-Typ: c\r\n\r\n", r -> assertEquals("b", r.header("Content-Type"))),
            valid("Host with port", "GET / HTTP/1.1\r\nHost: example.com:8080\r\n\r\n", r -> assertEquals("example.com:8080", r.header("host"))),
            valid("Host as IP literal", "GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n", r -> assertEquals("[::1]:80", r.header("host"))),
            valid("repeated fields kept in order", "GET / HTTP/1.1\r\n" + H + "Accept: a\r\nX: 1\r\nAccept: b\r\n\r\n", r -> { assertEquals(List.of("a", "b"), r.headers().all("accept")); assertEquals(4, r.headers().size()); }),
            valid("field names are case-insensitive", "GET / HTTP/1.1\r\nhOsT: h\r\nX-Thing: v\r\n\r\n", r -> { assertEquals("h", r.header("HOST")); assertEquals("v", r.header("x-thing")); }),
            valid("optional whitespace around the value trimmed", "GET / HTTP/1.1\r\n" + H + "X: \t v  w \t \r\n\r\n", r -> assertEquals("v  w", r.header("X"))),
            valid("value without any whitespace", "GET / HTTP/1.1\r\n" + H + "X:v\r\n\r\n", r -> assertEquals("v", r.header("X"))),
            valid("empty field value", "GET / HTTP/1.1\r\n" + H + "X:\r\n\r\n", r -> assertEquals("", r.header("X"))),
            valid("whitespace-only field value", "GET / HTTP/1.1\r\n" + H + "X: \t \r\n\r\n", r -> assertEquals("", r.header("X"))),
            valid("colon inside the value", "GET / HTTP/1.1\r\n" + H + "X: a:b: c\r\n\r\n", r -> assertEquals("a:b: c", r.header("X"))),
            valid("obs-text byte kept as ISO-8859-1", "GET / HTTP/1.1\r\n" + H + "X: caf\u00e9\r\n\r\n", r -> assertEquals("caf\u00e9", r.header("X"))),
            valid("all token characters in method and name", "!#$%&'*+-.^_`|~09azAZ / HTTP/1.1\r\n" + H + "!#$%&'*+-.^_`|~09azAZ: v\r\n\r\n", r -> { assertEquals("!#$%&'*+-.^_`|~09azAZ", r.method()); assertEquals("v", r.header("!#$%&'*+-.^_`|~09azaz")); }),
            valid("unknown method is parsed, not judged", "PURGE /x HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals("PURGE", r.method())),
            valid("method of 32 bytes", "M".repeat(32) + " / HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals("M".repeat(32), r.method())),
            valid("leading empty lines ignored (RFC 9112 §2.2)", "\r\n\n\r\nGET / HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals("GET", r.method())),
            valid("bare LF line ends", "GET / HTTP/1.1\nHost: h\nX: v\n\n", r -> { assertEquals("h", r.header("Host")); assertEquals("v", r.header("X")); }),
            valid("mixed line ends", "GET / HTTP/1.1\nHost: h\r\nX: v\n\r\n", r -> assertEquals("v", r.header("X"))),
            valid("percent-decoded path", "GET /caf%C3%A9/a%20b HTTP/1.1\r\n" + H + "\r\n", r -> { assertEquals(List.of("caf\u00e9", "a b"), r.pathSegments()); assertEquals("/caf\u00e9/a b", r.path()); }),
            valid("lower-case hex in escapes", "GET /%e2%82%ac HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals(List.of("\u20ac"), r.pathSegments())),
            valid("four-byte UTF-8 escape", "GET /%F0%9F%98%80 HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals(List.of("\uD83D\uDE00"), r.pathSegments())),
            valid("encoded slash stays inside its segment", "GET /a%2Fb/c HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals(List.of("a/b", "c"), r.pathSegments())),
            valid("plus is literal in the path", "GET /a+b HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals(List.of("a+b"), r.pathSegments())),
            valid("query decoded, plus is space", "GET /s?q=a+b%2Bc&e=%C3%A9 HTTP/1.1\r\n" + H + "\r\n", r -> { assertEquals("a b+c", r.queryParameter("q")); assertEquals("\u00e9", r.queryParameter("e")); }),
            valid("query names decoded too", "GET /s?a+b%3D=1 HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals(Map.of("a b=", List.of("1")), r.query())),
            valid("query parameter without value or with empty value", "GET /s?flag&empty=&&x=1 HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals(Map.of("flag", List.of(""), "empty", List.of(""), "x", List.of("1")), r.query())),
            valid("repeated query parameters kept in order", "GET /s?a=1&b=0&a=2 HTTP/1.1\r\n" + H + "\r\n", r -> { assertEquals(List.of("1", "2"), r.query().get("a")); assertEquals(List.of("a", "b"), List.copyOf(r.query().keySet())); }),
            valid("raw query stays undecoded", "GET /s?q=a+b%20c HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals("q=a+b%20c", r.rawQuery())),
            valid("'?' and '/' allowed inside the query", "GET /s?u=/x?y HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals("/x?y", r.queryParameter("u"))),
            valid("dot-segments removed", "GET /a/./b/../c HTTP/1.1\r\n" + H + "\r\n", r -> { assertEquals("/a/c", r.path()); assertEquals(List.of("a", "c"), r.pathSegments()); }),
            valid("dot-segments never climb above the root", "GET /../../etc/passwd HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals(List.of("etc", "passwd"), r.pathSegments())),
            valid("climbing inside the path stops at the root", "GET /a/../../../b HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals("/b", r.path())),
            valid("trailing '..' names the parent folder", "GET /a/b/.. HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals("/a/", r.path())),
            valid("only '..' is the root", "GET /.. HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals(List.of(""), r.pathSegments())),
            valid("trailing '.' names the folder", "GET /a/. HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals("/a/", r.path())),
            valid("dot-segments in absolute-form", "GET http://h/../x HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals("/x", r.path())),
            valid("dots inside a name are not dot-segments", "GET /a.b/...c/.. HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals("/a.b/", r.path())),
            valid("no framing fields means no body", "GET / HTTP/1.1\r\n" + H + "\r\n", r -> { assertEquals(Request.Framing.NONE, r.framing()); assertFalse(r.hasBody()); assertEquals(0, r.contentLength()); }),
            valid("Content-Length frames the body", "POST / HTTP/1.1\r\n" + H + "Content-Length: 5\r\n\r\n", r -> { assertEquals(Request.Framing.LENGTH, r.framing()); assertEquals(5, r.contentLength()); }),
            valid("Content-Length of zero means no body", "POST / HTTP/1.1\r\n" + H + "Content-Length: 0\r\n\r\n", r -> { assertEquals(Request.Framing.NONE, r.framing()); assertEquals(0, r.contentLength()); }),
            valid("Content-Length with leading zeros", "POST / HTTP/1.1\r\n" + H + "Content-Length: 007\r\n\r\n", r -> assertEquals(7, r.contentLength())),
            valid("Content-Length: 5, 5 taken as 5 (RFC 9110 §8.6)", "POST / HTTP/1.1\r\n" + H + "Content-Length: 5, 5\r\n\r\n", r -> assertEquals(5, r.contentLength())),
            valid("identical Content-Length fields taken as one", "POST / HTTP/1.1\r\n" + H + "Content-Length: 5\r\ncontent-length: 5\r\n\r\n", r -> assertEquals(5, r.contentLength())),
            valid("Content-Length above the body limit is for the caller to refuse", "POST / HTTP/1.1\r\n" + H + "Content-Length: 9999999999\r\n\r\n", r -> assertEquals(9999999999L, r.contentLength())),
            valid("chunked framing", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n", r -> { assertEquals(Request.Framing.CHUNKED, r.framing()); assertEquals(-1, r.contentLength()); assertTrue(r.hasBody()); }),
            valid("transfer coding names are case-insensitive", "POST / HTTP/1.1\r\n" + H + "transfer-encoding: Chunked\r\n\r\n", r -> assertEquals(Request.Framing.CHUNKED, r.framing())),
            valid("target of exactly 8 KiB", "GET /" + "a".repeat(8191) + " HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals(8192, r.target().length())),
            valid("longest request line after leading empty lines", "\r\n".repeat(10) + "M".repeat(32) + " /" + "a".repeat(8191) + " HTTP/1.1\r\n" + H + "\r\n", r -> assertEquals(8192, r.target().length())),
            valid("100 header fields", "GET / HTTP/1.1\r\n" + H + "X: v\r\n".repeat(99) + "\r\n", r -> assertEquals(100, r.headers().size())),
            valid("header section of exactly 16 KiB", "GET / HTTP/1.1\r\n" + H + "X: " + "v".repeat(16384 - H.length() - 5) + "\r\n\r\n", r -> assertEquals(2, r.headers().size())),
            valid("header section of exactly 16 KiB with bare LF", "GET / HTTP/1.1\n" + "Host: h\n" + "X: " + "v".repeat(16384 - 8 - 4) + "\n\n", r -> assertEquals(2, r.headers().size()))
        );
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
            invalid("double space in request line", "GET  / HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("double space before version", "GET /  HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("missing version", "GET /\r\n" + H + "\r\n", 400),
            invalid("missing target and version", "GET\r\n" + H + "\r\n", 400),
            invalid("lower-case http", "GET / http/1.1\r\n" + H + "\r\n", 400),
            invalid("version without minor digit", "GET / HTTP/1\r\n" + H + "\r\n", 400),
            invalid("version with two-digit minor", "GET / HTTP/1.10\r\n" + H + "\r\n", 400),
            invalid("version with letters", "GET / HTTP/a.b\r\n" + H + "\r\n", 400),
            invalid("space after version", "GET / HTTP/1.1 \r\n" + H + "\r\n", 400),
            invalid("space before method", " GET / HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("tab as separator", "GET\t/ HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("invalid token char in method", "G(ET / HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("control char in method", "GE\u0001T / HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("method longer than 32 bytes", "M".repeat(33) + " / HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("double quote in target", "GET /a\"b HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("non-ASCII byte in target", "GET /caf\u00e9 HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("target neither origin- nor absolute-form", "GET a/b HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("absolute-form with another scheme", "GET ftp://h/x HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("absolute-form without host", "GET http:///x HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("absolute-form with userinfo", "GET http://user:pw@h/x HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("invalid token char in header name", "GET / HTTP/1.1\r\n" + H + "X(y: v\r\n\r\n", 400),
            invalid("space inside header name", "GET / HTTP/1.1\r\n" + H + "X y: v\r\n\r\n", 400),
            invalid("non-ASCII byte in header name", "GET / HTTP/1.1\r\n" + H + "X\u00e9: v\r\n\r\n", 400),
            invalid("empty header name", "GET / HTTP/1.1\r\n" + H + ": v\r\n\r\n", 400),
            invalid("header line without colon", "GET / HTTP/1.1\r\n" + H + "Xy\r\n\r\n", 400),
            invalid("space before colon (RFC 9112 §5.1)", "GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400),
            invalid("tab before colon", "GET / HTTP/1.1\r\n" + H + "X\t: v\r\n\r\n", 400),
            invalid("obs-fold with space (RFC 9112 §5.2)", "GET / HTTP/1.1\r\n" + H + "X: a\r\n b\r\n\r\n", 400),
            invalid("obs-fold with tab", "GET / HTTP/1.1\r\n" + H + "X: a\r\n\tb\r\n\r\n", 400),
            invalid("whitespace before the first field", "GET / HTTP/1.1\r\n " + H + "\r\n", 400),
            invalid("bare CR ending the request line", "GET / HTTP/1.1\r\r\n" + H + "\r\n", 400),
            invalid("bare CR inside the request line", "GET /\r HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("bare CR in method", "G\rET / HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("bare CR in header value", "GET / HTTP/1.1\r\n" + H + "X: a\rb\r\n\r\n", 400),
            invalid("bare CR in header name", "GET / HTTP/1.1\r\n" + H + "X\rY: v\r\n\r\n", 400),
            invalid("CR CR LF ending a field", "GET / HTTP/1.1\r\n" + H + "X: a\r\r\n\r\n", 400),
            invalid("CR CR LF ending the header section", "GET / HTTP/1.1\r\n" + H + "\r\r\n", 400),
            invalid("NUL in header value", "GET / HTTP/1.1\r\n" + H + "X: a\u0000b\r\n\r\n", 400),
            invalid("control char in header value", "GET / HTTP/1.1\r\n" + H + "X: a\u0001b\r\n\r\n", 400),
            invalid("DEL in header value", "GET / HTTP/1.1\r\n" + H + "X: a\u007fb\r\n\r\n", 400),
            invalid("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", 400),
            invalid("two Host fields", "GET / HTTP/1.1\r\n" + H + H + "\r\n", 400),
            invalid("two Host fields in HTTP/1.0", "GET / HTTP/1.0\r\n" + H + H + "\r\n", 400),
            invalid("Host with a path", "GET / HTTP/1.1\r\nHost: h/x\r\n\r\n", 400),
            invalid("Host with userinfo", "GET / HTTP/1.1\r\nHost: u@h\r\n\r\n", 400),
            invalid("Host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400),
            invalid("empty Host in origin-form (RFC 9112 §3.3)", "GET / HTTP/1.1\r\nHost:\r\n\r\n", 400),
            invalid("Host of only whitespace in origin-form", "GET / HTTP/1.1\r\nHost: \t \r\n\r\n", 400),
            invalid("Host of only a port in origin-form", "GET / HTTP/1.1\r\nHost: :80\r\n\r\n", 400),
            invalid("empty Host with the target '*'", "OPTIONS * HTTP/1.1\r\nHost:\r\n\r\n", 400),
            invalid("two Content-Type fields (RFC 9110 §5.3)", "POST / HTTP/1.1\r\n" + H + "Content-Type: application/json\r\nContent-Type: text/plain\r\n\r\n", 400),
            invalid("two identical Content-Type fields", "POST / HTTP/1.1\r\n" + H + "Content-Type: text/plain\r\nContent-Type: text/plain\r\n\r\n", 400),
            invalid("two Content-Type fields named in different case", "POST / HTTP/1.1\r\n" + H + "content-type: a/b\r\nCONTENT-TYPE: a/b\r\n\r\n", 400),
            invalid("two Content-Type fields apart", "POST / HTTP/1.1\r\nContent-Type: a/b\r\n" + H + "X: y\r\nContent-Type: a/b\r\n\r\n", 400),
            invalid("two empty Content-Type fields", "POST / HTTP/1.1\r\n" + H + "Content-Type:\r\nContent-Type:\r\n\r\n", 400),
            invalid("two Content-Type fields in HTTP/1.0", "POST / HTTP/1.0\r\nContent-Type: a/b\r\nContent-Type: a/b\r\n\r\n", 400),
            invalid("two Content-Type fields with bare LF", "GET / HTTP/1.1\nHost: h\nContent-Type: a/b\nContent-Type: a/b\n\n", 400),
            invalid("Content-Length with Transfer-Encoding", "POST / HTTP/1.1\r\n" + H + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
            invalid("Transfer-Encoding with Content-Length", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400),
            invalid("Content-Length abc", "POST / HTTP/1.1\r\n" + H + "Content-Length: abc\r\n\r\n", 400),
            invalid("Content-Length -1", "POST / HTTP/1.1\r\n" + H + "Content-Length: -1\r\n\r\n", 400),
            invalid("Content-Length +5", "POST / HTTP/1.1\r\n" + H + "Content-Length: +5\r\n\r\n", 400),
            invalid("Content-Length empty", "POST / HTTP/1.1\r\n" + H + "Content-Length:\r\n\r\n", 400),
            invalid("Content-Length hex", "POST / HTTP/1.1\r\n" + H + "Content-Length: 0x5\r\n\r\n", 400),
            invalid("Content-Length with inner space", "POST / HTTP/1.1\r\n" + H + "Content-Length: 5 5\r\n\r\n", 400),
            invalid("Content-Length list with empty member", "POST / HTTP/1.1\r\n" + H + "Content-Length: 5,,5\r\n\r\n", 400),
            invalid("Content-Length 5 and 6 in one field", "POST / HTTP/1.1\r\n" + H + "Content-Length: 5, 6\r\n\r\n", 400),
            invalid("Content-Length 5 and 6 in two fields", "POST / HTTP/1.1\r\n" + H + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n", 400),
            invalid("Content-Length beyond a long", "POST / HTTP/1.1\r\n" + H + "Content-Length: 99999999999999999999999\r\n\r\n", 413),
            invalid("Transfer-Encoding gzip (RFC 9112 §6.1)", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: gzip\r\n\r\n", 501),
            invalid("Transfer-Encoding gzip, chunked", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: gzip, chunked\r\n\r\n", 501),
            invalid("Transfer-Encoding identity", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: identity\r\n\r\n", 501),
            invalid("Transfer-Encoding chunked, chunked (RFC 9112 §7)", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked, chunked\r\n\r\n", 400),
            invalid("Transfer-Encoding chunked in two fields", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
            invalid("Transfer-Encoding empty", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding:\r\n\r\n", 400),
            invalid("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
            invalid("HTTP/2.0", "GET / HTTP/2.0\r\n" + H + "\r\n", 505),
            invalid("HTTP/1.2", "GET / HTTP/1.2\r\n" + H + "\r\n", 505),
            invalid("HTTP/0.9 version", "GET / HTTP/0.9\r\n" + H + "\r\n", 505),
            invalid("target over 8 KiB", "GET /" + "a".repeat(8192) + " HTTP/1.1\r\n" + H + "\r\n", 414),
            invalid("target over 8 KiB, only a prefix arrived", "GET /" + "a".repeat(8192), 414),
            invalid("header section over 16 KiB", "GET / HTTP/1.1\r\n" + H + "X: " + "v".repeat(16384 - H.length() - 4) + "\r\n\r\n", 431),
            invalid("header section over 16 KiB, only a prefix arrived", "GET / HTTP/1.1\r\n" + H + "X: " + "v".repeat(16384), 431),
            invalid("101 header fields", "GET / HTTP/1.1\r\n" + H + "X: v\r\n".repeat(100) + "\r\n", 431),
            invalid("'*' with GET (RFC 9112 §3.2.4)", "GET * HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("CONNECT", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", 501),
            invalid("malformed percent %zz in path", "GET /a%zz HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("truncated percent %4 in path", "GET /a%4 HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("lone percent in path", "GET /% HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("invalid UTF-8 %ff in path", "GET /%ff HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("overlong UTF-8 %C0%AF in path", "GET /%C0%AF HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("UTF-8 surrogate %ED%A0%80 in path", "GET /%ED%A0%80 HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("truncated UTF-8 %C3 in path", "GET /%C3 HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("malformed percent %zz in query", "GET /?a=%zz HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("truncated percent %4 in query", "GET /?a=%4 HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("invalid UTF-8 %ff in query", "GET /?a=%ff HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("invalid UTF-8 in a query name", "GET /?%ff=1 HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("fragment in origin-form", "GET /a#b HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("fragment in query", "GET /a?x=1#b HTTP/1.1\r\n" + H + "\r\n", 400),
            invalid("fragment in absolute-form", "GET http://h#b HTTP/1.1\r\n" + H + "\r\n", 400)
        );
    }

    /** Heads cut short that can already never become valid: refused without waiting for more. */
    static Stream<Arguments> invalidPrefixes() {
        return Stream.of(
            invalid("no space within the longest method", "M".repeat(33), 400),
            invalid("target over 8 KiB without line end", "GET /" + "a".repeat(8192), 414),
            invalid("request line over its limit without line end", "GET / HTTP/1.1" + "1".repeat(8300), 400),
            invalid("header section over 16 KiB without line end", "GET / HTTP/1.1\r\n" + H + "X: " + "v".repeat(16384), 431),
            invalid("many short fields over 16 KiB without the empty line", "GET / HTTP/1.1\r\n" + H + "X-Long-Name: vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\r\n".repeat(99) + "Y: " + "v".repeat(12000), 431),
            invalid("endless empty lines before the request line", "\r\n".repeat(10000), 400),
            invalid("error found before the head ends", "GET / HTTP/1.1\r\nX : v\r\n", 400),
            invalid("bad version found before the head ends", "GET / HTTP/2.0\r\n", 505)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRequests")
    void validRequestIsCompleteAndUsesTheWholeHead(String name, String text, Expectation expectation) {
        byte[] head = bytes(text);
        ParseResult.Complete complete = complete(head);
        assertEquals(head.length, complete.consumed(), "consumed");
        expectation.check(complete.request());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRequests")
    void bytesAfterTheHeadAreLeftForTheBodyOrTheNextRequest(String name, String text, Expectation ignored) {
        byte[] head = bytes(text);
        byte[] withMore = bytes(text + "hello\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(ParseOutcome.of(PARSER.parse(head, 0, head.length)),
                ParseOutcome.of(PARSER.parse(withMore, 0, withMore.length)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRequests")
    void everyPrefixOfAValidRequestIsIncomplete(String name, String text, Expectation ignored) {
        byte[] head = bytes(text);
        for (int length = 0; length < head.length; length++) {
            ParseOutcome outcome = ParseOutcome.of(PARSER.parse(head, 0, length));
            if (!outcome.isIncomplete()) {
                throw new AssertionError("prefix of " + length + " bytes gave " + outcome + ": "
                        + printable(head, length));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRequests")
    void parsingAtAnOffsetReadsOnlyTheGivenRange(String name, String text, Expectation ignored) {
        byte[] head = bytes(text);
        byte[] framed = new byte[head.length + 20];
        java.util.Arrays.fill(framed, (byte) 0);
        System.arraycopy(head, 0, framed, 7, head.length);
        assertEquals(ParseOutcome.of(PARSER.parse(head, 0, head.length)),
                ParseOutcome.of(PARSER.parse(framed, 7, head.length)));
        assertEquals(ParseOutcome.of(PARSER.parse(head, 0, head.length - 1)),
                ParseOutcome.of(PARSER.parse(framed, 7, head.length - 1)));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("invalidRequests")
    void invalidRequestIsRefusedWithItsStatus(String name, String text, int status) {
        assertRefused(bytes(text), status);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("invalidRequests")
    void invalidRequestStaysRefusedWhateverFollows(String name, String text, int status) {
        assertRefused(bytes(text + "GET / HTTP/1.1\r\nHost: h\r\n\r\n"), status);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("invalidPrefixes")
    void headCutShortIsRefusedAsSoonAsItCannotBeValid(String name, String text, int status) {
        assertRefused(bytes(text), status);
    }

    @Test
    void refusalsCloseTheConnection() {
        ParseResult result = parse("GET / HTTP/1.1\r\n\r\n");
        ParseResult.Invalid invalid = assertInstanceOf(ParseResult.Invalid.class, result);
        assertTrue(invalid.error().closeConnection());
    }

    @Test
    void emptyInputIsIncomplete() {
        assertTrue(ParseOutcome.of(PARSER.parse(new byte[0], 0, 0)).isIncomplete());
    }

    @Test
    void onlyEmptyLinesAreIncomplete() {
        assertTrue(ParseOutcome.of(parse("\r\n\r\n\n")).isIncomplete());
    }

    @Test
    void pipelinedRequestsParseOneAfterTheOther() {
        byte[] two = bytes("GET /1 HTTP/1.1\r\n" + H + "\r\nGET /2 HTTP/1.1\r\n" + H + "\r\n");
        ParseResult.Complete first = complete(two);
        ParseResult result = PARSER.parse(two, first.consumed(), two.length - first.consumed());
        ParseResult.Complete second = assertInstanceOf(ParseResult.Complete.class, result);
        assertEquals("/1", first.request().path());
        assertEquals("/2", second.request().path());
        assertEquals(two.length - first.consumed(), second.consumed());
    }

    @Test
    void keepAliveFollowsTheVersionAndConnectionField() {
        assertTrue(request("GET / HTTP/1.1\r\n" + H + "\r\n").wantsKeepAlive());
        assertFalse(request("GET / HTTP/1.1\r\n" + H + "Connection: close\r\n\r\n").wantsKeepAlive());
        assertFalse(request("GET / HTTP/1.0\r\n\r\n").wantsKeepAlive());
        assertTrue(request("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").wantsKeepAlive());
        assertFalse(request("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n").wantsKeepAlive());
    }

    @Test
    void continueIsExpectedOnlyForHttp11WithABody() {
        assertTrue(request("POST / HTTP/1.1\r\n" + H + "Expect: 100-continue\r\nContent-Length: 1\r\n\r\n").expectsContinue());
        assertFalse(request("POST / HTTP/1.1\r\n" + H + "Expect: 100-continue\r\n\r\n").expectsContinue());
        assertFalse(request("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n").expectsContinue());
    }

    static ParseResult parse(String text) {
        byte[] bytes = bytes(text);
        return PARSER.parse(bytes, 0, bytes.length);
    }

    static Request request(String text) {
        return complete(bytes(text)).request();
    }

    static ParseResult.Complete complete(byte[] bytes) {
        ParseResult result = PARSER.parse(bytes, 0, bytes.length);
        if (result instanceof ParseResult.Complete complete) return complete;
        throw new AssertionError("expected Complete, got " + ParseOutcome.of(result)
                + (result instanceof ParseResult.Invalid i ? " (" + i.error().getMessage() + ")" : ""));
    }

    private static void assertRefused(byte[] bytes, int status) {
        ParseResult result = PARSER.parse(bytes, 0, bytes.length);
        if (!(result instanceof ParseResult.Invalid invalid)) {
            throw new AssertionError("expected Invalid(" + status + "), got " + ParseOutcome.of(result));
        }
        assertEquals(status, invalid.error().status().code(), () -> "status; message: " + invalid.error().getMessage());
    }

    private static Arguments valid(String name, String text, Expectation expectation) {
        return arguments(name, text, expectation);
    }

    private static Arguments invalid(String name, String text, int status) {
        return arguments(name, text, status);
    }
}
