package minihttp.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Consumer;

/** The connection pool every kind of database gets, set up in one place. */
final class ConnectionPools {
    /**
     * How long a request waits for a connection before it fails (503). The pool is as large as
     * the worker count, so a request waits only when the database cannot hand out connections:
     * then it should hear so promptly, not after Hikari's default 30 s.
     */
    static final long CONNECTION_TIMEOUT_MILLIS = 2_000;

    private ConnectionPools() {
    }

    /**
     * A started pool of {@code size} connections in auto-commit mode, from the source that
     * {@code source} sets on the configuration.
     *
     * @throws RuntimeException (Hikari's) if no first connection can be made: a database that
     *                          cannot be reached should fail the start, not the first request
     */
    static HikariDataSource start(int size, Consumer<HikariConfig> source) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("item-store");
        source.accept(config);
        config.setMaximumPoolSize(size);
        config.setAutoCommit(true);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setInitializationFailTimeout(1);
        return new HikariDataSource(config);
    }
}
