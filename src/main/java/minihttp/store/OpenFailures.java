package minihttp.store;

/**
 * Reading a failure to open a database, for the one line the user sees: by the exception types
 * and codes in its chain, never by echoing the whole chain.
 */
final class OpenFailures {
    private OpenFailures() {
    }

    /** The first exception of this type in the chain, or null. */
    static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** The first line of its message: drivers put details (and stack-like text) on later lines. */
    static String firstLine(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }
}
