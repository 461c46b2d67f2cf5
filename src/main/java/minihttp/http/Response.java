package minihttp.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What a handler answers: a status, header fields and a body, which is one of: bytes in memory, a
 * view of a buffer shared between responses, a part of a file (sent by the server without passing
 * through the heap where the transport allows), or a writer that streams it. Framing
 * (Content-Length or chunked), Date and Connection are not set here; {@link ResponseWriter} adds
 * them. Built by one thread, then handed over; not thread-safe.
 */
public final class Response {
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";

    /** Streams a body; may be called once, from the thread that writes the response. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * {@code length} bytes of a regular file from {@code position}. The server opens it by this
     * real path without following a link in its last name, and fails the response (closing the
     * connection) if the file turns out shorter than promised.
     */
    public record FileRegion(Path path, long position, long length) {
    }

    private static final byte[] NO_BYTES = new byte[0];
    private static final int COPY_BUFFER_BYTES = 32 * 1024;

    private final Status status;
    private final Headers headers = new Headers();
    private final byte[] content;
    private final ByteBuffer shared;
    private final FileRegion file;
    private final BodyWriter writer;
    private final long length;
    private AutoCloseable resource;

    private Response(Status status, byte[] content, ByteBuffer shared, FileRegion file, BodyWriter writer,
                     long length) {
        this.status = status;
        this.content = content;
        this.shared = shared;
        this.file = file;
        this.writer = writer;
        this.length = length;
    }

    public static Response empty(Status status) {
        return new Response(status, NO_BYTES, null, null, null, 0);
    }

    public static Response bytes(Status status, String contentType, byte[] content) {
        return new Response(status, content, null, null, null, content.length).header("Content-Type", contentType);
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
     * A streamed body. The writer may block (on a database cursor, on a slow client), so a route
     * that answers with one must run on a worker.
     *
     * @param length the exact byte count, or -1 when unknown (sent chunked to HTTP/1.1 clients)
     */
    public static Response streamed(Status status, String contentType, long length, BodyWriter writer) {
        return new Response(status, null, null, null, writer, length).header("Content-Type", contentType);
    }

    /**
     * A body held in a buffer that many responses share, such as a cached file kept outside the
     * heap so that the transport sends it without copying it first. The response takes its own
     * view of the buffer's remaining bytes; the buffer must not change afterwards.
     */
    public static Response shared(Status status, String contentType, ByteBuffer content) {
        ByteBuffer view = content.slice();
        return new Response(status, null, view, null, null, view.remaining()).header("Content-Type", contentType);
    }

    /** A body taken from a file: see {@link FileRegion}. */
    public static Response file(Status status, String contentType, FileRegion region) {
        return new Response(status, null, null, region, null, region.length()).header("Content-Type", contentType);
    }

    /**
     * Ties something the body holds (a database cursor) to this response: the server releases
     * it once the response is done with, whether its body was written, cut short, or never sent
     * (HEAD, a 304). Returns this response.
     */
    public Response releasing(AutoCloseable held) {
        this.resource = held;
        return this;
    }

    /** Releases what {@link #releasing} tied to this response; safe to call more than once. */
    public void release() {
        AutoCloseable held = resource;
        resource = null;
        if (held == null) return;
        try {
            held.close();
        } catch (Exception e) {
            // Nothing more can be done for this response; what failed to close reports itself.
        }
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

    /** This response's own view of a shared body, or null. */
    public ByteBuffer shared() {
        return shared;
    }

    /** The in-memory body; empty for a streamed, shared or file body. */
    public byte[] content() {
        return content == null ? NO_BYTES : content;
    }

    /** The file body, or null. */
    public FileRegion file() {
        return file;
    }

    /**
     * Writes the body, whatever its kind, through a stream: a streamed body by its writer, a file
     * through one bounded buffer (where the server cannot hand the file to the transport).
     */
    public void writeBody(OutputStream out) throws IOException {
        if (writer != null) {
            writer.writeTo(out);
        } else if (file != null) {
            copy(file, out);
        } else if (shared != null) {
            copy(shared.duplicate(), out);
        } else {
            out.write(content());
        }
    }

    private static void copy(ByteBuffer source, OutputStream out) throws IOException {
        byte[] chunk = new byte[(int) Math.min(COPY_BUFFER_BYTES, Math.max(source.remaining(), 1))];
        while (source.hasRemaining()) {
            int n = Math.min(chunk.length, source.remaining());
            source.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    private static void copy(FileRegion region, OutputStream out) throws IOException {
        try (FileChannel channel = openFile(region)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(COPY_BUFFER_BYTES, Math.max(region.length(), 1)));
            long position = region.position();
            long remaining = region.length();
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                int read = channel.read(buffer, position);
                if (read < 0) throw fileShrank(region, position);
                out.write(buffer.array(), 0, read);
                position += read;
                remaining -= read;
            }
        }
    }

    /** Opens a file body by its real path, never following a link in its last name. */
    public static FileChannel openFile(FileRegion region) throws IOException {
        return FileChannel.open(region.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The file is shorter than the length already promised in the head: the only honest signal
     * left is to drop the connection, which this exception makes the server do.
     */
    public static IOException fileShrank(FileRegion region, long position) {
        return new IOException("file shrank while being sent: " + region.path() + " ended at byte " + position
                + ", " + (region.position() + region.length() - position) + " bytes short");
    }

    @Override
    public String toString() {
        return status.code() + " " + status.reason();
    }
}
