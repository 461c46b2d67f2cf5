package minihttp.app;

import minihttp.http.Handler;

/** Wires every route into one router: the whole application as the server sees it. */
public final class Application {
    private Application() {
    }

    public static Handler create() {
        return new Router()
                .route("GET", "/", BasicRoutes::welcome)
                .route("GET", "/echo", BasicRoutes::echo);
    }
}
