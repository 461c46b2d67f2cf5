package minihttp.server;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import minihttp.http.CommonFields;
import minihttp.http.Response;
import minihttp.http.ResponseWriter;
import minihttp.http.Status;
import minihttp.http.WireBuffer;
import minihttp.server.ConnectionLimits.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a connection refused by {@link ConnectionLimits} gets: a 503 with {@code Retry-After},
 * encoded once when the server starts, written in one non-blocking write, then the close. It
 * never waits: a new socket's send buffer is empty, so the answer fits; if it does not, the client
 * gets the close alone. Best effort too because a client that has already sent its request may see
 * a reset instead (its unread bytes make the close a RST, RFC 9112 §9.6), which a lingering close
 * would avoid at the cost of holding the connection. No thread, buffer or registration per refusal.
 *
 * <p>A flood of refusals must not flood the log: the first refusal logs a warning at once, later
 * ones are counted and logged with their counts at most once per {@value #LOG_INTERVAL_MILLIS} ms.
 * Used by the acceptor thread only.
 */
final class ConnectionRefusals {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRefusals.class);
    static final long LOG_INTERVAL_MILLIS = 1000;

    private final ConnectionLimits limits;
    /** Direct, so a write copies nothing; rewound before each write. */
    private final ByteBuffer serverFull;
    private final ByteBuffer clientFull;
    private long lastLineNanos;
    private boolean loggedBefore;
    private long serverFullCount;
    private long clientFullCount;

    /**
     * @param retryAfter   seconds after which a place is likely free: the idle timeout, by which
     *                     every idle connection has been closed
     * @param commonFields the fields every response carries (CORS)
     */
    ConnectionRefusals(ConnectionLimits limits, long retryAfter, CommonFields commonFields) {
        this.limits = limits;
        this.serverFull = encode("too many connections, try again later", retryAfter, commonFields);
        this.clientFull = encode("too many connections from your address, try again later", retryAfter, commonFields);
    }

    /**
     * Answers 503 where the port speaks plain HTTP (over TLS an answer would first need a
     * handshake, which a refused connection is not worth: it is only closed), closes, and notes
     * the refusal for the log.
     */
    void refuse(SocketChannel channel, Refusal refusal, InetAddress client, boolean answer) {
        try {
            channel.configureBlocking(false);
            if (answer) channel.write((refusal == Refusal.SERVER_FULL ? serverFull : clientFull).rewind());
        } catch (IOException e) {
            // the client has gone already: the close below is all it needed
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
        note(refusal, client);
    }

    private void note(Refusal refusal, InetAddress client) {
        if (refusal == Refusal.SERVER_FULL) {
            serverFullCount++;
        } else {
            clientFullCount++;
        }
        long now = System.nanoTime();
        if (loggedBefore && now - lastLineNanos < LOG_INTERVAL_MILLIS * 1_000_000) return;
        LOG.warn("refused {} new connection(s) with 503 ({} at --max-connections={}, {} from an address at"
                        + " --max-connections-per-client={}; the last from {}); at most one such line a second",
                serverFullCount + clientFullCount, serverFullCount, limits.maxConnections(), clientFullCount,
                limits.maxPerClient(), client.getHostAddress());
        loggedBefore = true;
        lastLineNanos = now;
        serverFullCount = 0;
        clientFullCount = 0;
    }

    /**
     * RFC 9110 §6.6.1 makes Date optional in a 5xx, which lets the answer be encoded once; every
     * other field is as on any error (JSON body, CORS, Connection: close).
     */
    private static ByteBuffer encode(String message, long retryAfter, CommonFields commonFields) {
        Response response = Response.error(Status.SERVICE_UNAVAILABLE_503, message)
                .header("Retry-After", String.valueOf(retryAfter));
        WireBuffer wire = new WireBuffer(512);
        ResponseWriter.writeHead(response, false, false, false, new byte[0], commonFields, wire);
        wire.write(response.content());
        ByteBuffer encoded = ByteBuffer.allocateDirect(wire.size());
        encoded.put(wire.array(), 0, wire.size()).flip();
        return encoded;
    }
}
