package minihttp.app;

import minihttp.http.Handler;
import minihttp.http.Request;
import minihttp.http.Response;
import minihttp.http.Status;
import minihttp.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What errors become, in one place, around all the routes: a {@link ClientError} its own status
 * with a JSON error; a failing database ({@link StoreException}) 503 with {@code Retry-After},
 * since the fault is the server's and passes (RFC 9110 §15.6.4), and one log line. Anything else
 * is a bug, left to the server, which answers 500 and logs it with its stack trace.
 */
final class ErrorPolicy implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorPolicy.class);
    /** Seconds a client should wait before trying again after a database failure. */
    static final String RETRY_AFTER_SECONDS = "1";

    private final Handler routes;

    ErrorPolicy(Handler routes) {
        this.routes = routes;
    }

    @Override
    public Response handle(Request request) {
        try {
            return routes.handle(request);
        } catch (ClientError e) {
            return Response.error(e.status(), e.getMessage());
        } catch (StoreException e) {
            logStoreFailure(request, e);
            return Response.error(Status.SERVICE_UNAVAILABLE_503, "the database is unavailable, try again")
                    .header("Retry-After", RETRY_AFTER_SECONDS);
        }
    }

    @Override
    public boolean mayBlock(Request head) {
        return routes.mayBlock(head);
    }

    /** During an outage every request fails alike: one line each, the stack at debug. */
    static void logStoreFailure(Object during, StoreException e) {
        LOG.warn("database failure on {}: {}", during, describe(e));
        LOG.debug("database failure on {}", during, e);
    }

    /** The store's message and its deepest cause's, which usually names the real trouble. */
    private static String describe(StoreException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == e ? e.getMessage() : e.getMessage() + ": " + root.getMessage();
    }
}
