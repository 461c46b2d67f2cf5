package minihttp.app;

import minihttp.http.Status;

/**
 * A request the application refuses for what it asks, not for how it was framed: a body that is
 * not a JSON object, a bad paging parameter, a failed precondition. {@link ErrorPolicy} turns it
 * into the status and a JSON error; the connection goes on, as the request was read whole.
 * Protocol errors (framing, limits) are {@link minihttp.http.ProtocolException}s instead, which
 * the server handles itself.
 */
public final class ClientError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Status status;

    public ClientError(Status status, String message) {
        // A refusal is routine: no stack trace to fill in.
        super(message, null, false, false);
        this.status = status;
    }

    public Status status() {
        return status;
    }
}
