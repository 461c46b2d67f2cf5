package minihttp.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decides how a response goes on the wire and writes its head: status line, the response's own
 * fields, Date, framing and Connection. Pure: the date is passed in, nothing is written to a
 * socket here. Thread-safe (stateless).
 */
public final class ResponseWriter {

    /**
     * How to send one response.
     *
     * @param head     the status line and header section, ending with the empty line
     * @param sendBody whether body bytes follow the head (not for HEAD, 204, 304)
     * @param chunked  whether the body must go through a {@link ChunkedOutputStream}
     * @param close    whether the connection closes after this response
     */
    public record Plan(byte[] head, boolean sendBody, boolean chunked, boolean close) {
    }

    private ResponseWriter() {
    }

    /**
     * @param response    what the handler answered
     * @param headRequest the request was HEAD: same fields as GET, no body (RFC 9110 §9.3.2)
     * @param http10      the client speaks HTTP/1.0, which knows neither chunked nor implicit keep-alive
     * @param keepAlive   whether the server intends to keep the connection open
     * @param date        the Date field value (RFC 9110 §6.6.1: an origin server with a clock MUST send it)
     */
    public static Plan plan(Response response, boolean headRequest, boolean http10, boolean keepAlive, String date) {
        Status status = response.status();
        boolean hasContent = status.allowsContent();
        boolean unknownLength = hasContent && response.length() < 0;
        // RFC 9112 §6.3: without chunked, an HTTP/1.0 client can only find the end by the close.
        boolean close = !keepAlive || (unknownLength && http10);
        boolean chunked = unknownLength && !http10;

        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(status.code()).append(' ').append(status.reason()).append("\r\n");
        head.append("Date: ").append(date).append("\r\n");
        response.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (hasContent && !unknownLength) {
            // RFC 9110 §8.6: never in 1xx or 204; for HEAD it is the length GET would send.
            head.append("Content-Length: ").append(response.length()).append("\r\n");
        }
        if (close) {
            head.append("Connection: close\r\n");
        } else if (http10) {
            head.append("Connection: keep-alive\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        return new Plan(headBytes, hasContent && !headRequest, chunked, close);
    }

    /** The interim response sent before reading a body the client holds back (RFC 9110 §10.1.1). */
    public static byte[] continueHead() {
        return "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Head and body of a small in-memory response in one array, to send in one write. */
    public static byte[] join(Plan plan, Response response) {
        if (!plan.sendBody() || response.isStreamed()) return plan.head();
        ByteArrayOutputStream out = new ByteArrayOutputStream(plan.head().length + response.content().length);
        out.writeBytes(plan.head());
        out.writeBytes(response.content());
        return out.toByteArray();
    }
}
