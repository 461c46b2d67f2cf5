package minihttp.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a handler answers: a status, header fields and a body that is either bytes in memory or
 * a writer that streams it. Framing (Content-Length or chunked), Date and Connection are not set
 * here; {@link ResponseWriter} adds them. Built by one thread, then handed over; not thread-safe.
 */
public final class Response {
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";

    /** Streams a body; may be called once, from the thread that writes the response. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final byte[] NO_BYTES = new byte[0];

    private final Status status;
    private final Headers headers = new Headers();
    private final byte[] content;
    private final BodyWriter writer;
    private final long length;

    private Response(Status status, byte[] content, BodyWriter writer, long length) {
        this.status = status;
        this.content = content;
        this.writer = writer;
        this.length = length;
    }

    public static Response empty(Status status) {
        return new Response(status, NO_BYTES, null, 0);
    }

    public static Response bytes(Status status, String contentType, byte[] content) {
        return new Response(status, content, null, content.length).header("Content-Type", contentType);
    }

    public static Response json(Status status, String json) {
        return bytes(status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    public static Response text(Status status, String text) {
        return bytes(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON error body every refusal carries: {"error": message}. */
    public static Response error(Status status, String message) {
        return json(status, "{\"error\":" + Json.quote(message) + "}");
    }

    /**
     * A streamed body.
     *
     * @param length the exact byte count, or -1 when unknown (sent chunked to HTTP/1.1 clients)
     */
    public static Response streamed(Status status, String contentType, long length, BodyWriter writer) {
        return new Response(status, null, writer, length).header("Content-Type", contentType);
    }

    /** Adds a header field; returns this response. */
    public Response header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    public Status status() {
        return status;
    }

    public Headers headers() {
        return headers;
    }

    /** The body's length, or -1 when it is streamed without a known length. */
    public long length() {
        return length;
    }

    public boolean isStreamed() {
        return writer != null;
    }

    /** The in-memory body; empty for a streamed response. */
    public byte[] content() {
        return content == null ? NO_BYTES : content;
    }

    public void writeBody(OutputStream out) throws IOException {
        if (writer != null) {
            writer.writeTo(out);
        } else {
            out.write(content);
        }
    }

    @Override
    public String toString() {
        return status.code() + " " + status.reason();
    }
}
