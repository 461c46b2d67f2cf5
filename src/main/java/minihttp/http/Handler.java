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
}
