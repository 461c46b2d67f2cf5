package minihttp.app;

import minihttp.http.Headers;
import minihttp.http.Response;
import minihttp.http.Status;

/**
 * Cross-origin rules (Fetch standard, CORS protocol). The store is public and takes no
 * credentials, so any origin may read every response; the preflight allows the methods and
 * request headers the routes use and may be cached for a day.
 */
public final class Cors {
    static final String ALLOWED_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Content-Type, Authorization";
    static final String MAX_AGE_SECONDS = "86400";

    private Cors() {
    }

    /** Fields for every response, errors included. */
    public static Headers everyResponse() {
        return new Headers()
                .add("Access-Control-Allow-Origin", "*")
                .add("Access-Control-Expose-Headers", "Location, ETag, Last-Modified, Content-Range, Retry-After");
    }

    /** The answer to OPTIONS: a preflight (or a plain OPTIONS, which learns Allow from it). */
    static Response preflight(String allow) {
        return Response.empty(Status.NO_CONTENT_204)
                .header("Allow", allow)
                .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
                .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                .header("Access-Control-Max-Age", MAX_AGE_SECONDS);
    }
}
