package minihttp.app;

import java.util.Optional;
import minihttp.http.Handler;
import minihttp.store.ItemStore;

/**
 * Wires every route into one router, inside the error policy, and that behind the write token when
 * one is configured: the whole application as the server sees it.
 */
public final class Application {
    /** Polled by load balancers, which send no credentials: open whatever the token protects. */
    private static final String HEALTH = "/health";

    private Application() {
    }

    /** Open to every client. */
    public static Handler create(ItemStore store, StaticFiles staticFiles) {
        return create(store, staticFiles, Optional.empty());
    }

    /**
     * Behind {@code token} when one is given ({@link WriteToken}); without one there is no check
     * and no wrapper at all.
     */
    public static Handler create(ItemStore store, StaticFiles staticFiles, Optional<WriteToken> token) {
        ItemRoutes items = new ItemRoutes(store);
        Health health = new Health(store);
        Handler application = new ErrorPolicy(new Router()
                .nonBlocking("GET", "/", (request, parameters) -> BasicRoutes.root(request, staticFiles))
                .nonBlocking("GET", "/echo", BasicRoutes::echo)
                .route("GET", HEALTH, health::check)
                .route("POST", "/data", items::create)
                .route("GET", "/data", items::list)
                .route("GET", "/data/{id}", items::get)
                .route("PUT", "/data/{id}", items::replace)
                .route("DELETE", "/data/{id}", items::delete)
                .nonBlocking("GET", "/static/{path...}", staticFiles::serve));
        return token.map(required -> required.guard(application, HEALTH)).orElse(application);
    }
}
