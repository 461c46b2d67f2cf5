package minihttp.store;

/**
 * The database failed: it could not be opened, or a statement failed (connection lost, pool
 * exhausted, disk full). Never thrown for a missing item, which is an empty result.
 *
 * <p>At startup the message is one human-readable line naming the file and the problem, fit
 * to print without a stack trace; the cause keeps the details for the log.
 */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
