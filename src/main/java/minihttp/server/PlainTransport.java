package minihttp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Plain TCP: a non-blocking {@link SocketChannel} that stays non-blocking for its whole life (no
 * mode switch per request). A worker's waits go through a selector of the worker's own, so
 * they never disturb the I/O thread's registration.
 */
final class PlainTransport implements Transport {
    private static final ThreadLocal<Selector> WAIT_SELECTOR = ThreadLocal.withInitial(() -> {
        try {
            return Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector", e);
        }
    });

    private final SocketChannel channel;
    /** Looked up when first logged: most requests are never logged (--quiet). */
    private String peer;

    PlainTransport(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        return channel.read(into);
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        return channel.write(sources, offset, length);
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        return channel.write(source);
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        // On Linux a sendfile(2) from the page cache: no copy through the heap.
        return file.transferTo(position, count, channel);
    }

    @Override
    public boolean hasBufferedInput() {
        return false;
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) throws IOException {
        return await(SelectionKey.OP_READ, timeoutNanos);
    }

    @Override
    public boolean awaitWritable(long timeoutNanos) throws IOException {
        return await(SelectionKey.OP_WRITE, timeoutNanos);
    }

    private boolean await(int ops, long timeoutNanos) throws IOException {
        Selector selector = WAIT_SELECTOR.get();
        SelectionKey key = channel.register(selector, ops);
        try {
            long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
            return selector.select(millis) > 0;
        } finally {
            key.cancel();
            selector.selectNow(); // deregisters now, so the next wait may register again
            selector.selectedKeys().clear();
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public SelectionKey register(Selector selector, int interestOps, Object attachment) throws IOException {
        return channel.register(selector, interestOps, attachment);
    }

    @Override
    public String peer() {
        if (peer == null) peer = peerOf(channel);
        return peer;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static String peerOf(SocketChannel channel) {
        try {
            InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
            return remote.getAddress().getHostAddress() + ":" + remote.getPort();
        } catch (IOException | RuntimeException e) {
            return "-";
        }
    }
}
