package minihttp.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A {@link Transport} in memory, for unit tests of the connection layer without sockets.
 *
 * <p>Input is a queue of chunks the test adds with {@link #arrive}: one read returns at most the
 * current chunk, as a socket read returns at most what one packet brought; 0 when nothing is
 * there; -1 once {@link #end()} was called and every chunk was read. Output is collected in
 * memory. The write window is how many more bytes the client accepts now ({@link #window},
 * unlimited by default); 0 models a client that stopped reading. The waits block on this object's
 * monitor until input or window arrives, or the timeout. Thread-safe: a test may feed input from
 * one thread while a worker reads on another.
 */
final class InMemoryTransport implements Transport {
    static final long UNLIMITED = Long.MAX_VALUE;

    private final ArrayDeque<ByteBuffer> input = new ArrayDeque<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private boolean endOfInput;
    private long window = UNLIMITED;
    private int reads;
    private int writes;
    private boolean outputShut;
    private boolean closed;
    private FakeKey key;

    // ---- the test's side ----

    /** Bytes the client sends, read as one chunk at most per read. */
    synchronized InMemoryTransport arrive(String latin1) {
        return arrive(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    synchronized InMemoryTransport arrive(byte[] bytes) {
        if (endOfInput) throw new IllegalStateException("input already ended");
        if (bytes.length > 0) input.add(ByteBuffer.wrap(bytes.clone()));
        notifyAll();
        return this;
    }

    /** The client's FIN: reads return -1 once what arrived before was read. */
    synchronized InMemoryTransport end() {
        endOfInput = true;
        notifyAll();
        return this;
    }

    /** From now on the client accepts {@code bytes} more bytes (0: it stopped reading). */
    synchronized InMemoryTransport window(long bytes) {
        window = bytes;
        notifyAll();
        return this;
    }

    /** Everything written so far, as Latin-1 text. */
    synchronized String written() {
        return output.toString(StandardCharsets.ISO_8859_1);
    }

    synchronized byte[] writtenBytes() {
        return output.toByteArray();
    }

    /** Bytes that arrived and were not read yet. */
    synchronized int unread() {
        return input.stream().mapToInt(ByteBuffer::remaining).sum();
    }

    /** Calls of read, whatever they returned. */
    synchronized int reads() {
        return reads;
    }

    /** Calls of write and transferFrom, whatever they moved. */
    synchronized int writes() {
        return writes;
    }

    synchronized boolean outputShut() {
        return outputShut;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** The key handed out by {@link #register}, or null before. */
    synchronized FakeKey key() {
        return key;
    }

    // ---- the connection's side ----

    @Override
    public synchronized int read(ByteBuffer into) throws IOException {
        if (closed) throw new ClosedChannelException();
        reads++;
        ByteBuffer chunk = input.peek();
        if (chunk == null) return endOfInput ? -1 : 0;
        int n = Math.min(chunk.remaining(), into.remaining());
        ByteBuffer slice = chunk.slice();
        slice.limit(n);
        into.put(slice);
        chunk.position(chunk.position() + n);
        if (!chunk.hasRemaining()) input.poll();
        return n;
    }

    @Override
    public synchronized long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        checkWritable();
        writes++;
        long total = 0;
        for (int i = offset; i < offset + length; i++) total += take(sources[i]);
        return total;
    }

    @Override
    public synchronized int write(ByteBuffer source) throws IOException {
        checkWritable();
        writes++;
        return take(source);
    }

    @Override
    public synchronized long transferFrom(FileChannel file, long position, long count) throws IOException {
        checkWritable();
        writes++;
        int n = (int) Math.min(Math.min(count, window), 64 * 1024);
        if (n == 0) return 0;
        ByteBuffer bytes = ByteBuffer.allocate(n);
        int read = file.read(bytes, position);
        if (read <= 0) return 0; // as FileChannel.transferTo at or past the end of the file
        output.write(bytes.array(), 0, read);
        if (window != UNLIMITED) window -= read;
        return read;
    }

    @Override
    public boolean hasBufferedInput() {
        return false;
    }

    @Override
    public synchronized boolean awaitReadable(long timeoutNanos) throws IOException {
        return await(timeoutNanos, () -> !input.isEmpty() || endOfInput);
    }

    @Override
    public synchronized boolean awaitWritable(long timeoutNanos) throws IOException {
        return await(timeoutNanos, () -> window > 0);
    }

    private boolean await(long timeoutNanos, BooleanSupplier ready) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!ready.getAsBoolean()) {
            if (closed) throw new ClosedChannelException();
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            try {
                wait(Math.max(1, left / 1_000_000), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting");
            }
        }
        return true;
    }

    @Override
    public synchronized void shutdownOutput() {
        outputShut = true;
    }

    @Override
    public synchronized SelectionKey register(Selector selector, int interestOps, Object attachment) {
        key = new FakeKey(selector, interestOps);
        key.attach(attachment);
        return key;
    }

    @Override
    public String peer() {
        return "in-memory";
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (key != null) key.cancel();
        notifyAll();
    }

    private void checkWritable() throws ClosedChannelException {
        // As a SocketChannel: no write after close or after shutdownOutput.
        if (closed || outputShut) throw new ClosedChannelException();
    }

    /** Moves what the window allows of {@code source} to the output. */
    private int take(ByteBuffer source) {
        int n = (int) Math.min(source.remaining(), window);
        for (int i = 0; i < n; i++) output.write(source.get());
        if (window != UNLIMITED) window -= n;
        return n;
    }

    /** A selection key that only records the interest set it is given, in order. */
    static final class FakeKey extends SelectionKey {
        private final Selector selector;
        private final List<Integer> history = new ArrayList<>();
        private volatile int interestOps;
        private volatile boolean valid = true;

        FakeKey(Selector selector, int interestOps) {
            this.selector = selector;
            this.interestOps = interestOps;
            history.add(interestOps);
        }

        /** Every interest set, from registration on. */
        synchronized List<Integer> history() {
            return List.copyOf(history);
        }

        @Override
        public SelectableChannel channel() {
            throw new UnsupportedOperationException("no channel in memory");
        }

        @Override
        public Selector selector() {
            return selector;
        }

        @Override
        public boolean isValid() {
            return valid;
        }

        @Override
        public void cancel() {
            valid = false;
        }

        @Override
        public int interestOps() {
            return interestOps;
        }

        @Override
        public synchronized SelectionKey interestOps(int ops) {
            if (!valid) throw new CancelledKeyException();
            interestOps = ops;
            history.add(ops);
            return this;
        }

        @Override
        public int readyOps() {
            return 0;
        }
    }
}
