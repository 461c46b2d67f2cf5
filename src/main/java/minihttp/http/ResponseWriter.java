package minihttp.http;

import java.nio.charset.StandardCharsets;

/**
 * Decides how a response goes on the wire and writes its head: status line, the response's own
 * fields, the server-wide fields, Date, framing and Connection. Pure: the date and the
 * server-wide fields are passed in already encoded, and the head goes into a {@link WireBuffer},
 * never to a socket. Thread-safe (stateless).
 */
public final class ResponseWriter {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] COLON_SPACE = {':', ' '};
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CHUNKED = "Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] KEEP_ALIVE = "Connection: keep-alive\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /**
     * How one response goes out, once its head is written.
     *
     * @param sendBody whether body bytes follow the head (not for HEAD, 204, 304)
     * @param chunked  whether the body must go through a {@link ChunkedOutputStream}
     * @param close    whether the connection closes after this response
     */
    public record Framing(boolean sendBody, boolean chunked, boolean close) {
    }

    /** A head with its framing, for callers that want the bytes on their own. */
    public record Plan(byte[] head, boolean sendBody, boolean chunked, boolean close) {
    }

    private static final Framing[] FRAMINGS = new Framing[8];

    static {
        for (int i = 0; i < 8; i++) FRAMINGS[i] = new Framing((i & 4) != 0, (i & 2) != 0, (i & 1) != 0);
    }

    private ResponseWriter() {
    }

    /**
     * Writes the head of {@code response} into {@code out}.
     *
     * @param headRequest  the request was HEAD: same fields as GET, no body (RFC 9110 §9.3.2)
     * @param http10       the client speaks HTTP/1.0, which knows neither chunked nor implicit keep-alive
     * @param keepAlive    whether the server intends to keep the connection open
     * @param dateField    the whole "Date: ...\r\n" line (RFC 9110 §6.6.1: an origin server with a
     *                     clock MUST send Date)
     * @param commonFields fields every response carries unless it sets them itself (CORS)
     */
    public static Framing writeHead(Response response, boolean headRequest, boolean http10, boolean keepAlive,
                                    byte[] dateField, CommonFields commonFields, WireBuffer out) {
        Status status = response.status();
        boolean hasContent = status.allowsContent();
        boolean unknownLength = hasContent && response.length() < 0;
        // RFC 9112 §6.3: without chunked, an HTTP/1.0 client can only find the end by the close.
        boolean close = !keepAlive || (unknownLength && http10);
        boolean chunked = unknownLength && !http10;

        out.write(status.statusLine());
        out.write(dateField);
        Headers fields = response.headers();
        for (int i = 0; i < fields.size(); i++) {
            out.writeLatin1(fields.name(i)).write(COLON_SPACE).writeLatin1(fields.value(i)).write(CRLF);
        }
        commonFields.writeMissing(fields, out);
        if (chunked) {
            out.write(CHUNKED);
        } else if (hasContent && !unknownLength) {
            // RFC 9110 §8.6: never in 1xx or 204; for HEAD it is the length GET would send.
            out.write(CONTENT_LENGTH).writeDecimal(response.length()).write(CRLF);
        }
        if (close) {
            out.write(CLOSE);
        } else if (http10) {
            out.write(KEEP_ALIVE);
        }
        out.write(CRLF);
        return FRAMINGS[(hasContent && !headRequest ? 4 : 0) | (chunked ? 2 : 0) | (close ? 1 : 0)];
    }

    /** The head as its own array, with a plain date text and no common fields. */
    public static Plan plan(Response response, boolean headRequest, boolean http10, boolean keepAlive, String date) {
        WireBuffer out = new WireBuffer(256);
        Framing framing = writeHead(response, headRequest, http10, keepAlive, dateField(date), CommonFields.NONE, out);
        return new Plan(out.toByteArray(), framing.sendBody(), framing.chunked(), framing.close());
    }

    /** "Date: " + date + CRLF, encoded. */
    public static byte[] dateField(String date) {
        return ("Date: " + date + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The interim response sent before reading a body the client holds back (RFC 9110 §10.1.1). */
    public static byte[] continueHead() {
        return CONTINUE.clone();
    }
}
