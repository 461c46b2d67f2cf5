package minihttp.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A parsed request: the head as the parser produced it and the decoded body, which the
 * connection reads only when a handler first asks for it ({@link #body()}), so that a route can
 * refuse a request (404, 405, 413, 415) before any body byte is read or invited. Immutable but
 * for that one read; used by one thread at a time. {@code path} and {@code pathSegments} are percent-decoded with dot-segments removed
 * (RFC 3986 §5.2.4), so no path climbs above "/"; a decoded segment may still contain "/" or ".."
 * when the client encoded them, which is why routes match on segments, never on the joined path.
 */
public final class Request {
    /** How the request body is delimited (RFC 9112 §6.3). */
    public enum Framing { NONE, LENGTH, CHUNKED }

    private final String method;
    private final String target;
    private final String version;
    private final Target parsedTarget;
    private final Headers headers;
    private final Framing framing;
    private final long contentLength;
    private final BodySource bodySource;
    private byte[] body;

    /** Reads the body from the connection; called at most once. */
    @FunctionalInterface
    public interface BodySource {
        /** @throws ProtocolException when the body is refused (413, malformed chunks, a stall) */
        byte[] read() throws IOException;
    }

    Request(String method, String target, String version, Target parsedTarget, Headers headers,
            Framing framing, long contentLength, byte[] body) {
        this(method, target, version, parsedTarget, headers, framing, contentLength, body, null);
    }

    private Request(String method, String target, String version, Target parsedTarget, Headers headers,
                    Framing framing, long contentLength, byte[] body, BodySource bodySource) {
        this.bodySource = bodySource;
        this.method = method;
        this.target = target;
        this.version = version;
        this.parsedTarget = parsedTarget;
        this.headers = headers;
        this.framing = framing;
        this.contentLength = contentLength;
        this.body = body;
    }

    /** A copy carrying this body, already read. */
    public Request withBody(byte[] newBody) {
        return new Request(method, target, version, parsedTarget, headers, framing, contentLength, newBody, null);
    }

    /** A copy whose body is read from {@code source} at the first call of {@link #body()}. */
    public Request withBodySource(BodySource source) {
        return new Request(method, target, version, parsedTarget, headers, framing, contentLength, null, source);
    }

    public String method() {
        return method;
    }

    /** The request-target exactly as received. */
    public String target() {
        return target;
    }

    /** "HTTP/1.1" or "HTTP/1.0". */
    public String version() {
        return version;
    }

    public boolean isHttp10() {
        return version.equals("HTTP/1.0");
    }

    /** The decoded path, "/" joined; "*" for OPTIONS *. */
    public String path() {
        return parsedTarget.path();
    }

    public List<String> pathSegments() {
        return parsedTarget.segments();
    }

    /** The undecoded query, or null when the target has no '?'. */
    public String rawQuery() {
        return parsedTarget.rawQuery();
    }

    /** Decoded query parameters in order of appearance ('+' is a space). */
    public Map<String, List<String>> query() {
        return parsedTarget.query();
    }

    /** The first value of a query parameter, or null. */
    public String queryParameter(String name) {
        List<String> values = parsedTarget.query().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public Headers headers() {
        return headers;
    }

    public String header(String name) {
        return headers.first(name);
    }

    public Framing framing() {
        return framing;
    }

    /** The declared Content-Length; -1 when the body is chunked, 0 when there is no body. */
    public long contentLength() {
        return contentLength;
    }

    /**
     * The decoded body, read from the connection at the first call.
     *
     * @throws ProtocolException     when the body is refused (too large, malformed, too slow)
     * @throws UncheckedIOException  when the client went away while sending it
     */
    public byte[] body() {
        if (body == null) {
            try {
                body = bodySource.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return body;
    }

    public boolean hasBody() {
        return framing != Framing.NONE;
    }

    /**
     * Whether the client asked to keep the connection open: RFC 9112 §9.3, HTTP/1.1 persists
     * unless "close" is sent; HTTP/1.0 closes unless "keep-alive" is sent.
     */
    public boolean wantsKeepAlive() {
        List<String> connection = headers.tokens("Connection");
        if (connection.contains("close")) return false;
        return !isHttp10() || connection.contains("keep-alive");
    }

    /** RFC 9110 §10.1.1: a 100-continue expectation in HTTP/1.0 is ignored. */
    public boolean expectsContinue() {
        return !isHttp10() && headers.hasToken("Expect", "100-continue") && hasBody();
    }

    @Override
    public String toString() {
        return method + " " + target + " " + version;
    }
}
