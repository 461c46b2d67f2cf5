package minihttp.http;

/**
 * A request the server refuses for what the client sent. Carries the status to answer with, a
 * message that is safe to show the client, and whether the connection must be closed afterwards
 * because the byte stream can no longer be trusted (RFC 9112 §9.6 lets a server close at will).
 * It becomes bytes in one place: the connection loop.
 */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Status status;
    private final boolean closeConnection;

    public ProtocolException(Status status, String safeMessage, boolean closeConnection) {
        super(safeMessage, null, false, false);
        this.status = status;
        this.closeConnection = closeConnection;
    }

    /** A refusal after which the stream is out of sync: the connection is closed. */
    public static ProtocolException fatal(Status status, String safeMessage) {
        return new ProtocolException(status, safeMessage, true);
    }

    public Status status() {
        return status;
    }

    public boolean closeConnection() {
        return closeConnection;
    }
}
