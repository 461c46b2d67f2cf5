package minihttp.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a body in chunked coding (RFC 9112 §7.1). Buffers up to one chunk so that small writes
 * become one chunk on the wire; {@link #finish()} writes the last chunk and leaves the underlying
 * stream open for the next response. Not thread-safe.
 */
public final class ChunkedOutputStream extends OutputStream {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final OutputStream out;
    private final byte[] buffer;
    private int count;
    private boolean finished;

    public ChunkedOutputStream(OutputStream out, int chunkSize) {
        this.out = out;
        this.buffer = new byte[chunkSize];
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buffer.length) writeChunk();
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (count == buffer.length) writeChunk();
            int take = Math.min(length, buffer.length - count);
            System.arraycopy(bytes, offset, buffer, count, take);
            count += take;
            offset += take;
            length -= take;
        }
    }

    /** Sends what is buffered as a chunk; a chunk of size zero would end the body, so none is sent. */
    @Override
    public void flush() throws IOException {
        writeChunk();
        out.flush();
    }

    public void finish() throws IOException {
        if (finished) return;
        finished = true;
        writeChunk();
        out.write(LAST_CHUNK);
    }

    /** Finishes the body; does not close the connection's stream. */
    @Override
    public void close() throws IOException {
        finish();
    }

    private void writeChunk() throws IOException {
        if (count == 0) return;
        out.write(Integer.toHexString(count).getBytes(StandardCharsets.ISO_8859_1));
        out.write(CRLF);
        out.write(buffer, 0, count);
        out.write(CRLF);
        count = 0;
    }
}
