package minihttp.app;

import minihttp.http.Headers;
import minihttp.http.Response;
import minihttp.http.Status;

/**
 * Cross-origin rules (Fetch standard, CORS protocol). The store takes no cookies (a write token,
 * when configured, is sent by the script itself in Authorization), so any origin may read every
 * response, and a script can read why a 401 refused it (WWW-Authenticate); the preflight allows the
 * methods the path takes and the request headers the routes use, and may be cached for a day.
 */
public final class Cors {
    /** Content-Type for JSON bodies, Authorization for a write token, If-Match and If-None-Match for conditional requests. */
    static final String ALLOWED_HEADERS = "Content-Type, Authorization, If-Match, If-None-Match";
    static final String MAX_AGE_SECONDS = "86400";

    private Cors() {
    }

    /** Fields for every response, errors included. */
    public static Headers everyResponse() {
        return new Headers()
                .add("Access-Control-Allow-Origin", "*")
                .add("Access-Control-Expose-Headers",
                        "Location, ETag, Last-Modified, Content-Range, Retry-After, WWW-Authenticate");
    }

    /**
     * The answer to OPTIONS: a preflight (or a plain OPTIONS, which learns Allow from it).
     * {@code methods} are the target's, as Allow lists them; the preflight allows the same ones, so
     * a browser stops before sending a method the path would refuse with 405 (Fetch, CORS-preflight
     * fetch: a method not listed is a network error unless CORS-safelisted). A preflight for a
     * path with no route is not answered here but 404 like any request for it, which the browser
     * takes as a failed preflight (Fetch wants an ok status), as it should.
     */
    static Response preflight(String methods) {
        return Response.empty(Status.NO_CONTENT_204)
                .header("Allow", methods)
                .header("Access-Control-Allow-Methods", methods)
                .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                .header("Access-Control-Max-Age", MAX_AGE_SECONDS);
    }
}
