package minihttp.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/** Plain TCP: the bytes go to and come from the {@link SocketChannel} as they are. */
final class PlainTransport extends SocketTransport {
    PlainTransport(SocketChannel channel) throws IOException {
        super(channel);
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
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }
}
