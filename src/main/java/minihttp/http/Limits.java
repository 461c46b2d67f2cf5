package minihttp.http;

/**
 * Size limits on what a client may send. Passed to the parser and the body readers; the
 * defaults are the ones the README documents.
 *
 * @param maxTargetBytes  longest request-target (else 414)
 * @param maxHeaderBytes  longest header section, field lines and their line ends (else 431)
 * @param maxHeaderCount  most header field lines (else 431)
 * @param maxBodyBytes    largest request body, decoded (else 413)
 */
public record Limits(int maxTargetBytes, int maxHeaderBytes, int maxHeaderCount, long maxBodyBytes) {

    public static final long DEFAULT_MAX_BODY = 5L * 1024 * 1024;
    public static final Limits DEFAULTS = new Limits(8 * 1024, 16 * 1024, 100, DEFAULT_MAX_BODY);

    public Limits {
        if (maxTargetBytes < 1 || maxHeaderBytes < 1 || maxHeaderCount < 1 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public Limits withMaxBodyBytes(long bytes) {
        return new Limits(maxTargetBytes, maxHeaderBytes, maxHeaderCount, bytes);
    }

    /**
     * The most bytes the parser may need buffered before it either completes a head or refuses
     * it: empty lines before the request line, the line, the header section and one byte.
     */
    public int maxHeadBytes() {
        return 2 * maxRequestLineBytes() + maxHeaderBytes + 1;
    }

    /** The most bytes a request line can take before the target is surely too long. */
    int maxRequestLineBytes() {
        return maxTargetBytes + Syntax.MAX_METHOD_LENGTH + " HTTP/1.1\r\n".length() + 1;
    }
}
