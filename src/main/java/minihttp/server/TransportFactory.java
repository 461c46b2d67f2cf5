package minihttp.server;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/** Makes the transport of a newly accepted connection: plain TCP, or TLS. */
@FunctionalInterface
public interface TransportFactory {
    /** Plain TCP. */
    TransportFactory PLAIN = PlainTransport::new;

    Transport open(SocketChannel channel) throws IOException;

    /** Whether a connection may be answered in plain HTTP before any set-up (not over TLS). */
    default boolean speaksPlainHttp() {
        return true;
    }
}
