package minihttp.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One client connection over a blocking socket, for load tools that must see the framing: it
 * sends exactly the bytes it is given and reads one response at a time as it is on the wire
 * (status line, header fields, a body delimited by {@code Content-Length}, chunked coding or the
 * close; none for {@code HEAD}, 1xx, 204 and 304). Every read waits at most the read timeout
 * ({@link SocketTimeoutException}); a connection that ends before a response is complete is an
 * {@link EOFException}. A head is at most 64 KiB, a body at most 64 MiB. Not thread-safe: one
 * thread drives a connection.
 */
final class ClientConnection implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 64 << 20;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int readTimeoutMillis;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;

    /** A response as received: status, header fields (names in lower case, the first value of each), body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What {@link #await} saw. */
    enum Arrival {
        /** The wait ran out with nothing sent. */
        NOTHING,
        /** Bytes arrived; they are left for {@link #read}. */
        BYTES,
        /** The server closed the connection. */
        END
    }

    private ClientConnection(Socket socket, int readTimeoutMillis) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.readTimeoutMillis = readTimeoutMillis;
    }

    static ClientConnection open(InetSocketAddress address, Duration readTimeout) throws IOException {
        return open(address, readTimeout, 0);
    }

    /**
     * Connects within the read timeout. A {@code receiveBuffer} above 0 is set before connecting,
     * so that the kernel's window stays that small and a client that stops reading stalls the
     * server soon.
     */
    static ClientConnection open(InetSocketAddress address, Duration readTimeout, int receiveBuffer)
            throws IOException {
        int millis = Math.toIntExact(readTimeout.toMillis());
        Socket socket = new Socket();
        try {
            if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(millis);
            socket.connect(address, millis);
            return new ClientConnection(socket, millis);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    void send(byte[] bytes) throws IOException {
        send(bytes, 0, bytes.length);
    }

    void send(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        out.flush();
    }

    /** Tells the server this client sends nothing more (a FIN), and keeps reading. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /**
     * Waits up to {@code wait} (instead of the read timeout) for the server to send something
     * or to close the connection. A reset is thrown as the {@link IOException} it is.
     */
    Arrival await(Duration wait) throws IOException {
        if (position < limit) return Arrival.BYTES;
        socket.setSoTimeout(Math.max(1, Math.toIntExact(wait.toMillis())));
        try {
            return fill() < 0 ? Arrival.END : Arrival.BYTES;
        } catch (SocketTimeoutException e) {
            return Arrival.NOTHING;
        } finally {
            socket.setSoTimeout(readTimeoutMillis);
        }
    }

    /**
     * Whether the server closes the connection, within the read timeout, without sending
     * anything more: true for the end of the stream or a reset, false if bytes arrive.
     */
    boolean closesWithoutMore() throws IOException {
        if (position < limit) return false;
        try {
            return fill() < 0;
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            return true;
        }
    }

    /** Reads the next response; {@code head}: it answers a HEAD request, so it has no body. */
    Response read(boolean head) throws IOException {
        String statusLine = line(true);
        if (!statusLine.matches("HTTP/1\\.[01] \\d{3}( .*)?")) {
            throw new IOException("not a status line: " + abbreviate(statusLine));
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new HashMap<>();
        int headBytes = statusLine.length();
        for (String field = line(false); !field.isEmpty(); field = line(false)) {
            headBytes += field.length();
            if (headBytes > MAX_HEAD_BYTES) throw new IOException("a response head over " + MAX_HEAD_BYTES + " bytes");
            int colon = field.indexOf(':');
            if (colon <= 0) throw new IOException("not a header field: " + abbreviate(field));
            headers.putIfAbsent(field.substring(0, colon).strip().toLowerCase(Locale.ROOT), field.substring(colon + 1).strip());
        }
        byte[] body;
        String length = headers.get("content-length");
        if (head || status / 100 == 1 || status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else if (length != null) {
            body = exactly(Math.toIntExact(Math.min(Long.parseLong(length), MAX_BODY_BYTES + 1L)));
        } else {
            body = untilClose();
        }
        return new Response(status, Map.copyOf(headers), body);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** -1 at the end of the stream, else how many bytes the buffer now holds. */
    private int fill() throws IOException {
        if (position < limit) return limit - position;
        int n = in.read(buffer);
        if (n < 0) return -1;
        position = 0;
        limit = n;
        return n;
    }

    private int next() throws IOException {
        if (fill() < 0) throw new EOFException("the server closed the connection in the middle of a response");
        return buffer[position++] & 0xff;
    }

    /** A line without its CRLF; {@code first}: an end before any byte says the server closed between responses. */
    private String line(boolean first) throws IOException {
        StringBuilder line = new StringBuilder();
        if (first && fill() < 0) throw new EOFException("the server closed the connection without a response");
        for (int b = next(); b != '\n'; b = next()) {
            if (line.length() >= MAX_HEAD_BYTES) throw new IOException("a response line over " + MAX_HEAD_BYTES + " bytes");
            line.append((char) b);
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') line.setLength(end - 1);
        return line.toString();
    }

    private byte[] exactly(int length) throws IOException {
        if (length > MAX_BODY_BYTES) throw new IOException("a body over " + MAX_BODY_BYTES + " bytes");
        byte[] body = new byte[length];
        int done = 0;
        while (done < length) {
            if (fill() < 0) {
                throw new EOFException("the server closed the connection after " + done + " of " + length + " body bytes");
            }
            int n = Math.min(limit - position, length - done);
            System.arraycopy(buffer, position, body, done, n);
            position += n;
            done += n;
        }
        return body;
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(false);
            int semicolon = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("not a chunk-size line: " + abbreviate(sizeLine));
            }
            if (size == 0) break;
            if (size < 0 || body.size() + (long) size > MAX_BODY_BYTES) {
                throw new IOException("a body over " + MAX_BODY_BYTES + " bytes");
            }
            body.write(exactly(size));
            if (!line(false).isEmpty()) throw new IOException("chunk data not followed by CRLF");
        }
        while (!line(false).isEmpty()) {
            // trailer fields, unused
        }
        return body.toByteArray();
    }

    private byte[] untilClose() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (fill() >= 0) {
            if (body.size() + limit - position > MAX_BODY_BYTES) throw new IOException("a body over " + MAX_BODY_BYTES + " bytes");
            body.write(buffer, position, limit - position);
            position = limit;
        }
        return body.toByteArray();
    }

    static String abbreviate(String text) {
        String shown = text.length() > 120 ? text.substring(0, 120) + "…(" + text.length() + " chars)" : text;
        StringBuilder escaped = new StringBuilder();
        for (char c : shown.toCharArray()) {
            if (c < 0x20 || c == 0x7f) escaped.append(String.format("\\x%02x", (int) c));
            else escaped.append(c);
        }
        return escaped.toString();
    }
}
