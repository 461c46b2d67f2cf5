package minihttp.http;

/**
 * The application seen from the protocol: a function from a request to a response. The body is
 * read when the handler first calls {@link Request#body()}; a handler that refuses the request
 * before that (404, 405, 413, 415) never makes the client send it. Called from many threads at
 * once, so implementations must be thread-safe. May throw {@link ProtocolException} to refuse the
 * request; any other exception is a server bug, answered with a generic 500.
 */
@FunctionalInterface
public interface Handler {
    Response handle(Request request);

    /**
     * Whether handling this request may block (a database, a streamed body): such a request runs
     * on a worker thread. One that never blocks is answered on the I/O thread that read it, with
     * no hand-off. Must itself be quick and must not block.
     */
    default boolean mayBlock(Request head) {
        return true;
    }
}
