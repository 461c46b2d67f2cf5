package minihttp.app;

import minihttp.http.Handler;
import minihttp.store.ItemStore;

/** Wires every route into one router, inside the error policy: the whole application as the server sees it. */
public final class Application {
    private Application() {
    }

    public static Handler create(ItemStore store, StaticFiles staticFiles) {
        ItemRoutes items = new ItemRoutes(store);
        Health health = new Health(store);
        return new ErrorPolicy(new Router()
                .nonBlocking("GET", "/", BasicRoutes::welcome)
                .nonBlocking("GET", "/echo", BasicRoutes::echo)
                .route("GET", "/health", health::check)
                .route("POST", "/data", items::create)
                .route("GET", "/data", items::list)
                .route("GET", "/data/{id}", items::get)
                .route("PUT", "/data/{id}", items::replace)
                .route("DELETE", "/data/{id}", items::delete)
                .nonBlocking("GET", "/static/{path...}", staticFiles::serve));
    }
}
