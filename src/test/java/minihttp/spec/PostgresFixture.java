package minihttp.spec;

import java.util.Map;
import minihttp.store.TestPostgres;

/**
 * The throwaway PostgreSQL the scenarios tagged {@code @postgres} use (one per test run, started
 * from the machine's binaries), and the fresh database of the current scenario. Without the
 * binaries, asking for it skips the scenario with a message that says how to get them.
 */
public final class PostgresFixture {
    private TestPostgres postgres;
    private String url;

    /** A new, empty database on a running PostgreSQL. */
    void freshDatabase() {
        postgres = TestPostgres.sharedOrSkip();
        if (!postgres.isRunning()) postgres.start();
        url = postgres.createDatabase();
    }

    TestPostgres server() {
        if (postgres == null) throw new IllegalStateException("no PostgreSQL in this scenario");
        return postgres;
    }

    String url() {
        server();
        return url;
    }

    /** What minihttp needs in its environment to use the current database, with this password. */
    Map<String, String> environment(String password) {
        return Map.of("MINIHTTP_DB_URL", url(), "MINIHTTP_DB_USER", postgres.user(), "MINIHTTP_DB_PASSWORD", password);
    }

    Map<String, String> environment() {
        return environment(server().password());
    }

    /** Leaves PostgreSQL running for the next scenario, whatever this one did to it. */
    void restore() {
        if (postgres != null && !postgres.isRunning()) postgres.start();
    }
}
