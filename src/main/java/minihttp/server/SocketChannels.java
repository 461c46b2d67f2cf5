package minihttp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/** What every transport over a {@link SocketChannel} does alike: a worker's waits, and naming the peer. */
final class SocketChannels {
    /** One selector per worker thread, so a worker's waits never disturb the I/O thread's registration. */
    private static final ThreadLocal<Selector> WAIT_SELECTOR = ThreadLocal.withInitial(() -> {
        try {
            return Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector", e);
        }
    });

    private SocketChannels() {
    }

    /** Blocks the calling worker until the channel is ready for {@code ops} or the timeout; false on timeout. */
    static boolean await(SocketChannel channel, int ops, long timeoutNanos) throws IOException {
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

    /** "address:port" of the peer, or "-" when it cannot be told. */
    static String peer(SocketChannel channel) {
        try {
            InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
            return remote.getAddress().getHostAddress() + ":" + remote.getPort();
        } catch (IOException | RuntimeException e) {
            return "-";
        }
    }

    static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
