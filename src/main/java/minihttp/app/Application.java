package minihttp.app;

import minihttp.http.Handler;
import minihttp.store.ItemStore;

/** Wires every route into one router: the whole application as the server sees it. */
public final class Application {
    private Application() {
    }

    public static Handler create(ItemStore store, StaticFiles staticFiles) {
        ItemRoutes items = new ItemRoutes(store);
        return new Router()
                .nonBlocking("GET", "/", BasicRoutes::welcome)
                .nonBlocking("GET", "/echo", BasicRoutes::echo)
                .route("POST", "/data", items.guarded(items::create))
                .route("GET", "/data", items.guarded(items::list))
                .route("GET", "/data/{id}", items.guarded(items::get))
                .route("PUT", "/data/{id}", items.guarded(items::replace))
                .route("DELETE", "/data/{id}", items.guarded(items::delete))
                .nonBlocking("GET", "/static/{path...}", staticFiles::serve);
    }
}
