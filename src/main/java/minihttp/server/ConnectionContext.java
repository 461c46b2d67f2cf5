package minihttp.server;

import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import minihttp.http.CommonFields;
import minihttp.http.Handler;
import minihttp.http.RequestParser;

/**
 * What every connection of one server shares: settings, the application, the parser, the
 * clock for Date, the workers for requests that may block, and whether the server is stopping.
 * Immutable; thread-safe as its parts are.
 */
record ConnectionContext(ServerConfig config, Handler handler, RequestParser parser, DateClock dates,
                         CommonFields commonFields, Executor workers, BooleanSupplier stopping) {

    long idleNanos() {
        return config.idleTimeout().toNanos();
    }

    long headerNanos() {
        return config.headerTimeout().toNanos();
    }

    boolean isStopping() {
        return stopping.getAsBoolean();
    }
}
