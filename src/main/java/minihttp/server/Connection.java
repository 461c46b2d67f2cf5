package minihttp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import minihttp.http.ChunkedDecoder;
import minihttp.http.ChunkedOutputStream;
import minihttp.http.Limits;
import minihttp.http.ParseResult;
import minihttp.http.ProtocolException;
import minihttp.http.Request;
import minihttp.http.Response;
import minihttp.http.ResponseWriter;
import minihttp.http.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection. Its state (the bytes received but not yet used) lives here, not on a
 * thread: a worker runs {@link #serve()} only while a request is ready, and hands the connection
 * back to the {@link Poller} whenever it would wait for the next head. Only one thread touches a
 * connection at a time: the poller while it is parked, one worker while it is served.
 */
final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final int INITIAL_BUFFER = 4096;
    private static final int CHUNK_SIZE = 8192;
    /** Enough to read away a refused upload of a few times the default body limit on loopback or a LAN. */
    private static final int LINGER_BYTES = 64 << 20;
    private static final int LINGER_MILLIS = 2000;
    /** What the poller reads away before a 503: bounded, since it must not stall on one client. */
    private static final int BUSY_DISCARD_BYTES = 256 << 10;

    private final SocketChannel channel;
    private final Server server;
    private final String client;
    private byte[] buffer;
    private int start;
    private int end;
    private long headStartNanos;
    private long deadlineNanos;
    /** When the write in progress started, or 0: read by the sweeper on another thread. */
    private volatile long writeStartNanos;
    private InputStream in;
    private OutputStream out;

    Connection(SocketChannel channel, Server server, String client) {
        this.channel = channel;
        this.server = server;
        this.client = client;
    }

    SocketChannel channel() {
        return channel;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    /** Serves every request that is ready, then parks or closes the connection. Runs on a worker. */
    void serve() {
        try {
            channel.configureBlocking(true);
            if (in == null) {
                channel.socket().setSoTimeout((int) server.config().idleTimeout().toMillis());
                in = channel.socket().getInputStream();
                out = new BufferedOutputStream(new WatchedOutputStream(channel.socket().getOutputStream()), CHUNK_SIZE);
            }
            if (!fill()) {
                close();
                return;
            }
            while (true) {
                if (start == end) {
                    park();
                    return;
                }
                if (headStartNanos == 0) headStartNanos = System.nanoTime();
                ParseResult result = server.parser().parse(buffer, start, end - start);
                if (result instanceof ParseResult.Incomplete) {
                    park();
                    return;
                }
                if (result instanceof ParseResult.Invalid invalid) {
                    refuse(invalid.error(), firstLine());
                    return;
                }
                ParseResult.Complete complete = (ParseResult.Complete) result;
                start += complete.consumed();
                long requestStart = headStartNanos;
                headStartNanos = 0;
                if (!exchange(complete.request(), requestStart)) return;
            }
        } catch (IOException | RuntimeException e) {
            // The client went away or the socket failed: nothing more can be said to it.
            LOG.debug("connection from {} dropped", client, e);
            close();
        } catch (Error e) {
            close();
            throw e;
        }
    }

    /** Reads the body, runs the handler, writes the response; false when the connection closed. */
    private boolean exchange(Request head, long startNanos) throws IOException {
        String requestLine = head.method() + " " + head.target() + " " + head.version();
        Request request = head;
        Response response;
        try {
            refuseIfTooLarge(head);
            if (head.expectsContinue() && start == end) {
                Response early = server.handler().checkHead(head);
                if (early != null) {
                    // The final answer instead of 100 Continue; the body that may still come is
                    // not read, so the connection closes (RFC 9110 §10.1.1).
                    send(early, head.method().equals("HEAD"), head.isHttp10(), false, requestLine, startNanos);
                    lingeringClose();
                    return false;
                }
            }
            request = head.withBody(readBody(head));
            response = server.handler().handle(request);
        } catch (ProtocolException e) {
            if (e.closeConnection()) {
                refuse(e, requestLine, startNanos);
                return false;
            }
            response = Response.error(e.status(), e.getMessage());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // A bug in one handler, or one request too big for the heap, must not take the
            // server down or leave this client without an answer.
            LOG.error("handler failed on {} from {}", requestLine, client, e);
            response = Response.error(Status.INTERNAL_SERVER_ERROR_500, "internal server error");
        }
        boolean keepAlive = request.wantsKeepAlive() && !server.isStopping();
        boolean keptOpen = send(response, request.method().equals("HEAD"), request.isHttp10(), keepAlive,
                requestLine, startNanos);
        if (!keptOpen) close();
        return keptOpen;
    }

    /** A declared length over the limit is refused before reading, and before any 100 Continue. */
    private void refuseIfTooLarge(Request head) {
        long max = server.parser().limits().maxBodyBytes();
        if (head.framing() == Request.Framing.LENGTH && head.contentLength() > max) {
            throw ProtocolException.fatal(Status.CONTENT_TOO_LARGE_413, "request body larger than " + max + " bytes");
        }
    }

    private byte[] readBody(Request request) throws IOException {
        if (request.framing() == Request.Framing.NONE) return new byte[0];
        sendContinueIfExpected(request);
        return request.framing() == Request.Framing.LENGTH
                ? readFixedBody((int) request.contentLength())
                : readChunkedBody(server.parser().limits());
    }

    private void sendContinueIfExpected(Request request) throws IOException {
        if (request.expectsContinue() && start == end) {
            out.write(ResponseWriter.continueHead());
            out.flush();
        }
    }

    private byte[] readFixedBody(int length) throws IOException {
        byte[] body = new byte[length];
        int have = Math.min(length, end - start);
        System.arraycopy(buffer, start, body, 0, have);
        start += have;
        while (have < length) {
            int n = timedRead(body, have, length - have);
            if (n < 0) throw new IOException("client closed mid-body");
            have += n;
        }
        return body;
    }

    private byte[] readChunkedBody(Limits limits) throws IOException {
        ChunkedDecoder decoder = new ChunkedDecoder(limits);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            start += decoder.decode(buffer, start, end - start, body);
            if (decoder.isDone()) return body.toByteArray();
            start = end = 0;
            int n = timedRead(buffer, 0, buffer.length);
            if (n < 0) throw new IOException("client closed mid-body");
            end = n;
        }
    }

    /** A read that turns a stall longer than the idle timeout into 408. */
    private int timedRead(byte[] into, int offset, int length) throws IOException {
        try {
            return in.read(into, offset, length);
        } catch (SocketTimeoutException e) {
            throw ProtocolException.fatal(Status.REQUEST_TIMEOUT_408, "timed out reading the request body");
        }
    }

    /** Reads what has arrived into the buffer; false at end of stream. */
    private boolean fill() throws IOException {
        if (buffer == null) buffer = new byte[INITIAL_BUFFER];
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            // The parser refuses heads beyond its limits, so this stays bounded.
            byte[] larger = new byte[buffer.length * 2];
            System.arraycopy(buffer, 0, larger, 0, end);
            buffer = larger;
        }
        int n;
        try {
            n = in.read(buffer, end, buffer.length - end);
        } catch (SocketTimeoutException e) {
            return true; // woken without data: the loop parks the connection again
        }
        if (n < 0) return false;
        end += n;
        return true;
    }

    /**
     * Writes one response; true if the connection stays open. Adds the server-wide fields, and
     * closes the connection when a streamed body fails halfway, since its framing is then broken.
     */
    private boolean send(Response response, boolean headRequest, boolean http10, boolean keepAlive,
                         String requestLine, long startNanos) throws IOException {
        addCommonHeaders(response);
        ResponseWriter.Plan plan = ResponseWriter.plan(response, headRequest, http10, keepAlive, server.date());
        long bodyBytes = 0;
        if (!plan.sendBody() || !response.isStreamed()) {
            // The buffered stream sends a small response in one write, a large body without a copy.
            out.write(plan.head());
            if (plan.sendBody()) out.write(response.content());
            bodyBytes = plan.sendBody() ? response.content().length : 0;
        } else {
            out.write(plan.head());
            CountingOutputStream counted = new CountingOutputStream(
                    plan.chunked() ? new ChunkedOutputStream(out, CHUNK_SIZE) : out);
            try {
                response.writeBody(counted);
            } catch (IOException | RuntimeException e) {
                // A client that stops reading (a cancelled download) is routine; anything else is a bug.
                if (e instanceof IOException) {
                    LOG.debug("streaming the body of {} to {} stopped", requestLine, client, e);
                } else {
                    LOG.error("streaming the body of {} to {} failed", requestLine, client, e);
                }
                AccessLog.log(client, requestLine, response.status().code(), counted.count(), startNanos);
                close();
                return false;
            }
            if (plan.chunked()) ((ChunkedOutputStream) counted.target()).finish();
            bodyBytes = counted.count();
        }
        out.flush();
        AccessLog.log(client, requestLine, response.status().code(), bodyBytes, startNanos);
        return !plan.close();
    }

    /** The server-wide fields (CORS) go on every response, refusals included. */
    private void addCommonHeaders(Response response) {
        server.config().commonHeaders().forEach((name, value) -> {
            if (!response.headers().contains(name)) response.header(name, value);
        });
    }

    /** Answers a request that cannot be served, then closes without trusting the stream further. */
    private void refuse(ProtocolException error, String requestLine) throws IOException {
        refuse(error, requestLine, headStartNanos == 0 ? System.nanoTime() : headStartNanos);
    }

    private void refuse(ProtocolException error, String requestLine, long startNanos) throws IOException {
        // RFC 9110 §9.3.2: a HEAD request gets no body, even when it is refused.
        boolean headRequest = requestLine.startsWith("HEAD ");
        send(Response.error(error.status(), error.getMessage()), headRequest, false, false, requestLine, startNanos);
        lingeringClose();
    }

    /**
     * RFC 9112 §9.6: closing with unread request bytes can make the client's TCP stack reset the
     * connection and lose our response, so send FIN first and read away what follows, bounded.
     */
    private void lingeringClose() {
        try {
            channel.shutdownOutput();
            channel.socket().setSoTimeout(LINGER_MILLIS);
            byte[] discard = new byte[CHUNK_SIZE];
            long deadline = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
            int drained = 0;
            while (drained < LINGER_BYTES && System.nanoTime() < deadline) {
                int n = in.read(discard);
                if (n < 0) break;
                drained += n;
            }
        } catch (IOException e) {
            // The client is gone already: nothing left to drain.
        } finally {
            close();
        }
    }

    /** A new connection waits in the poller for its first bytes, at most the idle timeout. */
    void parkNew() {
        deadlineNanos = System.nanoTime() + server.config().idleTimeout().toNanos();
        server.poller().park(this);
    }

    private void park() throws IOException {
        if (server.isStopping()) {
            close();
            return;
        }
        if (start == end) {
            start = end = 0;
            buffer = null; // an idle connection keeps no buffer
            deadlineNanos = System.nanoTime() + server.config().idleTimeout().toNanos();
        } else {
            deadlineNanos = headStartNanos + server.config().headerTimeout().toNanos();
        }
        channel.configureBlocking(false);
        server.poller().park(this);
    }

    /**
     * Called by the poller when the deadline passed: a client that started a head and did not
     * finish it gets 408; an idle keep-alive connection is just closed (RFC 9112 §9.5).
     */
    void expire() {
        if (end > start) {
            answerFromPoller(Response.error(Status.REQUEST_TIMEOUT_408, "timed out waiting for the request head"),
                    firstLine());
        }
        close();
    }

    /** Called by the poller when no worker can take the request: 503 now rather than a queue. */
    void refuseBusy() {
        try {
            // Read the request away first, so that no reset for unread bytes hides the 503; its
            // start tells whether it is a HEAD.
            if (buffer == null) buffer = new byte[INITIAL_BUFFER];
            int n = channel.read(ByteBuffer.wrap(buffer, end, buffer.length - end));
            if (n < 0) {
                close(); // the client left; it was only its goodbye that woke the poller
                return;
            }
            end += n;
            ByteBuffer discard = ByteBuffer.allocate(CHUNK_SIZE);
            for (int drained = n; n > 0 && drained < BUSY_DISCARD_BYTES; drained += n) {
                discard.clear();
                n = channel.read(discard);
            }
        } catch (IOException e) {
            close();
            return;
        }
        Response busy = Response.error(Status.SERVICE_UNAVAILABLE_503, "server busy, try again").header("Retry-After", "1");
        answerFromPoller(busy, firstLine());
        close();
    }

    // Non-blocking: the poller must not wait on a client. A small response fits the socket buffer.
    private void answerFromPoller(Response response, String requestLine) {
        addCommonHeaders(response);
        // RFC 9110 §9.3.2: a HEAD request gets no body, even when it is refused.
        boolean headRequest = requestLine.startsWith("HEAD ");
        ResponseWriter.Plan plan = ResponseWriter.plan(response, headRequest, false, false, server.date());
        try {
            channel.write(ByteBuffer.wrap(ResponseWriter.join(plan, response)));
            channel.shutdownOutput();
        } catch (IOException e) {
            // the client is gone
        }
        AccessLog.log(client, requestLine, response.status().code(), plan.sendBody() ? response.content().length : 0,
                System.nanoTime());
    }

    /** The start of what the client sent, for the access log of a request that did not parse. */
    private String firstLine() {
        if (buffer == null) return "-";
        int stop = start;
        while (stop < end && stop - start < 200 && buffer[stop] != '\n' && buffer[stop] != '\r') stop++;
        return new String(buffer, start, stop - start, StandardCharsets.ISO_8859_1);
    }

    /**
     * Called by the poller's sweep from its own thread: a client that has stopped reading for
     * longer than the idle timeout would hold a worker in a blocking write forever (a socket
     * write has no timeout); closing the channel wakes that write with an exception.
     */
    void closeIfWriteStalled(long now) {
        long started = writeStartNanos;
        if (started != 0 && now - started > server.config().idleTimeout().toNanos()) {
            LOG.debug("closing the connection to {}: it stopped reading", client);
            close();
        }
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // already closed
        }
        server.forget(this);
    }

    /** Marks each socket write in progress, so that a stalled one can be found. */
    private final class WatchedOutputStream extends OutputStream {
        private final OutputStream socket;

        WatchedOutputStream(OutputStream socket) {
            this.socket = socket;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            writeStartNanos = System.nanoTime();
            try {
                socket.write(bytes, offset, length);
            } finally {
                writeStartNanos = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            socket.flush();
        }
    }

    /** Counts what a streamed body wrote, for the access log. */
    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream target;
        private long count;

        CountingOutputStream(OutputStream target) {
            this.target = target;
        }

        OutputStream target() {
            return target;
        }

        long count() {
            return count;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target.write(bytes, offset, length);
            count += length;
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }
}
