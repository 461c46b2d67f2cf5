package minihttp.app;

import minihttp.http.Request;
import minihttp.http.Response;
import minihttp.http.Status;
import minihttp.store.ItemStore;

/**
 * {@code GET /health} (and HEAD) for load balancers and monitors: 200 {@code {"status":"ok"}}
 * when the store answers a trivial query within about a second, else the store's failure,
 * which {@link ErrorPolicy} answers with 503. One pooled connection and one round trip: cheap
 * enough to be polled every second.
 */
final class Health {
    private final ItemStore store;

    Health(ItemStore store) {
        this.store = store;
    }

    Response check(Request request, Router.PathParameters parameters) {
        store.ping();
        // A cached "ok" would hide an outage from whoever asks next.
        return Response.json(Status.OK_200, "{\"status\":\"ok\"}").header("Cache-Control", "no-store");
    }
}
