package minihttp.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How each kind of response goes on the wire: the exact head, and whether a body follows. */
class ResponseWriterTest {
    private static final String DATE = "Thu, 05 Nov 2026 08:49:37 GMT";
    private static final String D = "Date: " + DATE + "\r\n";
    private static final String TEXT = "Content-Type: text/plain; charset=utf-8\r\n";
    private static final String OCTETS = "Content-Type: application/octet-stream\r\n";

    /** A request context: HEAD or not, HTTP/1.0 or 1.1, keep-alive wanted or not. */
    enum Call {
        GET_11_KEEP(false, false, true), GET_11_CLOSE(false, false, false), GET_10_KEEP(false, true, true),
        GET_10_CLOSE(false, true, false), HEAD_11_KEEP(true, false, true), HEAD_10_KEEP(true, true, true);

        final boolean head;
        final boolean http10;
        final boolean keepAlive;

        Call(boolean head, boolean http10, boolean keepAlive) {
            this.head = head;
            this.http10 = http10;
            this.keepAlive = keepAlive;
        }
    }

    static Stream<Arguments> plans() {
        Supplier<Response> hello = () -> Response.text(Status.OK_200, "hello");
        Supplier<Response> streamedUnknown = () -> Response.streamed(Status.OK_200, "application/octet-stream", -1, out -> out.write(1));
        Supplier<Response> streamedKnown = () -> Response.streamed(Status.OK_200, "application/octet-stream", 3, out -> out.write(new byte[3]));
        return Stream.of(
            plan("fixed body gets Content-Length", hello, Call.GET_11_KEEP, "HTTP/1.1 200 OK\r\n" + D + TEXT + "Content-Length: 5\r\n\r\n", true, false, false),
            plan("empty 200 gets Content-Length: 0", () -> Response.empty(Status.OK_200), Call.GET_11_KEEP, "HTTP/1.1 200 OK\r\n" + D + "Content-Length: 0\r\n\r\n", true, false, false),
            plan("streamed with known length gets Content-Length", streamedKnown, Call.GET_11_KEEP, "HTTP/1.1 200 OK\r\n" + D + OCTETS + "Content-Length: 3\r\n\r\n", true, false, false),
            plan("unknown length on HTTP/1.1 is chunked", streamedUnknown, Call.GET_11_KEEP, "HTTP/1.1 200 OK\r\n" + D + OCTETS + "Transfer-Encoding: chunked\r\n\r\n", true, true, false),
            plan("unknown length on HTTP/1.0 is ended by close, never chunked", streamedUnknown, Call.GET_10_KEEP, "HTTP/1.1 200 OK\r\n" + D + OCTETS + "Connection: close\r\n\r\n", true, false, true),
            plan("unknown length on HTTP/1.1 without keep-alive still chunked", streamedUnknown, Call.GET_11_CLOSE, "HTTP/1.1 200 OK\r\n" + D + OCTETS + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n", true, true, true),
            plan("204 has no Content-Length and no body", () -> Response.empty(Status.NO_CONTENT_204), Call.GET_11_KEEP, "HTTP/1.1 204 No Content\r\n" + D + "\r\n", false, false, false),
            plan("204 drops content a handler gave it", () -> Response.text(Status.NO_CONTENT_204, "x"), Call.GET_11_KEEP, "HTTP/1.1 204 No Content\r\n" + D + TEXT + "\r\n", false, false, false),
            plan("304 has no Content-Length and no body", () -> Response.empty(Status.NOT_MODIFIED_304).header("ETag", "\"v1\""), Call.GET_11_KEEP, "HTTP/1.1 304 Not Modified\r\n" + D + "ETag: \"v1\"\r\n\r\n", false, false, false),
            plan("304 with unknown length is not chunked", () -> Response.streamed(Status.NOT_MODIFIED_304, "text/plain", -1, out -> { }), Call.GET_11_KEEP, "HTTP/1.1 304 Not Modified\r\nDate: " + DATE + "\r\nContent-Type: text/plain\r\n\r\n", false, false, false),
            plan("HEAD keeps GET's Content-Length, sends no body", hello, Call.HEAD_11_KEEP, "HTTP/1.1 200 OK\r\n" + D + TEXT + "Content-Length: 5\r\n\r\n", false, false, false),
            plan("HEAD of unknown length keeps GET's framing", streamedUnknown, Call.HEAD_11_KEEP, "HTTP/1.1 200 OK\r\n" + D + OCTETS + "Transfer-Encoding: chunked\r\n\r\n", false, true, false),
            plan("HEAD on HTTP/1.0 keep-alive", hello, Call.HEAD_10_KEEP, "HTTP/1.1 200 OK\r\n" + D + TEXT + "Content-Length: 5\r\nConnection: keep-alive\r\n\r\n", false, false, false),
            plan("not keeping alive sends Connection: close", hello, Call.GET_11_CLOSE, "HTTP/1.1 200 OK\r\n" + D + TEXT + "Content-Length: 5\r\nConnection: close\r\n\r\n", true, false, true),
            plan("HTTP/1.0 keep-alive sends Connection: keep-alive", hello, Call.GET_10_KEEP, "HTTP/1.1 200 OK\r\n" + D + TEXT + "Content-Length: 5\r\nConnection: keep-alive\r\n\r\n", true, false, false),
            plan("HTTP/1.0 without keep-alive sends Connection: close", hello, Call.GET_10_CLOSE, "HTTP/1.1 200 OK\r\n" + D + TEXT + "Content-Length: 5\r\nConnection: close\r\n\r\n", true, false, true),
            plan("status line carries code and reason", () -> Response.empty(Status.NOT_FOUND_404), Call.GET_11_KEEP, "HTTP/1.1 404 Not Found\r\n" + D + "Content-Length: 0\r\n\r\n", true, false, false),
            plan("handler fields kept in order, repeats too", () -> Response.empty(Status.OK_200).header("Vary", "a").header("X", "1").header("Vary", "b"), Call.GET_11_KEEP, "HTTP/1.1 200 OK\r\n" + D + "Vary: a\r\nX: 1\r\nVary: b\r\nContent-Length: 0\r\n\r\n", true, false, false),
            plan("error body is JSON", () -> Response.error(Status.BAD_REQUEST_400, "bad \"x\""), Call.GET_11_CLOSE, "HTTP/1.1 400 Bad Request\r\n" + D + "Content-Type: application/json\r\nContent-Length: 21\r\nConnection: close\r\n\r\n", true, false, true)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void responseIsPlannedWithItsExactHead(String name, Supplier<Response> response, Call call, String head,
                                           boolean sendBody, boolean chunked, boolean close) {
        ResponseWriter.Plan plan = ResponseWriter.plan(response.get(), call.head, call.http10, call.keepAlive, DATE);
        assertEquals(head, new String(plan.head(), StandardCharsets.ISO_8859_1), "head");
        assertEquals(sendBody, plan.sendBody(), "sendBody");
        assertEquals(chunked, plan.chunked(), "chunked");
        assertEquals(close, plan.close(), "close");
    }

    @Test
    void headRequestGetsTheSameHeadAsGet() {
        Response response = Response.text(Status.OK_200, "hello");
        ResponseWriter.Plan get = ResponseWriter.plan(response, false, false, true, DATE);
        ResponseWriter.Plan head = ResponseWriter.plan(response, true, false, true, DATE);
        assertArrayEquals(get.head(), head.head());
        assertFalse(head.sendBody());
    }

    @Test
    void dateIsPassedThroughVerbatim() {
        String head = new String(ResponseWriter.plan(Response.empty(Status.OK_200), false, false, true, "any text").head(),
                StandardCharsets.ISO_8859_1);
        assertEquals("HTTP/1.1 200 OK\r\nDate: any text\r\nContent-Length: 0\r\n\r\n", head);
    }

    @Test
    void utf8BodyLengthIsCountedInBytes() {
        String head = new String(ResponseWriter.plan(Response.text(Status.OK_200, "\u00e9\u20ac"), false, false, true, DATE).head(),
                StandardCharsets.ISO_8859_1);
        assertEquals("HTTP/1.1 200 OK\r\n" + D + TEXT + "Content-Length: 5\r\n\r\n", head);
    }

    @Test
    void continueHeadIsExact() {
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(ResponseWriter.continueHead(), StandardCharsets.ISO_8859_1));
    }

    private static Arguments plan(String name, Supplier<Response> response, Call call, String head,
                                  boolean sendBody, boolean chunked, boolean close) {
        return arguments(name, response, call, head, sendBody, chunked, close);
    }
}
