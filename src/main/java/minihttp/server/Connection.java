package minihttp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import minihttp.http.ParseResult;
import minihttp.http.ProtocolException;
import minihttp.http.Request;
import minihttp.http.Response;
import minihttp.http.ResponseWriter;
import minihttp.http.Status;
import minihttp.http.WireBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection and its keep-alive loop. It lives on an {@link IoLoop}, which reads it
 * when bytes arrive and answers every request that cannot block right there, pipelined ones in
 * one write. A request that may block (the store, a body still to come) goes to a worker, which
 * keeps the connection while the next request is already buffered and then gives it back; the
 * selector registration stays as it is unless bytes arrive meanwhile, in which case the loop
 * pauses it and the worker re-arms it on return.
 *
 * <p>Exactly one thread owns the connection's state at a time: its loop ({@code LOOP}) or one
 * worker ({@code WORKER}, {@code WORKER_PAUSED}). The hand-over is the atomic {@link #owner}.
 */
final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final int LOOP = 0;
    private static final int WORKER = 1;
    /** Owned by a worker, and the loop has turned readiness events off meanwhile. */
    private static final int WORKER_PAUSED = 2;
    /** Enough to read away a refused upload of a few times the default body limit on loopback or a LAN. */
    private static final int LINGER_BYTES = 64 << 20;
    private static final long LINGER_NANOS = 2_000_000_000L;
    /** A response body in memory up to this size is copied behind its head: one buffer, one write. */
    private static final int JOIN_LIMIT = 16 * 1024;
    private static final ThreadLocal<WireBuffer> WORKER_WIRE = ThreadLocal.withInitial(() -> new WireBuffer(1024));

    private final Transport transport;
    private final IoLoop loop;
    private final ConnectionContext context;
    /** Run by every {@link #close}, so it must count only once: gives back the place under the connection limits. */
    private final Runnable onClose;
    private final Inbound in = new Inbound();
    private final Outbound out = new Outbound();
    private final AtomicInteger owner = new AtomicInteger(LOOP);
    private SelectionKey key;
    private long deadlineNanos;
    /** When the first byte of the head being received arrived, or 0 between requests. */
    private long headStartNanos;
    private Ending endingWhenFlushed = Ending.NONE;
    private long lingerBudget = -1;
    private volatile boolean closed;

    Connection(Transport transport, IoLoop loop, ConnectionContext context) {
        this(transport, loop, context, () -> { });
    }

    Connection(Transport transport, IoLoop loop, ConnectionContext context, Runnable onClose) {
        this.transport = transport;
        this.loop = loop;
        this.context = context;
        this.onClose = onClose;
    }

    /** Registers for reading; the client has the idle timeout to send its first byte. On the loop. */
    void register() throws IOException {
        key = transport.register(loop.selector(), SelectionKey.OP_READ, this);
        deadlineNanos = System.nanoTime() + context.idleNanos();
    }

    /** A readiness event from the loop's selector. */
    void onReady() {
        if (owner.get() != LOOP) {
            // A worker holds the connection; bytes for it wait in the socket until it returns.
            try {
                if (owner.compareAndSet(WORKER, WORKER_PAUSED)) key.interestOps(0);
            } catch (CancelledKeyException e) {
                // the worker has just closed it
            }
            return;
        }
        try {
            if (!out.isEmpty()) {
                continueWriting();
            } else if (lingerBudget >= 0) {
                drainLinger();
            } else {
                readAndServe();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("connection from {} dropped", transport.peer(), e);
            close();
        }
    }

    private void readAndServe() throws IOException {
        byte[] scratch = loop.readBytes();
        int end = in.moveTo(scratch);
        int n;
        do {
            n = transport.read(ByteBuffer.wrap(scratch, end, scratch.length - end));
            if (n > 0) end += n;
        } while (n > 0 && end < scratch.length && transport.hasBufferedInput());
        if (end == 0) {
            if (n < 0) {
                close();
            } else if (transport.isHandshaking()) {
                // The handshake counts against the header timeout, from its first bytes; what the
                // transport has to say meanwhile goes out when the socket takes it.
                if (headStartNanos == 0) {
                    headStartNanos = System.nanoTime();
                    deadlineNanos = headStartNanos + context.headerNanos();
                }
                if (!out.flush(transport)) key.interestOps(SelectionKey.OP_WRITE);
            }
            return; // woken with nothing to read
        }
        // After the client's FIN, what it sent is answered and then the connection closes: a
        // head it left unfinished can never be finished.
        serve(scratch, 0, end, n < 0);
    }

    /**
     * Answers every whole request in {@code bytes[from, end)} that cannot block, into one write;
     * hands the first that may block to a worker, with what follows it.
     */
    private void serve(byte[] bytes, int from, int end, boolean endOfStream) throws IOException {
        WireBuffer wire = loop.wire();
        wire.clear();
        int position = from;
        Ending ending = Ending.NONE;
        while (position < end) {
            if (headStartNanos == 0) headStartNanos = System.nanoTime();
            ParseResult result = context.parser().parse(bytes, position, end - position);
            if (result instanceof ParseResult.Incomplete) break;
            if (result instanceof ParseResult.Invalid invalid) {
                in.keep(bytes, position, end - position);
                writeRefusal(invalid.error(), in.firstLine(), wire);
                position = end;
                ending = Ending.LINGER;
                break;
            }
            ParseResult.Complete complete = (ParseResult.Complete) result;
            Request request = complete.request();
            position += complete.consumed();
            long started = headStartNanos;
            headStartNanos = 0;
            if (request.hasBody() || context.handler().mayBlock(request)) {
                in.keep(bytes, position, end - position);
                queue(wire);
                dispatch(request, started);
                return;
            }
            ending = respondOnLoop(request, started, wire);
            if (ending != Ending.NONE) {
                // Anything the client sent after a request that ends the connection is unread.
                if (position < end) ending = Ending.LINGER;
                break;
            }
        }
        if (ending == Ending.NONE && endOfStream) ending = Ending.CLOSE;
        if (ending == Ending.NONE) {
            in.keep(bytes, position, end - position);
        } else {
            in.clear();
        }
        if (out.isEmpty() && wire.size() > 0) {
            ByteBuffer buffer = wire.asByteBuffer();
            transport.write(buffer);
            if (buffer.hasRemaining()) {
                out.add(copyOf(buffer));
            } else {
                out.flush(transport); // notes bytes the transport itself still holds (TLS)
            }
        } else {
            queue(wire);
            out.flush(transport);
        }
        afterWrite(ending);
    }

    /** How a connection ends once what is queued has gone out. */
    private enum Ending {
        /** It goes on to the next request. */
        NONE,
        /** Nothing more will be read: close. */
        CLOSE,
        /** The client may still be sending: a lingering close (RFC 9112 §9.6). */
        LINGER
    }

    /** After a write on the loop: wait for the rest, close, or wait for the next request. */
    private void afterWrite(Ending ending) throws IOException {
        if (!out.isEmpty()) {
            endingWhenFlushed = ending;
            key.interestOps(SelectionKey.OP_WRITE);
            deadlineNanos = System.nanoTime() + context.idleNanos();
            return;
        }
        if (ending == Ending.LINGER) {
            lingeringClose();
            return;
        }
        if (ending == Ending.CLOSE) {
            close();
            return;
        }
        if (context.isStopping() && in.isEmpty()) {
            close();
            return;
        }
        // A head, or a TLS handshake, under way has the header timeout from its start.
        deadlineNanos = in.isEmpty() && headStartNanos == 0
                ? System.nanoTime() + context.idleNanos()
                : headStartNanos + context.headerNanos();
    }

    private void continueWriting() throws IOException {
        if (!out.flush(transport)) {
            deadlineNanos = System.nanoTime() + context.idleNanos(); // it moved: the client reads
            return;
        }
        key.interestOps(SelectionKey.OP_READ);
        if (endingWhenFlushed == Ending.NONE && !in.isEmpty()) {
            // Requests that arrived while the answers before them were going out.
            byte[] scratch = loop.readBytes();
            serve(scratch, 0, in.moveTo(scratch), false);
        } else {
            afterWrite(endingWhenFlushed);
        }
    }

    private void dispatch(Request request, long started) {
        owner.set(WORKER);
        try {
            context.workers().execute(() -> serveOnWorker(request, started));
        } catch (RejectedExecutionException e) {
            owner.set(LOOP);
            refuseBusy(request, started);
        }
    }

    /** Every worker is busy and the queue is full: 503 now rather than a wait, then close. */
    private void refuseBusy(Request request, long started) {
        try {
            Response busy = Response.error(Status.SERVICE_UNAVAILABLE_503, "server busy, try again")
                    .header("Retry-After", "1");
            WireBuffer wire = loop.wire();
            wire.clear();
            long bodyBytes = queueBody(busy, writeHead(busy, request, false, wire), wire);
            AccessLog.log(transport, request, 503, bodyBytes, started);
            queue(wire);
            out.flush(transport);
            afterWrite(Ending.LINGER);
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    /**
     * Called by the loop's sweep once the deadline passed: a client that started a head and did
     * not finish it gets 408; an idle keep-alive connection is just closed (RFC 9112 §9.5); a
     * client that stopped reading our answer, or a lingering close that ran out, is closed.
     */
    void expireIfOverdue(long now) {
        if (owner.get() != LOOP || now - deadlineNanos <= 0) return;
        if (out.isEmpty() && lingerBudget < 0 && !in.isEmpty()) {
            try {
                WireBuffer wire = loop.wire();
                wire.clear();
                writeRefusal(ProtocolException.fatal(Status.REQUEST_TIMEOUT_408, "timed out waiting for the request head"),
                        in.firstLine(), wire);
                transport.write(wire.asByteBuffer());
                transport.shutdownOutput();
            } catch (IOException e) {
                // the client is gone
            }
        } else if (!out.isEmpty()) {
            LOG.debug("closing the connection to {}: it stopped reading", transport.peer());
        }
        close();
    }

    /** On stop: a connection the loop holds with nothing in flight is closed now. */
    void closeIfIdle() {
        if (owner.get() == LOOP && out.isEmpty()) close();
    }

    /** Serves requests while they are buffered, then gives the connection back to its loop. */
    private void serveOnWorker(Request first, long firstStarted) {
        Request request = first;
        long started = firstStarted;
        try {
            while (exchange(request, started)) {
                if (in.isEmpty()) {
                    in.releaseIfEmpty();
                    deadlineNanos = System.nanoTime() + context.idleNanos();
                    giveBack();
                    return;
                }
                headStartNanos = System.nanoTime();
                ParseResult result = context.parser().parse(in.bytes(), in.start(), in.available());
                if (result instanceof ParseResult.Incomplete) {
                    deadlineNanos = headStartNanos + context.headerNanos();
                    giveBack();
                    return;
                }
                if (result instanceof ParseResult.Invalid invalid) {
                    WireBuffer wire = WORKER_WIRE.get();
                    wire.clear();
                    writeRefusal(invalid.error(), in.firstLine(), wire);
                    out.add(wire.asByteBuffer());
                    out.flushAll(transport, context.idleNanos());
                    lingerOnLoop();
                    return;
                }
                ParseResult.Complete complete = (ParseResult.Complete) result;
                in.consume(complete.consumed());
                request = complete.request();
                started = headStartNanos;
                headStartNanos = 0;
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("connection from {} dropped", transport.peer(), e);
            close();
        } catch (Error e) {
            close();
            throw e;
        }
    }

    /**
     * One request on a worker: runs the handler (which reads the body if it wants it), sends the
     * response, and deals with a body left unread. True when the connection goes on; otherwise
     * it has been closed or handed to the loop for a lingering close.
     */
    private boolean exchange(Request request, long started) throws IOException {
        BodyReader body = request.hasBody()
                ? new BodyReader(request, in, transport, context.config().limits(), context.idleNanos(), this::sendContinue)
                : null;
        Response response;
        boolean refused = false;
        try {
            response = context.handler().handle(body == null ? request : request.withBodySource(body));
        } catch (ProtocolException e) {
            response = Response.error(e.status(), e.getMessage());
            refused = e.closeConnection();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            if (e instanceof UncheckedIOException && body != null && body.clientGone()) {
                LOG.debug("client {} left while sending a body", transport.peer(), e);
                close();
                return false;
            }
            response = handlerFailed(request, e);
        }
        boolean keepAlive = !refused && request.wantsKeepAlive() && !context.isStopping();
        boolean unreadInput = refused;
        try {
            if (keepAlive && body != null) {
                try {
                    keepAlive = body.skipUnread();
                } catch (IOException | ProtocolException e) {
                    keepAlive = false;
                }
                unreadInput = !keepAlive;
            }
            if (!sendOnWorker(request, response, keepAlive, started)) return false;
        } finally {
            // Whatever the response holds (a database cursor) goes back, sent or not.
            response.release();
        }
        if (keepAlive) return true;
        if (unreadInput || (body != null && !body.clientGone())) {
            lingerOnLoop();
        } else {
            close();
        }
        return false;
    }

    /** Sends one response, waiting for the client as needed; false when the connection was dropped. */
    private boolean sendOnWorker(Request request, Response response, boolean keepAlive, long started)
            throws IOException {
        WireBuffer wire = WORKER_WIRE.get();
        wire.clear();
        ResponseWriter.Framing framing = writeHead(response, request, keepAlive, wire);
        long bodyBytes = 0;
        if (framing.sendBody() && response.isStreamed()) {
            StreamedBody stream = new StreamedBody(out, transport, context.idleNanos(), wire, framing.chunked());
            try {
                response.writeBody(stream);
                stream.finish();
            } catch (IOException | RuntimeException e) {
                // A client that stops reading (a cancelled download) is routine; anything else is a bug.
                if (e instanceof IOException) {
                    LOG.debug("streaming the body of {} to {} stopped", request, transport.peer(), e);
                } else {
                    LOG.error("streaming the body of {} to {} failed", request, transport.peer(), e);
                }
                AccessLog.log(transport, request, response.status().code(), stream.bodyBytes(), started);
                close();
                return false;
            }
            bodyBytes = stream.bodyBytes();
        } else {
            bodyBytes = queueBody(response, framing, wire);
            // Not copied: it is all written before this worker uses the wire again.
            if (wire.size() > 0) out.add(wire.asByteBuffer());
            try {
                out.flushAll(transport, context.idleNanos());
            } catch (IOException e) {
                LOG.debug("sending {} to {} stopped", request, transport.peer(), e);
                AccessLog.log(transport, request, response.status().code(), 0, started);
                close();
                return false;
            }
        }
        AccessLog.log(transport, request, response.status().code(), bodyBytes, started);
        return true;
    }

    private void sendContinue() throws IOException {
        out.add(ByteBuffer.wrap(ResponseWriter.continueHead()));
        out.flushAll(transport, context.idleNanos());
    }

    /** Hands the connection back to its loop, re-arming it if the loop paused it meanwhile. */
    private void giveBack() {
        if (owner.getAndSet(LOOP) == WORKER_PAUSED) loop.execute(this::rearm);
    }

    private void rearm() {
        if (closed || owner.get() != LOOP) return;
        key.interestOps(lingerBudget >= 0 || out.isEmpty() ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
        if (lingerBudget < 0 && out.isEmpty() && !in.isEmpty()) {
            // What is buffered may already be a whole request, with nothing more to come.
            try {
                byte[] scratch = loop.readBytes();
                serve(scratch, 0, in.moveTo(scratch), false);
            } catch (IOException | RuntimeException e) {
                close();
            }
        }
    }

    private void lingerOnLoop() throws IOException {
        startLingering();
        giveBack();
    }

    /**
     * Runs the handler on the loop, where it cannot block, and writes the response into
     * {@code wire} (a file body is queued behind it). Bugs become 500, refusals their status.
     */
    private Ending respondOnLoop(Request request, long started, WireBuffer wire) throws IOException {
        Response response;
        boolean refused = false;
        try {
            response = context.handler().handle(request);
            if (response.isStreamed()) {
                response.release();
                throw new IllegalStateException("a route marked non-blocking answered with a streamed body");
            }
        } catch (ProtocolException e) {
            response = Response.error(e.status(), e.getMessage());
            refused = e.closeConnection();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            response = handlerFailed(request, e);
        }
        boolean keepAlive = !refused && request.wantsKeepAlive() && !context.isStopping();
        ResponseWriter.Framing framing = writeHead(response, request, keepAlive, wire);
        long bodyBytes;
        try {
            bodyBytes = queueBody(response, framing, wire);
        } finally {
            response.release();
        }
        AccessLog.log(transport, request, response.status().code(), bodyBytes, started);
        if (!framing.close()) return Ending.NONE;
        return refused ? Ending.LINGER : Ending.CLOSE;
    }

    private Response handlerFailed(Request request, Throwable e) {
        // A bug in one handler, or one request too big for the heap, must not take the server
        // down or leave this client without an answer.
        LOG.error("handler failed on {} from {}", request, transport.peer(), e);
        return Response.error(Status.INTERNAL_SERVER_ERROR_500, "internal server error");
    }

    /**
     * Puts an in-memory, shared or file body after its head: a small one into {@code wire}, a large one or
     * a file queued behind it (with {@code wire} queued first). Returns the body's length.
     */
    private long queueBody(Response response, ResponseWriter.Framing framing, WireBuffer wire) throws IOException {
        if (!framing.sendBody()) return 0;
        if (response.file() != null) {
            queue(wire);
            out.addFile(response.file());
        } else if (response.shared() != null) {
            ByteBuffer view = response.shared();
            if (view.remaining() <= JOIN_LIMIT) {
                wire.write(view);
            } else {
                queue(wire);
                out.add(view);
            }
        } else if (response.content().length <= JOIN_LIMIT) {
            wire.write(response.content());
        } else {
            queue(wire);
            out.add(ByteBuffer.wrap(response.content()));
        }
        return response.length();
    }

    /** Moves what {@code wire} holds into the outbound queue (copied: the wire is reused). */
    private void queue(WireBuffer wire) {
        if (wire.size() == 0) return;
        out.add(ByteBuffer.wrap(wire.toByteArray()));
        wire.clear();
    }

    private ResponseWriter.Framing writeHead(Response response, Request request, boolean keepAlive, WireBuffer wire) {
        return ResponseWriter.writeHead(response, request.method().equals("HEAD"), request.isHttp10(), keepAlive,
                context.dates().field(), context.commonFields(), wire);
    }

    /** The answer to a request that cannot be served; the connection closes after it. */
    private void writeRefusal(ProtocolException error, String requestLine, WireBuffer wire) {
        Response response = Response.error(error.status(), error.getMessage());
        // RFC 9110 §9.3.2: a HEAD request gets no body, even when it is refused.
        boolean headRequest = requestLine.startsWith("HEAD ");
        ResponseWriter.Framing framing = ResponseWriter.writeHead(response, headRequest, false, false,
                context.dates().field(), context.commonFields(), wire);
        if (framing.sendBody()) wire.write(response.content());
        long started = headStartNanos == 0 ? System.nanoTime() : headStartNanos;
        AccessLog.log(transport, requestLine, error.status().code(),
                framing.sendBody() ? response.content().length : 0, started);
    }

    /**
     * RFC 9112 §9.6: closing with unread request bytes can make the client's TCP stack reset the
     * connection and lose our response, so send FIN first and read away what follows, bounded in
     * bytes and time, on the loop.
     */
    private void lingeringClose() throws IOException {
        startLingering();
        key.interestOps(SelectionKey.OP_READ);
        drainLinger();
    }

    private void startLingering() throws IOException {
        in.clear();
        transport.shutdownOutput();
        lingerBudget = LINGER_BYTES;
        deadlineNanos = System.nanoTime() + LINGER_NANOS;
    }

    private void drainLinger() throws IOException {
        ByteBuffer discard = ByteBuffer.wrap(loop.readBytes());
        while (true) {
            discard.clear();
            int n = transport.read(discard);
            if (n == 0) return;
            if (n < 0 || (lingerBudget -= n) <= 0) {
                close();
                return;
            }
        }
    }

    void close() {
        closed = true;
        // Before the socket closes, so that a client that sees the close finds the place free.
        onClose.run();
        out.discard();
        transport.close();
        loop.forget(this);
    }

    private static ByteBuffer copyOf(ByteBuffer buffer) {
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
        copy.put(buffer).flip();
        return copy;
    }
}
