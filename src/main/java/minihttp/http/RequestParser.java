package minihttp.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    /** The same, most used first. */
    private static final String[] METHODS = {"GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE"};
    private static final String HTTP_1_1 = "HTTP/1.1";
    private static final String HTTP_1_0 = "HTTP/1.0";
    private static final byte[] NO_BODY = new byte[0];
    /** Room for the field lines of most requests before the array of their starts has to grow. */
    private static final int FIELDS_EXPECTED = 16;

    private final Limits limits;

    public RequestParser(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    public ParseResult parse(byte[] buffer, int offset, int length) {
        try {
            return read(buffer, offset, offset + length);
        } catch (ProtocolException e) {
            return new ParseResult.Invalid(e);
        }
    }

    /**
     * Reads the head from its start; throws ProtocolException on the first thing wrong. The state
     * is in locals and the helpers are static, so that no reader object is made per call. What
     * the request keeps is copied out: the caller may reuse its buffer once parse returns.
     */
    private ParseResult read(byte[] bytes, int start, int end) {
        int lineStart = skipLeadingEmptyLines(bytes, start, end);
        if (lineStart - start > limits.maxRequestLineBytes()) {
            throw ProtocolException.fatal(Status.BAD_REQUEST_400, "too many empty lines before the request line");
        }
        // Most request lines are plain: token SP target SP HTTP/1.x and a line end, checked in one pass.
        int firstSpace = Syntax.tokenEnd(bytes, lineStart, end);
        int secondSpace = Syntax.targetEnd(bytes, firstSpace + 1, end);
        int lineEnd = plainRequestLineEnd(bytes, lineStart, firstSpace, secondSpace, end);
        if (lineEnd < 0) {
            lineEnd = findLineEnd(bytes, lineStart, end);
            if (lineEnd < 0) {
                checkPartialRequestLine(bytes, lineStart, end);
                return ParseResult.INCOMPLETE;
            }
            secondSpace = checkRequestLine(bytes, lineStart, contentEnd(bytes, lineStart, lineEnd));
            firstSpace = indexOf(bytes, SP, lineStart, secondSpace);
        }
        String method = standardMethod(bytes, lineStart, firstSpace);
        // Token and target chars are ASCII without CR, so both are ready to become strings.
        if (method == null) method = latin1(bytes, lineStart, firstSpace);
        String target = latin1(bytes, firstSpace + 1, secondSpace);
        String version = parseVersion(bytes, secondSpace + 1, contentEnd(bytes, lineStart, lineEnd));

        int headerStart = lineEnd + 1;
        int position = headerStart;
        int fieldCount = 0;
        int[] fieldStarts = new int[FIELDS_EXPECTED];
        int hostCount = 0;
        int hostColon = 0;
        int hostEnd = 0;
        int contentTypeCount = 0;
        boolean bodyFields = false;
        int sectionEnd;
        while (true) {
            int fieldStart = position;
            // Most lines are plain "name:value": checked in the pass that finds their end.
            int colon = Syntax.tokenEnd(bytes, fieldStart, end);
            int fieldEnd = colon > fieldStart && colon < end && bytes[colon] == ':' ? valueLineEnd(bytes, colon + 1, end) : -1;
            boolean checked = fieldEnd >= 0;
            if (!checked) {
                fieldEnd = findLineEnd(bytes, fieldStart, end);
                if (fieldEnd < 0) {
                    // One byte of slack: the CR of the empty line that ends the section is not counted.
                    if (end - headerStart > limits.maxHeaderBytes() + 1) throw headersTooLarge();
                    return ParseResult.INCOMPLETE;
                }
            }
            position = fieldEnd + 1;
            int contentEnd = contentEnd(bytes, fieldStart, fieldEnd);
            if (contentEnd == fieldStart) { // the empty line ends the header section
                sectionEnd = fieldStart;
                break;
            }
            if (position - headerStart > limits.maxHeaderBytes()) throw headersTooLarge();
            if (fieldCount == limits.maxHeaderCount()) {
                throw ProtocolException.fatal(Status.REQUEST_HEADER_FIELDS_TOO_LARGE_431,
                        "more than " + limits.maxHeaderCount() + " header fields");
            }
            if (!checked) colon = checkField(bytes, fieldStart, contentEnd);
            if (fieldCount == fieldStarts.length) fieldStarts = Arrays.copyOf(fieldStarts, 2 * fieldCount);
            fieldStarts[fieldCount++] = fieldStart - headerStart;
            if (isNamed(bytes, fieldStart, colon, "host") && hostCount++ == 0) {
                hostColon = colon;
                hostEnd = contentEnd;
            }
            if (isNamed(bytes, fieldStart, colon, "content-type")) contentTypeCount++;
            bodyFields |= isNamed(bytes, fieldStart, colon, "content-length")
                    || isNamed(bytes, fieldStart, colon, "transfer-encoding") || isNamed(bytes, fieldStart, colon, "expect");
        }
        checkHost(bytes, hostCount, hostColon, hostEnd, version, targetNamesItsHost(target));
        // RFC 9110 §5.3: a field that is not a list (Content-Type, RFC 9110 §8.3) must not be
        // repeated; two media types leave the body's meaning to whichever one a reader picks.
        if (contentTypeCount > 1) throw bad("more than one Content-Type header");
        Headers headers = new Headers(Arrays.copyOfRange(bytes, headerStart, sectionEnd), fieldStarts, fieldCount);
        Target parsedTarget = parseTarget(method, target);
        Request request = bodyFields
                ? withBodyFields(method, target, version, parsedTarget, headers)
                : new Request(method, target, version, parsedTarget, headers, Request.Framing.NONE, 0, NO_BODY);
        return new ParseResult.Complete(request, position - start);
    }

    /** RFC 9112 §2.2: a server SHOULD ignore empty lines received before the request-line. */
    private static int skipLeadingEmptyLines(byte[] bytes, int position, int end) {
        while (position < end) {
            if (bytes[position] == LF) {
                position++;
            } else if (bytes[position] == CR && position + 1 < end && bytes[position + 1] == LF) {
                position += 2;
            } else {
                break;
            }
        }
        return position;
    }

    private static int findLineEnd(byte[] bytes, int from, int end) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == LF) return i;
        }
        return -1;
    }

    /**
     * Where a line's content ends. RFC 9112 §2.2: CRLF ends a line and a recipient MAY take a
     * lone LF; a CR anywhere else is a bare CR, which the line checks below refuse.
     */
    private static int contentEnd(byte[] bytes, int lineStart, int lineEnd) {
        return lineEnd > lineStart && bytes[lineEnd - 1] == CR ? lineEnd - 1 : lineEnd;
    }

    private void checkPartialRequestLine(byte[] bytes, int position, int end) {
        int available = end - position;
        int firstSpace = indexOf(bytes, SP, position, Math.min(end, position + Syntax.MAX_METHOD_LENGTH + 1));
        if (firstSpace < 0 && available > Syntax.MAX_METHOD_LENGTH) {
            throw ProtocolException.fatal(Status.BAD_REQUEST_400, "malformed request line");
        }
        if (firstSpace >= 0) {
            // Measured as on a complete line: up to the second space once it has arrived.
            int secondSpace = indexOf(bytes, SP, firstSpace + 1, end);
            if ((secondSpace < 0 ? end : secondSpace) - firstSpace - 1 > limits.maxTargetBytes()) {
                throw ProtocolException.fatal(Status.URI_TOO_LONG_414,
                        "request target longer than " + limits.maxTargetBytes() + " bytes");
            }
        }
        if (end - position > limits.maxRequestLineBytes()) {
            throw ProtocolException.fatal(Status.BAD_REQUEST_400, "request line too long");
        }
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) return i;
        }
        return -1;
    }

    /**
     * The LF ending a request line that {@link #checkRequestLine} would pass and whose version is
     * 1.1 or 1.0, given where its method and target chars end; else -1, and the careful checks
     * decide.
     */
    private int plainRequestLineEnd(byte[] bytes, int start, int firstSpace, int secondSpace, int end) {
        if (firstSpace == start || firstSpace - start > Syntax.MAX_METHOD_LENGTH || firstSpace == end
                || bytes[firstSpace] != SP || secondSpace == firstSpace + 1 || secondSpace == end
                || bytes[secondSpace] != SP || secondSpace - firstSpace - 1 > limits.maxTargetBytes()) {
            return -1;
        }
        int version = secondSpace + 1;
        int afterVersion = version + HTTP_1_1.length();
        if (afterVersion >= end || !(matches(bytes, HTTP_1_1, version, afterVersion)
                || matches(bytes, HTTP_1_0, version, afterVersion))) {
            return -1;
        }
        if (bytes[afterVersion] == LF) return afterVersion;
        return afterVersion + 1 < end && bytes[afterVersion] == CR && bytes[afterVersion + 1] == LF ? afterVersion + 1 : -1;
    }

    /** RFC 9112 §3: method SP request-target SP HTTP-version, single spaces. Returns the second space. */
    private int checkRequestLine(byte[] bytes, int start, int stop) {
        int firstSpace = indexOf(bytes, SP, start, stop);
        // The same limit as on a partial line, so that the verdict never depends on the split.
        if (firstSpace <= start || firstSpace - start > Syntax.MAX_METHOD_LENGTH) throw bad("malformed request line");
        int secondSpace = indexOf(bytes, SP, firstSpace + 1, stop);
        int targetLength = (secondSpace < 0 ? stop : secondSpace) - firstSpace - 1;
        if (targetLength > limits.maxTargetBytes()) {
            throw ProtocolException.fatal(Status.URI_TOO_LONG_414,
                    "request target longer than " + limits.maxTargetBytes() + " bytes");
        }
        if (secondSpace < 0 || secondSpace == firstSpace + 1 || indexOf(bytes, SP, secondSpace + 1, stop) >= 0) {
            throw bad("malformed request line");
        }
        for (int i = start; i < firstSpace; i++) {
            if (!Syntax.isTokenChar(bytes[i])) throw bad("invalid character in method");
        }
        for (int i = firstSpace + 1; i < secondSpace; i++) {
            if (!Syntax.isTargetChar(bytes[i])) throw bad("invalid character in request target");
        }
        return secondSpace;
    }

    /** The shared string of a standard method, or null: most requests need no new string for it. */
    private static String standardMethod(byte[] bytes, int from, int to) {
        for (String known : METHODS) {
            if (matches(bytes, known, from, to)) return known;
        }
        return null;
    }

    private static boolean matches(byte[] bytes, String ascii, int from, int to) {
        if (to - from != ascii.length()) return false;
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[from + i] != ascii.charAt(i)) return false;
        }
        return true;
    }

    /** RFC 9112 §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive. */
    private static String parseVersion(byte[] bytes, int start, int stop) {
        if (matches(bytes, HTTP_1_1, start, stop)) return HTTP_1_1;
        if (matches(bytes, HTTP_1_0, start, stop)) return HTTP_1_0;
        for (int i = start; i < stop; i++) {
            if (bytes[i] == CR) throw bad("bare CR in request line");
        }
        String version = latin1(bytes, start, stop);
        if (version.length() != 8 || !version.startsWith("HTTP/") || version.charAt(6) != '.'
                || !Character.isDigit(version.charAt(5)) || !Character.isDigit(version.charAt(7))
                || version.charAt(5) > '9' || version.charAt(7) > '9') {
            throw bad("malformed HTTP version");
        }
        throw ProtocolException.fatal(Status.HTTP_VERSION_NOT_SUPPORTED_505,
                "only HTTP/1.0 and HTTP/1.1 are supported");
    }

    /**
     * The LF ending a field line whose value starts at {@code from}, when the value is valid and
     * ends with CRLF or LF; else -1, and {@link #checkField} decides.
     */
    private static int valueLineEnd(byte[] bytes, int from, int end) {
        int i = Syntax.fieldValueEnd(bytes, from, end);
        if (i < end && bytes[i] == LF) return i;
        if (i + 1 < end && bytes[i] == CR && bytes[i + 1] == LF) return i + 1;
        return -1;
    }

    /** RFC 9112 §5: field-name ":" OWS field-value OWS. Returns the colon. */
    private static int checkField(byte[] bytes, int start, int stop) {
        if (isWhitespace(bytes[start])) {
            // RFC 9112 §5.2: obs-fold; §2.2: whitespace before the first field. Both refused.
            throw bad("obsolete line folding is not accepted");
        }
        int colon = indexOf(bytes, (byte) ':', start, stop);
        if (colon < 0) throw bad("header field without a colon");
        if (colon == start) throw bad("empty header field name");
        if (isWhitespace(bytes[colon - 1])) {
            // RFC 9112 §5.1: a server MUST reject whitespace between name and colon with 400.
            throw bad("whitespace between header field name and colon");
        }
        for (int i = start; i < colon; i++) {
            if (!Syntax.isTokenChar(bytes[i])) throw bad("invalid character in header field name");
        }
        int valueStart = colon + 1;
        int valueEnd = stop;
        while (valueStart < valueEnd && isWhitespace(bytes[valueStart])) valueStart++;
        while (valueEnd > valueStart && isWhitespace(bytes[valueEnd - 1])) valueEnd--;
        for (int i = valueStart; i < valueEnd; i++) {
            if (bytes[i] == CR) throw bad("bare CR in header field");
            // RFC 9110 §5.5: CR, LF and NUL in a value are invalid and dangerous.
            if (!Syntax.isFieldValueChar(bytes[i])) throw bad("invalid character in header field value");
        }
        return colon;
    }

    /** Whether a checked field's name, which ends at its colon, is that lower-case name in any case. */
    private static boolean isNamed(byte[] bytes, int start, int colon, String lowerCaseName) {
        if (colon - start != lowerCaseName.length()) return false;
        for (int i = 0; i < lowerCaseName.length(); i++) {
            int b = bytes[start + i];
            if (b >= 'A' && b <= 'Z') b += 'a' - 'A';
            if (b != lowerCaseName.charAt(i)) return false;
        }
        return true;
    }

    /**
     * RFC 9112 §3.2: 400 for HTTP/1.1 without Host, or more than one, or an invalid one; and for an
     * HTTP/1.1 Host without a host when the target does not name one itself.
     */
    private static void checkHost(byte[] bytes, int hostCount, int colon, int contentEnd, String version,
                                  boolean targetNamesItsHost) {
        if (hostCount > 1) throw bad("more than one Host header");
        if (hostCount == 0) {
            if (version.equals("HTTP/1.1")) throw bad("missing Host header");
            return;
        }
        // The value without its optional whitespace, which the check below would refuse.
        int start = colon + 1;
        int end = contentEnd;
        while (start < end && isWhitespace(bytes[start])) start++;
        while (end > start && isWhitespace(bytes[end - 1])) end--;
        for (int i = start; i < end; i++) {
            if (!Syntax.isHostChar(bytes[i])) {
                throw bad("invalid Host header");
            }
        }
        // RFC 9112 §3.3: in origin- and asterisk-form the Host value is the target URI's authority,
        // and an http URI needs a non-empty host (RFC 9110 §4.2.1), so "Host:" or "Host: :80"
        // names no resource. In absolute-form the target's authority is used and the Host value
        // ignored (RFC 9112 §3.2.2), so an empty one is let through there, as it is in HTTP/1.0,
        // which needs no Host at all.
        if ((start == end || bytes[start] == ':') && !targetNamesItsHost && version.equals("HTTP/1.1")) {
            throw bad("empty host in the Host header");
        }
    }

    /**
     * Whether the target carries its own authority: absolute-form (RFC 9112 §3.2.2) or
     * authority-form (§3.2.3). Origin-form starts with '/', asterisk-form is '*'.
     */
    private static boolean targetNamesItsHost(String target) {
        return target.charAt(0) != '/' && !target.equals("*");
    }

    private static String latin1(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /**
     * The request when Expect, Transfer-Encoding or Content-Length was sent: the expectation,
     * then how the body is framed. Without any of them there is no body and nothing to check.
     */
    private static Request withBodyFields(String method, String target, String version, Target parsedTarget,
                                          Headers headers) {
        for (String expectation : headers.tokens("Expect")) {
            // RFC 9110 §10.1.1: an expectation other than 100-continue MAY be refused with 417.
            if (!expectation.equals("100-continue")) {
                throw ProtocolException.fatal(Status.EXPECTATION_FAILED_417, "unsupported expectation: " + expectation);
            }
        }
        Request.Framing framing = Request.Framing.NONE;
        long length = 0;
        List<String> lengths = headers.all("Content-Length");
        if (headers.contains("Transfer-Encoding")) {
            List<String> codings = headers.tokens("Transfer-Encoding");
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
            framing = Request.Framing.CHUNKED;
            length = -1;
        } else if (!lengths.isEmpty()) {
            length = parseContentLength(lengths);
            if (length > 0) framing = Request.Framing.LENGTH;
        }
        return new Request(method, target, version, parsedTarget, headers, framing, length, NO_BODY);
    }

    private static Target parseTarget(String method, String target) {
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

    private static boolean isWhitespace(byte b) {
        return b == SP || b == HTAB;
    }

    private static ProtocolException bad(String message) {
        return ProtocolException.fatal(Status.BAD_REQUEST_400, message);
    }

    private ProtocolException headersTooLarge() {
        return ProtocolException.fatal(Status.REQUEST_HEADER_FIELDS_TOO_LARGE_431,
                "header section larger than " + limits.maxHeaderBytes() + " bytes");
    }
}
