package minihttp.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Plain TCP: a non-blocking {@link SocketChannel} that stays non-blocking for its whole life (no
 * mode switch per request). A worker's waits go through a selector of the worker's own, so
 * they never disturb the I/O thread's registration.
 */
final class PlainTransport implements Transport {
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
        return SocketChannels.await(channel, SelectionKey.OP_READ, timeoutNanos);
    }

    @Override
    public boolean awaitWritable(long timeoutNanos) throws IOException {
        return SocketChannels.await(channel, SelectionKey.OP_WRITE, timeoutNanos);
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
        if (peer == null) peer = SocketChannels.peer(channel);
        return peer;
    }

    @Override
    public void close() {
        SocketChannels.close(channel);
    }

}
