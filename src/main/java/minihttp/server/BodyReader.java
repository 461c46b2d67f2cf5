package minihttp.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import minihttp.http.ChunkedDecoder;
import minihttp.http.Limits;
import minihttp.http.ProtocolException;
import minihttp.http.Request;
import minihttp.http.Status;

/**
 * Reads one request body on a worker, when the handler first asks for it: first the bytes that
 * came with the head, then from the transport, waiting at most the stall timeout for each read
 * (else 408), and on average no slower than {@link #MIN_BYTES_PER_SECOND} once the stall timeout
 * has passed (else 408 too). A declared length over the limit is refused with 413 before
 * anything is read or invited; a client that waits for {@code 100 Continue} gets it just before
 * the first read (RFC 9110 §10.1.1), so a request refused without reading its body never makes
 * the client send it. After the handler, {@link #skipUnread} decides whether the connection can
 * go on.
 */
final class BodyReader implements Request.BodySource {
    /** An unread body up to this size is read away to keep the connection; a larger one closes it. */
    static final int SKIP_LIMIT = 64 * 1024;
    /**
     * A client that sends a byte just before each stall timeout would hold a worker for as long
     * as it likes; so after a first stall timeout the body must keep up this average, as
     * Apache's mod_reqtimeout asks by default (body=20,MinRate=500). A 5 MiB body at this rate
     * takes three hours, so no real upload comes near it.
     */
    static final long MIN_BYTES_PER_SECOND = 500;

    /** Sends the interim 100 response; may block. */
    @FunctionalInterface
    interface ContinueSender {
        void sendContinue() throws IOException;
    }

    private final Request head;
    private final Inbound in;
    private final Transport transport;
    private final Limits limits;
    private final long stallNanos;
    private final long minBytesPerSecond;
    private final long nanosPerByte;
    private final ContinueSender continueSender;
    /** When the first read began, and what has come since: the deadline grows with each byte. */
    private long startNanos;
    private long received;
    private boolean started;
    private boolean finished;
    private boolean continueSent;
    private boolean clientGone;

    BodyReader(Request head, Inbound in, Transport transport, Limits limits, long stallNanos,
               ContinueSender continueSender) {
        this(head, in, transport, limits, stallNanos, MIN_BYTES_PER_SECOND, continueSender);
    }

    BodyReader(Request head, Inbound in, Transport transport, Limits limits, long stallNanos,
               long minBytesPerSecond, ContinueSender continueSender) {
        this.head = head;
        this.in = in;
        this.transport = transport;
        this.limits = limits;
        this.stallNanos = stallNanos;
        this.minBytesPerSecond = minBytesPerSecond;
        this.nanosPerByte = TimeUnit.SECONDS.toNanos(1) / minBytesPerSecond;
        this.continueSender = continueSender;
    }

    @Override
    public byte[] read() throws IOException {
        if (started) throw new IllegalStateException("the body is read once");
        started = true;
        startNanos = System.nanoTime();
        if (head.framing() == Request.Framing.LENGTH && head.contentLength() > limits.maxBodyBytes()) {
            throw ProtocolException.fatal(Status.CONTENT_TOO_LARGE_413,
                    "request body larger than " + limits.maxBodyBytes() + " bytes");
        }
        inviteIfWaiting();
        byte[] body = head.framing() == Request.Framing.LENGTH
                ? readFixed((int) head.contentLength())
                : readChunked(limits);
        finished = true;
        return body;
    }

    /** The client went away while sending the body: nothing more can be said to it. */
    boolean clientGone() {
        return clientGone;
    }

    /**
     * After the handler: reads away a body it left unread when that is cheap. False when the
     * connection must close instead: a body read halfway or refused, a client still holding its
     * body back for a 100 Continue that never came (it may send it or not, so the stream cannot
     * be trusted), or a body too large to read away.
     */
    boolean skipUnread() throws IOException {
        if (finished || !head.hasBody()) return true;
        if (started) return false;
        if (head.expectsContinue() && !continueSent && in.isEmpty()) return false;
        started = true;
        startNanos = System.nanoTime();
        try {
            if (head.framing() == Request.Framing.LENGTH) {
                if (head.contentLength() > SKIP_LIMIT) return false;
                skipFixed((int) head.contentLength());
            } else {
                readChunked(limits.withMaxBodyBytes(Math.min(SKIP_LIMIT, limits.maxBodyBytes())));
            }
        } catch (ProtocolException e) {
            return false;
        }
        finished = true;
        return true;
    }

    private void inviteIfWaiting() throws IOException {
        if (head.expectsContinue() && in.isEmpty()) {
            continueSender.sendContinue();
            continueSent = true;
        }
    }

    private byte[] readFixed(int length) throws IOException {
        byte[] body = new byte[length];
        int have = Math.min(length, in.available());
        System.arraycopy(in.bytes() == null ? body : in.bytes(), in.start(), body, 0, have);
        in.consume(have);
        ByteBuffer rest = ByteBuffer.wrap(body, have, length - have);
        while (rest.hasRemaining()) {
            int n = transport.read(rest);
            if (n < 0) throw gone();
            received += n;
            if (n == 0) awaitBytes();
        }
        return body;
    }

    private void skipFixed(int length) throws IOException {
        int remaining = length;
        while (true) {
            int take = Math.min(remaining, in.available());
            in.consume(take);
            remaining -= take;
            if (remaining == 0) return;
            fill();
        }
    }

    private byte[] readChunked(Limits bodyLimits) throws IOException {
        ChunkedDecoder decoder = new ChunkedDecoder(bodyLimits);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            if (in.available() > 0) in.consume(decoder.decode(in.bytes(), in.start(), in.available(), body));
            if (decoder.isDone()) return body.toByteArray();
            fill();
        }
    }

    /** Reads more into {@link #in}, waiting for it. */
    private void fill() throws IOException {
        while (true) {
            int n = in.readFrom(transport);
            if (n < 0) throw gone();
            received += n;
            if (n > 0) return;
            awaitBytes();
        }
    }

    private void awaitBytes() throws IOException {
        long untilTooSlow = startNanos + stallNanos + received * nanosPerByte - System.nanoTime();
        if (untilTooSlow <= 0) throw tooSlow();
        if (!transport.awaitReadable(Math.min(stallNanos, untilTooSlow))) {
            if (untilTooSlow < stallNanos) throw tooSlow();
            throw ProtocolException.fatal(Status.REQUEST_TIMEOUT_408, "timed out reading the request body");
        }
    }

    private ProtocolException tooSlow() {
        return ProtocolException.fatal(Status.REQUEST_TIMEOUT_408,
                "the request body came slower than " + minBytesPerSecond + " bytes a second");
    }

    private IOException gone() {
        clientGone = true;
        return new EOFException("client closed mid-body");
    }
}
