package minihttp.store;

import static minihttp.store.OpenFailures.causeOfType;
import static minihttp.store.OpenFailures.firstLine;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

/**
 * The items in a PostgreSQL database that any number of minihttp instances may share: ids come
 * from the table's identity sequence, versions from the rows themselves, and nothing about the
 * items is kept in the process, so instances are stateless and interchangeable.
 *
 * <p>Opening checks that the database can be reached with the given credentials and brings the
 * schema up to date with Flyway (whose lock lets several instances start at once). While
 * running, a lost connection fails only the requests that needed it; the pool makes new ones as
 * soon as the database answers again, so an outage needs no restart. Thread-safe.
 */
public final class PostgresDatabase implements ItemDatabase {

    /** Where to connect and as whom; the password is never part of any message. */
    public record Config(String url, String user, String password, int poolSize) {
        public Config {
            Objects.requireNonNull(url, "url");
            if (poolSize < 1) {
                throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
            }
        }

        @Override
        public String toString() {
            return "Config[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
        }
    }

    /*
     * The driver waits without limit by default. A database that does not answer a connection
     * attempt within a few seconds is down for our purposes (the request gets 503); a socket
     * read that waits longer than a minute means a hung server or network, and the worker it
     * holds is better given back.
     */
    private static final String CONNECT_TIMEOUT_SECONDS = "3";
    private static final String SOCKET_TIMEOUT_SECONDS = "60";

    private final HikariDataSource pool;
    private final ItemStore items;
    private final String description;

    private PostgresDatabase(HikariDataSource pool, String description) {
        this.pool = pool;
        this.items = new JdbcItemStore(pool);
        this.description = description;
    }

    /**
     * Connects, migrates the schema and starts the pool.
     *
     * @throws StoreException with one line naming what failed: a URL that is not PostgreSQL's,
     *                        a database that cannot be reached, refused credentials, a missing
     *                        database, a failed migration
     */
    public static PostgresDatabase open(Config config) {
        Properties parsed = Driver.parseURL(config.url(), new Properties());
        if (parsed == null || !config.url().startsWith("jdbc:postgresql://")) {
            throw new StoreException("not a PostgreSQL JDBC URL: give jdbc:postgresql://HOST:PORT/NAME");
        }
        String description = "PostgreSQL database " + parsed.getProperty("PGDBNAME") + " at "
                + parsed.getProperty("PGHOST") + ":" + parsed.getProperty("PGPORT");
        HikariDataSource pool;
        try {
            pool = ConnectionPools.start(config.poolSize(), pooled -> {
                pooled.setJdbcUrl(config.url());
                if (config.user() != null) {
                    pooled.setUsername(config.user());
                }
                if (config.password() != null) {
                    pooled.setPassword(config.password());
                }
                pooled.addDataSourceProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
                pooled.addDataSourceProperty("loginTimeout", CONNECT_TIMEOUT_SECONDS);
                pooled.addDataSourceProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
                pooled.addDataSourceProperty("ApplicationName", "minihttp");
            });
        } catch (RuntimeException e) {
            throw openFailure(description, e);
        }
        try {
            migrate(pool, config);
        } catch (RuntimeException e) {
            pool.close();
            throw e instanceof StoreException known ? known : openFailure(description, e);
        }
        LoggerFactory.getLogger(PostgresDatabase.class).debug("Opened {} with {} connections", description,
                config.poolSize());
        return new PostgresDatabase(pool, description);
    }

    /**
     * Flyway only when the history is behind the scripts: it costs a good part of a start. It
     * gets connections of its own, as it holds two at a time, more than a small pool may have;
     * its lock in the database lets instances that start together migrate one after the other.
     */
    private static void migrate(HikariDataSource pool, Config config) {
        try (Connection connection = pool.getConnection()) {
            if (Migrations.isCurrent(connection)) {
                return;
            }
        } catch (SQLException e) {
            throw new StoreException("could not read the schema history", e);
        }
        PGSimpleDataSource unpooled = new PGSimpleDataSource();
        unpooled.setURL(config.url());
        unpooled.setUser(config.user());
        unpooled.setPassword(config.password());
        unpooled.setConnectTimeout(Integer.parseInt(CONNECT_TIMEOUT_SECONDS));
        unpooled.setLoginTimeout(Integer.parseInt(CONNECT_TIMEOUT_SECONDS));
        unpooled.setSocketTimeout(Integer.parseInt(SOCKET_TIMEOUT_SECONDS));
        Migrations.flyway(unpooled).migrate();
    }

    /**
     * Names the problem from PostgreSQL's SQLSTATE class (and the driver's own codes), never by
     * echoing the whole exception, which could carry connection details.
     */
    private static StoreException openFailure(String description, Exception failure) {
        SQLException sqlFailure = causeOfType(failure, SQLException.class);
        String state = sqlFailure == null || sqlFailure.getSQLState() == null ? "" : sqlFailure.getSQLState();
        String problem;
        if (state.equals("28P01") || state.equals("28000")) {
            problem = "refused the user name or password (MINIHTTP_DB_USER, MINIHTTP_DB_PASSWORD)";
        } else if (state.equals("3D000")) {
            problem = "does not exist";
        } else if (state.startsWith("08")) {
            problem = "cannot be reached: " + firstLine(sqlFailure);
        } else if (state.startsWith("42")) {
            problem = "refused the schema: " + firstLine(sqlFailure);
        } else if (sqlFailure != null) {
            problem = "cannot be opened: " + firstLine(sqlFailure);
        } else {
            problem = "cannot be opened: " + firstLine(failure);
        }
        return new StoreException(description + " " + problem, failure);
    }

    @Override
    public ItemStore items() {
        return items;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }
}
