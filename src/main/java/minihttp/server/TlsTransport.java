package minihttp.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import minihttp.http.HttpDate;

/**
 * TLS over a non-blocking {@link SocketChannel}, with an {@link SSLEngine}: reads decrypt, writes
 * encrypt, and the handshake runs inside reads (and writes), on whichever thread uses the
 * connection, without ever waiting. A connection still in its handshake holds no worker: its
 * bytes are plain readiness events for the I/O thread, and {@link #read} returns 0 until request
 * bytes are decrypted.
 *
 * <p>Encrypted bytes the socket did not take stay here, so {@link #write} may accept bytes it
 * cannot send yet; {@link #flush} sends them. Its buffers are taken when needed and given back
 * when empty, so an idle connection holds only the engine. A plain-HTTP request on this port is
 * answered with a plain-text 400, as nginx does, and the connection ends. Used by one thread at a
 * time.
 */
final class TlsTransport extends SocketTransport {
    /** A TLS record starts with its content type; a ClientHello comes in a handshake record. */
    private static final int HANDSHAKE_RECORD = 0x16;
    private static final int RECORD_HEADER_BYTES = 5;
    private static final ByteBuffer[] NOTHING = {ByteBuffer.allocate(0)};
    /** Plaintext of a file on its way to being encrypted; one TLS record's worth. */
    private static final ThreadLocal<ByteBuffer> FILE_CHUNK = ThreadLocal.withInitial(() -> ByteBuffer.allocate(16 * 1024));

    private final SSLEngine engine;
    private final int packetBytes;
    private final int applicationBytes;
    /** Encrypted bytes read and not yet decrypted; fill mode. */
    private ByteBuffer netIn;
    /** Decrypted bytes not yet read; read mode. */
    private ByteBuffer appIn;
    /** Encrypted bytes not yet sent; fill mode. */
    private ByteBuffer netOut;
    private boolean firstBytesSeen;
    private boolean inputEnded;

    TlsTransport(SocketChannel channel, SSLEngine engine) throws IOException {
        super(channel);
        this.engine = engine;
        this.packetBytes = engine.getSession().getPacketBufferSize();
        this.applicationBytes = engine.getSession().getApplicationBufferSize();
        engine.beginHandshake();
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        if (appIn != null && appIn.hasRemaining()) return drainInto(into);
        if (inputEnded) return -1;
        try {
            while (true) {
                if (netIn != null && netIn.position() > 0) {
                    SSLEngineResult result = unwrap();
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        // close_notify: answer it (NEED_WRAP) and report the end once data is out.
                        inputEnded = true;
                        handshake(result.getHandshakeStatus());
                        return appIn != null && appIn.hasRemaining() ? drainInto(into) : -1;
                    }
                    handshake(result.getHandshakeStatus());
                    if (appIn != null && appIn.hasRemaining()) return drainInto(into);
                    if (result.getStatus() == SSLEngineResult.Status.OK && result.bytesConsumed() > 0) continue;
                }
                // Nothing to decrypt yet: more bytes from the socket.
                int n = channel.read(netInForFilling());
                if (n < 0) {
                    inputEnded = true;
                    return -1;
                }
                if (n == 0) {
                    flush();
                    releaseEmptyBuffers();
                    return 0;
                }
                if (!firstBytesSeen && refusePlainHttp()) return -1;
            }
        } catch (SSLException e) {
            sendAlert();
            throw e;
        }
    }

    /** Decrypts what {@code netIn} holds into {@code appIn}, growing them as the engine asks. */
    private SSLEngineResult unwrap() throws IOException {
        while (true) {
            ByteBuffer target = appInForFilling();
            netIn.flip();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, target);
            } finally {
                netIn.compact();
                target.flip();
            }
            switch (result.getStatus()) {
                case BUFFER_OVERFLOW -> appIn = growReadMode(appIn, applicationBytes);
                case BUFFER_UNDERFLOW -> {
                    // A record larger than the room left: make room for a whole one.
                    if (netIn.capacity() < packetBytes) netIn = growFillMode(netIn, packetBytes);
                    return result;
                }
                default -> {
                    return result;
                }
            }
        }
    }

    /** Moves the handshake on as far as it goes without waiting for the client. */
    private void handshake(SSLEngineResult.HandshakeStatus status) throws IOException {
        while (true) {
            switch (status) {
                case NEED_TASK -> {
                    // Certificate and key work; on this thread, as it cannot wait for anything.
                    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                        task.run();
                    }
                    status = engine.getHandshakeStatus();
                }
                case NEED_WRAP -> {
                    SSLEngineResult result = wrap(NOTHING, 0, 1);
                    boolean sent = flush();
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                        // The flight is larger than the room left: again once it went out.
                        if (!sent) return;
                    } else if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        return;
                    } else {
                        status = result.getHandshakeStatus();
                    }
                }
                default -> {
                    // NEED_UNWRAP: the client's turn; FINISHED or NOT_HANDSHAKING: done.
                    return;
                }
            }
        }
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        if (!flush()) return 0;
        if (isHandshaking()) {
            // Nothing is sent before the handshake is done (a 408 to a client that never
            // finished it just closes).
            handshake(engine.getHandshakeStatus());
            return 0;
        }
        long consumed = 0;
        while (remaining(sources, offset, length) > 0) {
            SSLEngineResult result = wrap(sources, offset, length);
            consumed += result.bytesConsumed();
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) throw new IOException("TLS output closed");
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                if (!flush()) break;
            } else if (result.bytesConsumed() == 0) {
                break;
            }
        }
        flush();
        return consumed;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        return (int) write(new ByteBuffer[] {source}, 0, 1);
    }

    /** Files are read through the heap here: the kernel cannot encrypt what it sends. */
    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        if (!flush()) return 0;
        ByteBuffer chunk = FILE_CHUNK.get().clear();
        chunk.limit((int) Math.min(count, chunk.capacity()));
        int read = file.read(chunk, position);
        if (read <= 0) return 0;
        chunk.flip();
        return write(new ByteBuffer[] {chunk}, 0, 1);
    }

    @Override
    public boolean flush() throws IOException {
        if (netOut == null || netOut.position() == 0) return true;
        netOut.flip();
        try {
            channel.write(netOut);
        } finally {
            netOut.compact();
        }
        if (netOut.position() > 0) return false;
        netOut = null;
        return true;
    }

    /** Decrypted bytes, or a whole record waiting to be decrypted. */
    @Override
    public boolean hasBufferedInput() {
        return appIn != null && appIn.hasRemaining() || hasWholeRecord();
    }

    private boolean hasWholeRecord() {
        if (netIn == null || netIn.position() < RECORD_HEADER_BYTES) return false;
        int length = ((netIn.get(3) & 0xff) << 8) | (netIn.get(4) & 0xff);
        return netIn.position() >= RECORD_HEADER_BYTES + length;
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) throws IOException {
        if (hasBufferedInput() || inputEnded) return true;
        return super.awaitReadable(timeoutNanos);
    }

    /** Sends close_notify, then the FIN; the read side stays open for a lingering close. */
    @Override
    public void shutdownOutput() throws IOException {
        engine.closeOutbound();
        try {
            wrap(NOTHING, 0, 1);
            flush();
        } catch (SSLException e) {
            // The session is broken anyway; the FIN still tells the client.
        }
        channel.shutdownOutput();
    }

    @Override
    public boolean isHandshaking() {
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        return status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                && status != SSLEngineResult.HandshakeStatus.FINISHED;
    }

    private SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length) throws IOException {
        if (netOut == null) netOut = ByteBuffer.allocate(2 * packetBytes);
        return engine.wrap(sources, offset, length, netOut);
    }

    /**
     * RFC 8446 §5: a TLS connection starts with a handshake record. One that starts with a
     * letter is an HTTP request sent without TLS: it gets a 400 in plain text that says why, and
     * the connection ends (what nginx does, with its 400 "plain HTTP request was sent to HTTPS
     * port"). Other bytes go to the engine, which refuses them with an alert.
     */
    private boolean refusePlainHttp() throws IOException {
        firstBytesSeen = true;
        int first = netIn.get(0) & 0xff;
        if (first == HANDSHAKE_RECORD || first < 'A' || first > 'Z') return false;
        String body = "{\"error\":\"this port speaks HTTPS: send the request with TLS (https://)\"}";
        String answer = "HTTP/1.1 400 Bad Request\r\n"
                + "Date: " + HttpDate.format(Instant.now()) + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "Connection: close\r\n\r\n" + body;
        channel.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.US_ASCII)));
        channel.shutdownOutput();
        netIn = null;
        inputEnded = true;
        return true;
    }

    /** After a failed handshake or a bad record: the alert the engine has ready, best effort. */
    private void sendAlert() {
        try {
            engine.closeOutbound();
            wrap(NOTHING, 0, 1);
            flush();
        } catch (IOException | RuntimeException e) {
            // The connection is being dropped either way.
        }
    }

    private int drainInto(ByteBuffer into) {
        int n = Math.min(into.remaining(), appIn.remaining());
        ByteBuffer slice = appIn.slice(appIn.position(), n);
        into.put(slice);
        appIn.position(appIn.position() + n);
        releaseEmptyBuffers();
        return n;
    }

    private ByteBuffer netInForFilling() {
        if (netIn == null) netIn = ByteBuffer.allocate(packetBytes);
        if (!netIn.hasRemaining()) netIn = growFillMode(netIn, netIn.capacity());
        return netIn;
    }

    /** {@code appIn} in fill mode, keeping what it holds. */
    private ByteBuffer appInForFilling() {
        if (appIn == null) {
            appIn = ByteBuffer.allocate(applicationBytes);
        } else {
            appIn.compact();
        }
        return appIn;
    }

    /** An idle connection keeps no buffers. */
    private void releaseEmptyBuffers() {
        if (netIn != null && netIn.position() == 0) netIn = null;
        if (appIn != null && !appIn.hasRemaining()) appIn = null;
    }

    /** A larger buffer in fill mode holding what {@code buffer}, in fill mode, holds. */
    private static ByteBuffer growFillMode(ByteBuffer buffer, int more) {
        ByteBuffer larger = ByteBuffer.allocate(buffer.capacity() + more);
        buffer.flip();
        return larger.put(buffer);
    }

    /** A larger buffer in read mode holding what {@code buffer}, in read mode, has left. */
    private static ByteBuffer growReadMode(ByteBuffer buffer, int more) {
        ByteBuffer larger = ByteBuffer.allocate(buffer.capacity() + more);
        return larger.put(buffer).flip();
    }

    private static long remaining(ByteBuffer[] buffers, int offset, int length) {
        long total = 0;
        for (int i = offset; i < offset + length; i++) total += buffers[i].remaining();
        return total;
    }
}
