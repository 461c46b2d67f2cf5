package minihttp.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import minihttp.http.ChunkedOutputStream;
import minihttp.http.WireBuffer;

/**
 * The stream a streamed response body is written to, on a worker: it gathers writes behind the
 * head into about {@value #FLUSH_BYTES} bytes at a time, in chunked coding when the framing says
 * so, and waits for the client between writes (giving up after the stall timeout). Not
 * thread-safe.
 */
final class StreamedBody extends OutputStream {
    private static final int FLUSH_BYTES = 16 * 1024;
    private static final int CHUNK_BYTES = 8 * 1024;

    private final Outbound out;
    private final Transport transport;
    private final long stallNanos;
    private final WireBuffer buffer;
    private final OutputStream body;
    private long bodyBytes;

    /** @param head the response head, already written; it goes out with the first bytes of the body */
    StreamedBody(Outbound out, Transport transport, long stallNanos, WireBuffer head, boolean chunked) {
        this.out = out;
        this.transport = transport;
        this.stallNanos = stallNanos;
        this.buffer = head;
        OutputStream raw = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                buffer.write((byte) b);
                if (buffer.size() >= FLUSH_BYTES) send();
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (length >= FLUSH_BYTES) {
                    // Large writes go out from the caller's array, without a copy.
                    send();
                    out.add(ByteBuffer.wrap(bytes, offset, length));
                    out.flushAll(transport, stallNanos);
                    return;
                }
                buffer.write(bytes, offset, length);
                if (buffer.size() >= FLUSH_BYTES) send();
            }
        };
        this.body = chunked ? new ChunkedOutputStream(raw, CHUNK_BYTES) : raw;
    }

    /** Body bytes written by the handler, before any chunked coding. */
    long bodyBytes() {
        return bodyBytes;
    }

    @Override
    public void write(int b) throws IOException {
        body.write(b);
        bodyBytes++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        body.write(bytes, offset, length);
        bodyBytes += length;
    }

    /** Sends what the handler wrote so far, as a chunk when chunked. */
    @Override
    public void flush() throws IOException {
        body.flush();
        send();
    }

    /** Ends the body (the last chunk, when chunked) and sends what is left. */
    void finish() throws IOException {
        if (body instanceof ChunkedOutputStream chunks) chunks.finish();
        send();
    }

    private void send() throws IOException {
        if (buffer.size() == 0) return;
        out.add(buffer.asByteBuffer());
        out.flushAll(transport, stallNanos);
        buffer.clear();
    }
}
