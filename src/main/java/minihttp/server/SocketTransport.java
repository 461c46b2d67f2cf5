package minihttp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * What every transport over a {@link SocketChannel} does alike: the channel, non-blocking for its
 * whole life (no mode switch per request), a worker's waits, the selector registration, naming
 * the peer and closing. Subclasses say how bytes are read and written.
 */
abstract class SocketTransport implements Transport {
    /** One selector per worker thread, so a worker's waits never disturb the I/O thread's registration. */
    private static final ThreadLocal<Selector> WAIT_SELECTOR = ThreadLocal.withInitial(() -> {
        try {
            return Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector", e);
        }
    });

    protected final SocketChannel channel;
    /** Looked up when first logged: most requests are never logged (--quiet). */
    private String peer;

    SocketTransport(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) throws IOException {
        return await(SelectionKey.OP_READ, timeoutNanos);
    }

    @Override
    public boolean awaitWritable(long timeoutNanos) throws IOException {
        return await(SelectionKey.OP_WRITE, timeoutNanos);
    }

    /** Blocks the calling worker until the channel is ready for {@code ops} or the timeout; false on timeout. */
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
    public SelectionKey register(Selector selector, int interestOps, Object attachment) throws IOException {
        return channel.register(selector, interestOps, attachment);
    }

    /** "address:port" of the peer, or "-" when it cannot be told. */
    @Override
    public String peer() {
        if (peer == null) {
            try {
                InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
                peer = remote.getAddress().getHostAddress() + ":" + remote.getPort();
            } catch (IOException | RuntimeException e) {
                peer = "-";
            }
        }
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
}
