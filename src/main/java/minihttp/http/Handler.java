package minihttp.http;

/**
 * The application seen from the protocol: a function from a request (body read) to a response.
 * Called from many worker threads at once, so implementations must be thread-safe. May throw
 * {@link ProtocolException} to refuse the request; any other exception is a server bug, answered
 * with a generic 500.
 */
@FunctionalInterface
public interface Handler {
    Response handle(Request request);

    /**
     * For a request that expects 100-continue (RFC 9110 §10.1.1): a final answer decided from
     * the head alone, sent instead of inviting the body, or null to invite it. Must not act on
     * the request.
     */
    default Response checkHead(Request head) {
        return null;
    }
}
