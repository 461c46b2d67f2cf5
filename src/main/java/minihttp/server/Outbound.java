package minihttp.server;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import minihttp.http.Response;

/**
 * What a connection has yet to send, in order: byte buffers and file regions. {@link #flush}
 * writes what the transport takes now and never blocks, for an I/O thread; {@link #flushAll}
 * waits for the client between writes, for a worker, and gives up when the client reads nothing
 * for the stall timeout. Files are opened when queued and closed once sent or discarded. Used by
 * one thread at a time.
 */
final class Outbound {
    private static final int GATHER = 16;

    /** A file region being sent: its channel and how far it got. */
    private static final class FileSend {
        final Response.FileRegion region;
        final FileChannel channel;
        long position;
        long remaining;

        FileSend(Response.FileRegion region, FileChannel channel) {
            this.region = region;
            this.channel = channel;
            this.position = region.position();
            this.remaining = region.length();
        }
    }

    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[GATHER];
    private long written;
    /** Whether the transport held bytes of its own after the last flush (TLS records not yet sent). */
    private boolean transportHolds;

    boolean isEmpty() {
        return pending.isEmpty() && !transportHolds;
    }

    /** Every byte written so far, files included: for the access log's body counts. */
    long written() {
        return written;
    }

    void add(ByteBuffer bytes) {
        if (bytes.hasRemaining()) pending.add(bytes);
    }

    void addFile(Response.FileRegion region) throws IOException {
        if (region.length() == 0) return;
        pending.add(new FileSend(region, Response.openFile(region)));
    }

    /** Writes what the transport takes now; true when nothing is left. */
    boolean flush(Transport transport) throws IOException {
        while (!pending.isEmpty()) {
            Object next = pending.peek();
            if (next instanceof FileSend file) {
                if (!send(file, transport)) return false;
                pending.poll();
                file.channel.close();
            } else if (!writeBuffers(transport)) {
                return false;
            }
        }
        transportHolds = !transport.flush();
        return !transportHolds;
    }

    /** Writes everything, waiting for the client; gives up after a stall of {@code stallNanos}. */
    void flushAll(Transport transport, long stallNanos) throws IOException {
        while (!flush(transport)) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("server stopping");
            if (!transport.awaitWritable(stallNanos)) throw new StalledClientException();
        }
    }

    /** Drops what was not sent and closes its files. */
    void discard() {
        for (Object next : pending) {
            if (next instanceof FileSend file) {
                try {
                    file.channel.close();
                } catch (IOException e) {
                    // nothing to release
                }
            }
        }
        pending.clear();
        transportHolds = false;
    }

    /** One gathering write of the buffers at the head of the queue; true when they all went. */
    private boolean writeBuffers(Transport transport) throws IOException {
        int count = 0;
        for (Object next : pending) {
            if (!(next instanceof ByteBuffer buffer) || count == GATHER) break;
            gather[count++] = buffer;
        }
        long n = count == 1 ? transport.write(gather[0]) : transport.write(gather, 0, count);
        written += n;
        boolean all = true;
        for (int i = 0; i < count; i++) {
            if (gather[i].hasRemaining()) {
                all = false;
            } else {
                pending.poll();
            }
            gather[i] = null;
        }
        return all;
    }

    private boolean send(FileSend file, Transport transport) throws IOException {
        while (file.remaining > 0) {
            long n = transport.transferFrom(file.channel, file.position, file.remaining);
            if (n == 0) {
                if (file.position >= file.channel.size()) throw Response.fileShrank(file.region, file.position);
                return false;
            }
            file.position += n;
            file.remaining -= n;
            written += n;
        }
        return true;
    }

    /** The client stopped reading for the whole stall timeout. */
    static final class StalledClientException extends IOException {
        private static final long serialVersionUID = 1L;

        StalledClientException() {
            super("the client stopped reading");
        }
    }
}
