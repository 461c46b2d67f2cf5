package minihttp.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import minihttp.app.Application;
import minihttp.app.Cors;
import minihttp.app.StaticFiles;
import minihttp.app.WriteToken;
import minihttp.http.Handler;
import minihttp.http.Limits;
import minihttp.server.Server;
import minihttp.server.ServerConfig;
import minihttp.server.TlsTransports;
import minihttp.server.TransportFactory;
import minihttp.store.H2Database;
import minihttp.store.ItemDatabase;
import minihttp.store.PostgresDatabase;
import minihttp.store.StoreException;
import org.slf4j.LoggerFactory;

/**
 * Builds and starts a whole minihttp from command-line arguments: the wiring that both
 * {@link Main} and the tests use, so that tests run exactly what users run.
 */
public final class Launcher {
    /** How long a stop waits for requests in flight. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** How often the TLS files are checked for a renewal. */
    static final Duration CERTIFICATE_CHECK_INTERVAL = Duration.ofSeconds(10);
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(Launcher.class);

    /** A started minihttp; {@link #close()} stops it gracefully and releases what it opened. */
    public static final class Running implements AutoCloseable {
        private final Server server;
        private final ItemDatabase database;
        /** Null for plain HTTP. */
        private final TlsTransports tls;

        private Running(Server server, ItemDatabase database, TlsTransports tls) {
            this.server = server;
            this.database = database;
            this.tls = tls;
        }

        public InetSocketAddress address() {
            return server.address();
        }

        /** Where the items are kept, e.g. "database file /srv/items.mv.db". */
        public String storage() {
            return database.description();
        }

        /** http://HOST:PORT/ (https with TLS) with the real port. */
        public URI baseUri() {
            String host = address().getAddress().getHostAddress();
            return URI.create((tls == null ? "http" : "https") + "://" + (host.contains(":") ? "[" + host + "]" : host)
                    + ":" + address().getPort() + "/");
        }

        /** Loads the TLS certificate and key again, for new connections (SIGHUP); nothing without TLS. */
        public void reloadCertificates() {
            if (tls != null) tls.reload();
        }

        /**
         * Stops the server first, so no request is cut off from the database it is using. A
         * second call (a second Ctrl-C) waits for the first instead of closing the database early.
         */
        @Override
        public synchronized void close() {
            server.stop();
            database.close();
            if (tls != null) tls.close();
        }
    }

    private Launcher() {
    }

    /** Starts a server for these arguments (see {@link Options#USAGE}). */
    public static Running start(String... args) throws Options.UsageException, IOException {
        return start(Options.parse(args));
    }

    /**
     * The same with {@code environment} read in place of this process's (for MINIHTTP_TOKEN and
     * MINIHTTP_DB_URL), so that a test's server does not depend on the shell that runs the tests.
     */
    public static Running start(Map<String, String> environment, String... args)
            throws Options.UsageException, IOException {
        return start(Options.parse(args, environment), environment);
    }

    static Running start(Options options) throws IOException {
        return start(options, System.getenv());
    }

    /**
     * @throws StoreException with a one-line message when the database cannot be opened
     * @throws IOException    with a one-line message when the write token cannot be used
     *                        ({@link TokenSource}), or when the address cannot be bound
     */
    static Running start(Options options, Map<String, String> environment) throws IOException {
        // Before anything is opened: a token that cannot be used leaves nothing to close.
        Optional<String> token = TokenSource.read(options, environment);
        // Checked first too: a certificate that cannot be used should stop the start before a
        // database is opened or created.
        TlsTransports tls = options.tlsCert() == null ? null : TlsTransports.load(options.tlsCert(), options.tlsKey());
        // An embedded database opens on another thread while logging is set up here; nothing
        // is logged before get().
        Supplier<ItemDatabase> opening = startOpening(options);
        configureLogging(options);
        ItemDatabase database = opening.get();
        try {
            Handler application = Application.create(database.items(), new StaticFiles(options.staticRoot()),
                    token.map(secret -> new WriteToken(secret, options.protectReads())));
            Server server = new Server(serverConfig(options), application, tls == null ? TransportFactory.PLAIN : tls);
            server.start();
            token.flatMap(StartWarnings::shortToken).ifPresent(LOG::warn);
            StartWarnings.exposure(options.host(), tls != null, token.isPresent()).ifPresent(LOG::warn);
            if (tls != null) {
                tls.warnIfExpiringSoon();
                tls.watch(CERTIFICATE_CHECK_INTERVAL);
            }
            return new Running(server, database, tls);
        } catch (IOException | RuntimeException e) {
            database.close();
            if (tls != null) tls.close();
            throw e;
        }
    }

    /**
     * The one place that knows every kind of database: a new kind is one more case here. The
     * PostgreSQL user and password come from the environment only, never from the command line,
     * where any user of the machine could read them.
     */
    private static Supplier<ItemDatabase> startOpening(Options options) {
        return switch (options.dbKind()) {
            case MEM, FILE -> {
                H2Database.Opening opening =
                        H2Database.startOpening(new H2Database.Config(options.db(), options.dbPath(), options.dbPool()));
                yield opening::finish;
            }
            case POSTGRES -> () -> PostgresDatabase.open(new PostgresDatabase.Config(options.dbUrl(),
                    System.getenv("MINIHTTP_DB_USER"), System.getenv("MINIHTTP_DB_PASSWORD"), options.dbPool()));
        };
    }

    private static ServerConfig serverConfig(Options options) {
        return new ServerConfig(options.host(), options.port(), options.threads(), options.queue(),
                options.idleTimeout(), options.headerTimeout(), SHUTDOWN_GRACE,
                Limits.DEFAULTS.withMaxBodyBytes(options.maxBody()), Cors.everyResponse())
                .withConnectionLimits(options.maxConnections(), options.maxConnectionsPerClient());
    }

    private static void configureLogging(Options options) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(options.logLevel(), Level.INFO));
        // null: the access log follows the root level again when a later start is not quiet
        ((Logger) LoggerFactory.getLogger("minihttp.access")).setLevel(options.quiet() ? Level.OFF : null);
    }
}
