package minihttp.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a connection has received but not yet used: the rest of a head, a body, pipelined
 * requests. Held in one array from {@link #start()} to {@link #end()}; an idle connection gives
 * its array back ({@link #releaseIfEmpty()}), so ten thousand idle clients cost no buffers. Used
 * by one thread at a time.
 */
final class Inbound {
    static final int INITIAL_BYTES = 4096;
    private static final int MIN_READ_BYTES = 1024;

    private byte[] bytes;
    private int start;
    private int end;

    byte[] bytes() {
        return bytes;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    int available() {
        return end - start;
    }

    boolean isEmpty() {
        return start == end;
    }

    void consume(int count) {
        start += count;
    }

    /** Drops what is held, and the array with it. */
    void clear() {
        start = end = 0;
        bytes = null;
    }

    /**
     * Takes what an I/O thread read into its own scratch array and did not use. A new array is
     * sized to fit: usually this is a small body handed to a worker with its head, and the array
     * goes when the worker is done.
     */
    void keep(byte[] source, int offset, int length) {
        if (length == 0) {
            clear();
            return;
        }
        if (bytes == null || bytes.length < length) bytes = new byte[length];
        System.arraycopy(source, offset, bytes, 0, length);
        start = 0;
        end = length;
    }

    /** Moves what is held to the front of {@code scratch} and returns its length; empties this. */
    int moveTo(byte[] scratch) {
        int length = end - start;
        if (length > 0) System.arraycopy(bytes, start, scratch, 0, length);
        clear();
        return length;
    }

    /** Reads what the transport has, after what is held: the byte count, 0, or -1 at end of stream. */
    int readFrom(Transport transport) throws IOException {
        if (bytes == null) bytes = new byte[INITIAL_BYTES];
        if (start > 0) {
            System.arraycopy(bytes, start, bytes, 0, end - start);
            end -= start;
            start = 0;
        }
        if (bytes.length - end < MIN_READ_BYTES) {
            // Room for a read worth its system call; an array kept to the size of a small body
            // has none. Callers bound what they buffer (the parser's head limits; bodies are
            // taken out as read).
            byte[] larger = new byte[Math.max(INITIAL_BYTES, bytes.length * 2)];
            System.arraycopy(bytes, 0, larger, 0, end);
            bytes = larger;
        }
        int n = transport.read(ByteBuffer.wrap(bytes, end, bytes.length - end));
        if (n > 0) end += n;
        return n;
    }

    void releaseIfEmpty() {
        if (start == end) clear();
    }

    /** The start of what is held, up to the first line end, for the log of a request that did not parse. */
    String firstLine() {
        if (bytes == null || start == end) return "-";
        int stop = start;
        while (stop < end && stop - start < 200 && bytes[stop] != '\n' && bytes[stop] != '\r') stop++;
        return new String(bytes, start, stop - start, StandardCharsets.ISO_8859_1);
    }
}
