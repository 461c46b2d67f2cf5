package minihttp.spec;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One client connection over a plain socket, for tests that must see the framing: it sends
 * exactly the bytes it is given and reads responses as they are on the wire (status line, header
 * fields, a body delimited by Content-Length, chunked coding or the close; none for HEAD, 1xx, 204
 * and 304). Every read has a socket timeout, so a silent server fails a test instead of hanging
 * it. Not thread-safe: one scenario drives one client at a time.
 */
final class HttpTestClient implements AutoCloseable {
    /** The longest any single read may wait before the test fails. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    /** A response as received: status, header fields in order, body bytes (after de-chunking). */
    record Response(String version, int status, String reason, List<Map.Entry<String, String>> headers, byte[] body) {

        /** The first value of a header field, or null; names are case-insensitive. */
        String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, String> field : headers) {
                if (field.getKey().equalsIgnoreCase(name)) values.add(field.getValue());
            }
            return values;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(version + " " + status + " " + reason);
            headers.forEach(field -> text.append("\n").append(field.getKey()).append(": ").append(field.getValue()));
            return text.append("\n\n").append(bodyText()).toString();
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    HttpTestClient(InetSocketAddress server) throws IOException {
        Socket tcp = new Socket();
        tcp.connect(server, (int) READ_TIMEOUT.toMillis());
        tcp.setTcpNoDelay(true);
        tcp.setSoTimeout((int) READ_TIMEOUT.toMillis());
        socket = OverTls.enabled() ? OverTls.wrap(tcp, server) : tcp;
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends these bytes in one write, exactly as given. */
    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(String latin1) throws IOException {
        send(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Reads one response, interim (1xx) ones included.
     *
     * @param toHead whether it answers a HEAD request, whose response never has a body
     * @throws IOException when the connection ends before a whole response, or a read times out
     */
    Response read(boolean toHead) throws IOException {
        String statusLine = readLine();
        if (statusLine == null) throw new IOException("the server closed the connection without a response");
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
            throw new IOException("not a status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) throw new IOException("the connection ended inside the response head");
            if (line.isEmpty()) break;
            int colon = line.indexOf(':');
            if (colon <= 0) throw new IOException("not a header field line: " + line);
            headers.add(Map.entry(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        Response head = new Response(parts[0], status, parts.length > 2 ? parts[2] : "", List.copyOf(headers), new byte[0]);
        boolean noBody = toHead || status < 200 || status == 204 || status == 304;
        return noBody ? head : withBody(head);
    }

    /** Reads responses to requests sent back to back; each flag says whether that request was HEAD. */
    List<Response> readAll(List<Boolean> toHead) throws IOException {
        List<Response> responses = new ArrayList<>();
        for (boolean head : toHead) responses.add(read(head));
        return responses;
    }

    /**
     * Whether the server closes the connection within the wait (a read sees the end of the stream
     * or a reset). Bytes arriving instead are a protocol error the test must see, so they throw.
     */
    boolean closesWithin(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            int b = in.read();
            if (b < 0) return true;
            throw new IOException("unexpected bytes from the server: " + peekRest(b));
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset: closed as well
        } finally {
            if (!socket.isClosed()) socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        }
    }

    /** Whether the server sends something (or closes) within the wait; consumes nothing. */
    boolean respondsWithin(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            in.mark(1);
            in.read();
            in.reset();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private Response withBody(Response head) throws IOException {
        String transferEncoding = head.header("Transfer-Encoding");
        String contentLength = head.header("Content-Length");
        byte[] body;
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked();
        } else if (contentLength != null) {
            body = readExactly(Integer.parseInt(contentLength.strip()));
        } else {
            body = readToEnd();
        }
        return new Response(head.version(), head.status(), head.reason(), head.headers(), body);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) throw new IOException("the connection ended inside a chunked body");
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            if (size == 0) break;
            if (body.size() + size > MAX_BODY) throw new IOException("response body too large for a test");
            body.writeBytes(readExactly(size));
            if (!"".equals(readLine())) throw new IOException("chunk data not followed by CRLF");
        }
        String trailer;
        do {
            trailer = readLine();
            if (trailer == null) throw new IOException("the connection ended inside the trailer section");
        } while (!trailer.isEmpty());
        return body.toByteArray();
    }

    private byte[] readExactly(int length) throws IOException {
        if (length > MAX_BODY) throw new IOException("response body too large for a test: " + length);
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new IOException("the connection ended after " + bytes.length + " of " + length + " body bytes");
        }
        return bytes;
    }

    private byte[] readToEnd() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            body.write(chunk, 0, n);
            if (body.size() > MAX_BODY) throw new IOException("response body too large for a test");
        }
        return body.toByteArray();
    }

    /** A line without its CRLF (or bare LF), or null at the end of the stream before any byte. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) return null;
                throw new IOException("the connection ended inside a line: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            if (b == '\n') break;
            if (line.size() == MAX_LINE) throw new IOException("response line too long");
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private String peekRest(int first) throws IOException {
        byte[] rest = new byte[Math.min(in.available(), 200)];
        int n = in.read(rest);
        return Escapes.show(first, rest, Math.max(n, 0));
    }
}
