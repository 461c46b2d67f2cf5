package minihttp.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * The byte stream under one HTTP connection: plain TCP today, TLS next. Everything the
 * connection says to a client, refusals from the I/O thread included, goes through here, so a
 * transport that encrypts sees every byte.
 *
 * <p>Reads and writes never block: they move what they can and say how much. A worker thread
 * that must wait uses {@link #awaitReadable}/{@link #awaitWritable}; an I/O thread never waits
 * and instead registers the transport with its selector. "Readable" at the socket may not mean
 * request bytes (a TLS record may be a handshake message), which is why {@link #read} may return
 * 0 after a readiness event and {@link #hasBufferedInput} exists. Used by one thread at a time.
 */
public interface Transport {

    /** Reads what is available: the byte count, 0 when nothing is ready, -1 at end of stream. */
    int read(ByteBuffer into) throws IOException;

    /** Writes what fits now, in order, and returns the byte count (possibly 0). */
    long write(ByteBuffer[] sources, int offset, int length) throws IOException;

    /** Writes what fits now of one buffer. */
    int write(ByteBuffer source) throws IOException;

    /**
     * Sends bytes the transport accepted in a write but holds itself (TLS keeps the encrypted
     * bytes the socket did not take); true when it holds none. Plain TCP holds none.
     */
    default boolean flush() throws IOException {
        return true;
    }

    /**
     * Sends up to {@code count} bytes of a file from {@code position} without blocking; returns
     * how many went (0 when the peer's window is full or the file ends there).
     */
    long transferFrom(FileChannel file, long position, long count) throws IOException;

    /**
     * Whether the transport is still setting itself up with the client (a TLS handshake): bytes
     * arrive, but no request bytes yet. Never for plain TCP.
     */
    default boolean isHandshaking() {
        return false;
    }

    /** Input already taken off the socket and decoded but not yet read (TLS); never for plain TCP. */
    boolean hasBufferedInput();

    /** Blocks the calling worker until readable or the timeout; false on timeout. */
    boolean awaitReadable(long timeoutNanos) throws IOException;

    /** Blocks the calling worker until writable or the timeout; false on timeout. */
    boolean awaitWritable(long timeoutNanos) throws IOException;

    /** Ends our side of the stream (a FIN), keeping the read side open for a lingering close. */
    void shutdownOutput() throws IOException;

    /** Registers for readiness events on an I/O thread's selector. */
    SelectionKey register(Selector selector, int interestOps, Object attachment) throws IOException;

    /** The peer, as "address:port", for the access log. */
    String peer();

    /** Closes at once; safe to call twice and from any thread. */
    void close();
}
