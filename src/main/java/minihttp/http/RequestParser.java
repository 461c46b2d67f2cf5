package minihttp.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Parses a request head (RFC 9112 §2-§6) from the bytes received so far.
 *
 * <p>Pure: no I/O, no clock, no state between calls. The caller buffers what arrives and calls
 * {@link #parse} again with the whole buffer after each read; the answer is {@code Complete} with
 * the number of bytes the head used (the body, or a pipelined request, follows), {@code
 * Incomplete}, or {@code Invalid} with the status to answer. A head is re-read from its start on
 * every call, which is cheap next to a read and keeps the parser free of resumable state. Limits
 * are checked on partial input too, with the same bounds as on a complete head, so the verdict
 * never depends on how the bytes were split, and a client can never make the caller buffer more
 * than twice {@link Limits#maxRequestLineBytes()} (empty lines before the request line, then the
 * line) plus {@link Limits#maxHeaderBytes()} and one byte.
 *
 * <p>Thread-safe (immutable).
 */
public final class RequestParser {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte HTAB = '\t';

    /** The methods RFC 9110 §9 and RFC 5789 define; anything else is unknown to this server. */
    public static final Set<String> STANDARD_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private final Limits limits;

    public RequestParser(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    public ParseResult parse(byte[] buffer, int offset, int length) {
        try {
            HeadReader reader = new HeadReader(buffer, offset, offset + length);
            Request request = reader.read();
            if (request == null) return ParseResult.INCOMPLETE;
            return new ParseResult.Complete(request, reader.position - offset);
        } catch (ProtocolException e) {
            return new ParseResult.Invalid(e);
        }
    }

    /** One pass over the buffer; throws ProtocolException on the first thing wrong. */
    private final class HeadReader {
        private final byte[] bytes;
        private final int end;
        private int position;

        HeadReader(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        Request read() {
            int start = position;
            skipLeadingEmptyLines();
            if (position - start > limits.maxRequestLineBytes()) {
                throw ProtocolException.fatal(Status.BAD_REQUEST_400, "too many empty lines before the request line");
            }
            int lineEnd = findLineEnd(position);
            if (lineEnd < 0) {
                checkPartialRequestLine();
                return null;
            }
            int lineStart = position;
            position = lineEnd + 1;
            RequestLine line = parseRequestLine(lineStart, contentEnd(lineStart, lineEnd));

            Headers headers = new Headers();
            int headerStart = position;
            while (true) {
                int fieldEnd = findLineEnd(position);
                if (fieldEnd < 0) {
                    // One byte of slack: the CR of the empty line that ends the section is not counted.
                    if (end - headerStart > limits.maxHeaderBytes() + 1) throw headersTooLarge();
                    return null;
                }
                int fieldStart = position;
                position = fieldEnd + 1;
                int contentEnd = contentEnd(fieldStart, fieldEnd);
                if (contentEnd == fieldStart) break; // the empty line ends the header section
                if (position - headerStart > limits.maxHeaderBytes()) throw headersTooLarge();
                if (headers.size() == limits.maxHeaderCount()) {
                    throw ProtocolException.fatal(Status.REQUEST_HEADER_FIELDS_TOO_LARGE_431,
                            "more than " + limits.maxHeaderCount() + " header fields");
                }
                parseField(fieldStart, contentEnd, headers);
            }
            return line.toRequest(headers);
        }

        /** RFC 9112 §2.2: a server SHOULD ignore empty lines received before the request-line. */
        private void skipLeadingEmptyLines() {
            while (position < end) {
                if (bytes[position] == LF) {
                    position++;
                } else if (bytes[position] == CR && position + 1 < end && bytes[position + 1] == LF) {
                    position += 2;
                } else {
                    return;
                }
            }
        }

        private int findLineEnd(int from) {
            for (int i = from; i < end; i++) {
                if (bytes[i] == LF) return i;
            }
            return -1;
        }

        /**
         * Where a line's content ends. RFC 9112 §2.2: CRLF ends a line and a recipient MAY take a
         * lone LF; a CR anywhere else is a bare CR, which the line checks below refuse.
         */
        private int contentEnd(int lineStart, int lineEnd) {
            return lineEnd > lineStart && bytes[lineEnd - 1] == CR ? lineEnd - 1 : lineEnd;
        }

        private void checkPartialRequestLine() {
            int available = end - position;
            int firstSpace = indexOf(SP, position, Math.min(end, position + Syntax.MAX_METHOD_LENGTH + 1));
            if (firstSpace < 0 && available > Syntax.MAX_METHOD_LENGTH) {
                throw ProtocolException.fatal(Status.BAD_REQUEST_400, "malformed request line");
            }
            if (firstSpace >= 0) {
                // Measured as on a complete line: up to the second space once it has arrived.
                int secondSpace = indexOf(SP, firstSpace + 1, end);
                if ((secondSpace < 0 ? end : secondSpace) - firstSpace - 1 > limits.maxTargetBytes()) {
                    throw ProtocolException.fatal(Status.URI_TOO_LONG_414,
                            "request target longer than " + limits.maxTargetBytes() + " bytes");
                }
            }
            if (end - position > limits.maxRequestLineBytes()) {
                throw ProtocolException.fatal(Status.BAD_REQUEST_400, "request line too long");
            }
        }

        private int indexOf(byte wanted, int from, int to) {
            for (int i = from; i < to; i++) {
                if (bytes[i] == wanted) return i;
            }
            return -1;
        }

        /** RFC 9112 §3: method SP request-target SP HTTP-version, single spaces. */
        private RequestLine parseRequestLine(int start, int stop) {
            int firstSpace = indexOf(SP, start, stop);
            // The same limit as on a partial line, so that the verdict never depends on the split.
            if (firstSpace <= start || firstSpace - start > Syntax.MAX_METHOD_LENGTH) throw bad("malformed request line");
            int secondSpace = indexOf(SP, firstSpace + 1, stop);
            int targetLength = (secondSpace < 0 ? stop : secondSpace) - firstSpace - 1;
            if (targetLength > limits.maxTargetBytes()) {
                throw ProtocolException.fatal(Status.URI_TOO_LONG_414,
                        "request target longer than " + limits.maxTargetBytes() + " bytes");
            }
            if (secondSpace < 0 || secondSpace == firstSpace + 1 || indexOf(SP, secondSpace + 1, stop) >= 0) {
                throw bad("malformed request line");
            }
            for (int i = start; i < firstSpace; i++) {
                if (!Syntax.isTokenChar(bytes[i])) throw bad("invalid character in method");
            }
            for (int i = firstSpace + 1; i < secondSpace; i++) {
                if (!Syntax.isTargetChar(bytes[i])) throw bad("invalid character in request target");
            }
            String method = ascii(start, firstSpace);
            String target = ascii(firstSpace + 1, secondSpace);
            String version = parseVersion(secondSpace + 1, stop);
            return new RequestLine(method, target, version);
        }

        /** RFC 9112 §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive. */
        private String parseVersion(int start, int stop) {
            String version = ascii(start, stop);
            if (version.length() != 8 || !version.startsWith("HTTP/") || version.charAt(6) != '.'
                    || !Character.isDigit(version.charAt(5)) || !Character.isDigit(version.charAt(7))
                    || version.charAt(5) > '9' || version.charAt(7) > '9') {
                throw bad("malformed HTTP version");
            }
            if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
                throw ProtocolException.fatal(Status.HTTP_VERSION_NOT_SUPPORTED_505,
                        "only HTTP/1.0 and HTTP/1.1 are supported");
            }
            return version;
        }

        /** RFC 9112 §5: field-name ":" OWS field-value OWS. */
        private void parseField(int start, int stop, Headers headers) {
            if (bytes[start] == SP || bytes[start] == HTAB) {
                // RFC 9112 §5.2: obs-fold; §2.2: whitespace before the first field. Both refused.
                throw bad("obsolete line folding is not accepted");
            }
            int colon = indexOf((byte) ':', start, stop);
            if (colon < 0) throw bad("header field without a colon");
            if (colon == start) throw bad("empty header field name");
            if (bytes[colon - 1] == SP || bytes[colon - 1] == HTAB) {
                // RFC 9112 §5.1: a server MUST reject whitespace between name and colon with 400.
                throw bad("whitespace between header field name and colon");
            }
            for (int i = start; i < colon; i++) {
                if (!Syntax.isTokenChar(bytes[i])) throw bad("invalid character in header field name");
            }
            int valueStart = colon + 1;
            int valueEnd = stop;
            while (valueStart < valueEnd && (bytes[valueStart] == SP || bytes[valueStart] == HTAB)) valueStart++;
            while (valueEnd > valueStart && (bytes[valueEnd - 1] == SP || bytes[valueEnd - 1] == HTAB)) valueEnd--;
            for (int i = valueStart; i < valueEnd; i++) {
                if (bytes[i] == CR) throw bad("bare CR in header field");
                // RFC 9110 §5.5: CR, LF and NUL in a value are invalid and dangerous.
                if (!Syntax.isFieldValueChar(bytes[i])) throw bad("invalid character in header field value");
            }
            headers.add(ascii(start, colon), new String(bytes, valueStart, valueEnd - valueStart,
                    StandardCharsets.ISO_8859_1));
        }

        private String ascii(int from, int to) {
            for (int i = from; i < to; i++) {
                if (bytes[i] == CR) throw bad("bare CR in request line");
            }
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }

    private record RequestLine(String method, String target, String version) {

        Request toRequest(Headers headers) {
            checkHost(headers);
            Target parsedTarget = parseTarget();
            for (String expectation : headers.tokens("Expect")) {
                // RFC 9110 §10.1.1: an expectation other than 100-continue MAY be refused with 417.
                if (!expectation.equals("100-continue")) {
                    throw ProtocolException.fatal(Status.EXPECTATION_FAILED_417, "unsupported expectation: " + expectation);
                }
            }
            List<String> codings = headers.tokens("Transfer-Encoding");
            List<String> lengths = headers.all("Content-Length");
            if (headers.contains("Transfer-Encoding")) {
                if (!lengths.isEmpty()) {
                    // RFC 9112 §6.1 allows rejecting this smuggling-prone pair; we do, and close.
                    throw bad("both Transfer-Encoding and Content-Length");
                }
                if (version.equals("HTTP/1.0")) {
                    // RFC 9112 §6.1: Transfer-Encoding in HTTP/1.0 means the framing is faulty.
                    throw bad("Transfer-Encoding in an HTTP/1.0 request");
                }
                for (String coding : codings) {
                    if (!coding.equals("chunked")) {
                        // RFC 9112 §6.1: a transfer coding the server does not understand → 501.
                        throw ProtocolException.fatal(Status.NOT_IMPLEMENTED_501,
                                "transfer coding not supported: " + coding);
                    }
                }
                if (codings.size() != 1) {
                    // RFC 9112 §7: chunked MUST NOT be applied more than once.
                    throw bad("chunked must be the one transfer coding");
                }
                return newRequest(parsedTarget, headers, Request.Framing.CHUNKED, -1);
            }
            if (!lengths.isEmpty()) {
                long length = parseContentLength(lengths);
                return newRequest(parsedTarget, headers, length > 0 ? Request.Framing.LENGTH : Request.Framing.NONE,
                        length);
            }
            return newRequest(parsedTarget, headers, Request.Framing.NONE, -1);
        }

        private Request newRequest(Target parsedTarget, Headers headers, Request.Framing framing, long length) {
            return new Request(method, target, version, parsedTarget, headers, framing,
                    framing == Request.Framing.CHUNKED ? -1 : Math.max(length, 0), new byte[0]);
        }

        /** RFC 9112 §3.2: 400 for HTTP/1.1 without Host, or more than one, or an invalid one. */
        private void checkHost(Headers headers) {
            List<String> hosts = headers.all("Host");
            if (hosts.size() > 1) throw bad("more than one Host header");
            if (hosts.isEmpty()) {
                if (version.equals("HTTP/1.1")) throw bad("missing Host header");
                return;
            }
            String host = hosts.get(0);
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (c > 0x7F || !Syntax.isTargetChar(c) || "/?#@".indexOf(c) >= 0) {
                    throw bad("invalid Host header");
                }
            }
        }

        private Target parseTarget() {
            if (target.equals("*")) {
                // RFC 9112 §3.2.4: asterisk-form is only for a server-wide OPTIONS.
                if (!method.equals("OPTIONS")) throw bad("'*' is only a target for OPTIONS");
                return Target.ASTERISK;
            }
            if (method.equals("CONNECT")) {
                throw ProtocolException.fatal(Status.NOT_IMPLEMENTED_501, "CONNECT is not supported");
            }
            return Target.parse(target);
        }

        /**
         * RFC 9110 §8.6: Content-Length = 1*DIGIT. A list of identical values may be taken as one;
         * differing values are an error. A value too big for a long is honest but too large.
         */
        private static long parseContentLength(List<String> fields) {
            long length = -1;
            for (String field : fields) {
                for (String member : field.split(",", -1)) {
                    String value = member.trim();
                    if (value.isEmpty()) throw bad("invalid Content-Length");
                    long parsed = 0;
                    for (int i = 0; i < value.length(); i++) {
                        char c = value.charAt(i);
                        if (c < '0' || c > '9') throw bad("invalid Content-Length");
                        if (parsed > (Long.MAX_VALUE - 9) / 10) {
                            throw ProtocolException.fatal(Status.CONTENT_TOO_LARGE_413, "request body too large");
                        }
                        parsed = parsed * 10 + (c - '0');
                    }
                    if (length >= 0 && parsed != length) throw bad("conflicting Content-Length values");
                    length = parsed;
                }
            }
            return length;
        }
    }

    private static ProtocolException bad(String message) {
        return ProtocolException.fatal(Status.BAD_REQUEST_400, message);
    }

    private ProtocolException headersTooLarge() {
        return ProtocolException.fatal(Status.REQUEST_HEADER_FIELDS_TOO_LARGE_431,
                "header section larger than " + limits.maxHeaderBytes() + " bytes");
    }
}
