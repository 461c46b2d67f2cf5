package minihttp.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import minihttp.http.Limits;
import minihttp.server.ServerConfig;
import minihttp.store.H2Database;

/**
 * The command line, parsed. Each option is declared once below, as an {@link Option}; the usage
 * text, the parsing and the README's options table (checked by OptionsTest) all come from those
 * declarations, so they cannot disagree. Every option is {@code --name=value} or a bare
 * {@code --flag}; an unknown option or a bad value is an {@link UsageException} whose message is
 * one line for the user. Immutable.
 */
public record Options(OptionValues values) {

    /** Where the items are kept: in this process's memory, in a file, or in a PostgreSQL database. */
    public enum DbKind { MEM, FILE, POSTGRES }

    /** Where --db=postgres finds its URL when --db-url is not given. */
    static final String DB_URL_VARIABLE = "MINIHTTP_DB_URL";
    private static final String POSTGRES_URL_FORM = "jdbc:postgresql://HOST:PORT/NAME";
    private static final ValueReader<String> POSTGRES_URL = ValueReader.url("jdbc:postgresql://", POSTGRES_URL_FORM);

    /** A bad command line; the message is one line for the user, naming the option at fault. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static final Option<String> HOST = Option.valued("host", "ADDR",
            "address to listen on; a store without authentication is only exposed to the network when you ask",
            ValueReader.address()).byDefault("127.0.0.1");
    static final Option<Integer> PORT = Option.valued("port", "N",
            "port; 0 picks a free one (the printed line shows which)",
            ValueReader.intBetween(0, 65535)).byDefault("8080");
    static final Option<Integer> THREADS = Option.valued("threads", "N",
            "worker threads: the most requests that may block (the store) handled at once; never grows with the"
                    + " number of clients. Requests that cannot block are answered by one I/O thread per core",
            ValueReader.intBetween(1, 10_000)).byDefault("4 per core, at least 16",
                    (earlier, environment) -> ServerConfig.DEFAULT_THREADS);
    static final Option<Integer> QUEUE = Option.valued("queue", "N",
            "requests that may wait for a free worker; past that the server answers 503 with Retry-After at once",
            ValueReader.intBetween(1, 1_000_000)).byDefault(String.valueOf(ServerConfig.DEFAULT_QUEUE));
    static final Option<Integer> MAX_CONNECTIONS = Option.valued("max-connections", "N",
            "connections held open at once; past that a new one is answered 503 with Retry-After and closed at once,"
                    + " which costs no thread and no buffer. Each connection is an open file: keep it under ulimit -n",
            ValueReader.intBetween(1, 10_000_000)).byDefault(String.valueOf(ServerConfig.DEFAULT_MAX_CONNECTIONS));
    static final Option<Integer> MAX_CONNECTIONS_PER_CLIENT = Option.valued("max-connections-per-client", "N",
            "connections held open at once from one client address, likewise, so that one host cannot take them"
                    + " all. Behind a proxy every connection comes from the proxy: raise it to --max-connections",
            ValueReader.intBetween(1, 10_000_000))
            .byDefault(String.valueOf(ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_CLIENT));
    static final Option<Duration> IDLE_TIMEOUT = Option.valued("idle-timeout", "SECONDS",
            "how long an idle keep-alive connection stays open, and how long a body upload may stall",
            ValueReader.secondsBetween(1, 86_400)).byDefault("5");
    static final Option<Duration> HEADER_TIMEOUT = Option.valued("header-timeout", "SECONDS",
            "how long a client has to send a whole request head once it started (else 408)",
            ValueReader.secondsBetween(1, 86_400)).byDefault("the idle timeout",
                    (earlier, environment) -> earlier.get(IDLE_TIMEOUT));
    static final Option<Long> MAX_BODY = Option.valued("max-body", "BYTES",
            "largest request body (else 413)",
            ValueReader.longBetween(0, Integer.MAX_VALUE - 8)).byDefault(String.valueOf(Limits.DEFAULT_MAX_BODY));
    static final Option<DbKind> DB = Option.valued("db", "mem|file|postgres",
            "keep items in a private in-memory database, in a file, or in a PostgreSQL database",
            ValueReader.oneOf(DbKind.class)).byDefault("file");
    static final Option<String> DB_URL = Option.valued("db-url", "URL",
            "the PostgreSQL database, as " + POSTGRES_URL_FORM + "; only with --db=postgres",
            POSTGRES_URL).byDefault(DB_URL_VARIABLE + " from the environment", Options::dbUrlFromEnvironment)
            .onlyWith(DB, "postgres");
    static final Option<Path> DB_PATH = Option.valued("db-path", "PATH",
            "the database file; H2 adds .mv.db; parent folders are created",
            ValueReader.path("a path")).byDefault("db/data/minihttp");
    static final Option<Integer> DB_POOL = Option.valued("db-pool", "N",
            "database connections in the pool; each worker uses at most one at a time, so fewer than the"
                    + " workers makes requests wait (503 after 2 s) while the database is idle",
            ValueReader.intBetween(1, 1_000)).byDefault("the worker count",
                    (earlier, environment) -> earlier.get(THREADS));
    static final Option<Path> TOKEN_FILE = Option.valued("token-file", "FILE",
            "a file holding the write token, read once at start: POST, PUT and DELETE then need"
                    + " Authorization: Bearer <token>. Never a token on the command line, where ps shows it",
            ValueReader.path("a file")).byDefault("MINIHTTP_TOKEN from the environment, else no token",
                    (earlier, environment) -> null);
    static final Option<Boolean> PROTECT_READS = Option.flag("protect-reads",
            "GET and HEAD need the token too, except GET /health; OPTIONS (a CORS preflight) never does");
    static final Option<Path> STATIC_ROOT = Option.valued("static", "DIR",
            "folder served under /static/",
            ValueReader.path("a folder")).byDefault("static");
    static final Option<Path> TLS_CERT = Option.valued("tls-cert", "FILE",
            "serve HTTPS only, with this PEM certificate chain (the server's certificate first);"
                    + " renewed files are picked up on SIGHUP or when they change",
            ValueReader.path("a file"));
    static final Option<Path> TLS_KEY = Option.valued("tls-key", "FILE",
            "the private key of --tls-cert, PEM in PKCS#8 (RSA or EC)",
            ValueReader.path("a file")).byDefault("none: needed with --tls-cert", (earlier, environment) -> {
                if (earlier.get(TLS_CERT) != null) throw new UsageException("--tls-cert needs --tls-key=FILE");
                return null;
            });
    static final Option<Boolean> QUIET = Option.flag("quiet", "no access log");
    static final Option<String> LOG_LEVEL = Option.valued("log-level", "LEVEL",
            "trace, debug, info, warn, error or off",
            ValueReader.oneOf(List.of("trace", "debug", "info", "warn", "error", "off"))).byDefault("info");
    static final Option<Boolean> HELP = Option.flag("help", "print the usage and exit 0");
    static final Option<Boolean> VERSION = Option.flag("version", "print the version and exit 0");

    /** The usage order; a default may read only the options before its own. */
    static final OptionTable TABLE = new OptionTable(HOST, PORT, THREADS, QUEUE, MAX_CONNECTIONS,
            MAX_CONNECTIONS_PER_CLIENT, IDLE_TIMEOUT, HEADER_TIMEOUT, MAX_BODY, DB, DB_URL, DB_PATH, DB_POOL,
            TOKEN_FILE, PROTECT_READS, STATIC_ROOT, TLS_CERT, TLS_KEY, QUIET, LOG_LEVEL, HELP, VERSION);

    private static final String ENVIRONMENT_NOTE = "With --db=postgres, the database user and password come from the"
            + " environment variables MINIHTTP_DB_USER and MINIHTTP_DB_PASSWORD; they are never options, since"
            + " every user of the machine can read a command line.";

    static final String USAGE = TABLE.usage("usage: java -jar target/minihttp.jar [options]",
            "Relative paths are relative to the working directory. " + ENVIRONMENT_NOTE);

    /** Reads the environment of this process for the options that fall back on it. */
    static Options parse(String[] args) throws UsageException {
        return parse(args, System.getenv());
    }

    static Options parse(String[] args, Map<String, String> environment) throws UsageException {
        Options options = new Options(TABLE.parse(args, environment));
        if (options.tlsKey() != null && options.tlsCert() == null) {
            throw new UsageException("--tls-key needs --tls-cert=FILE");
        }
        return options;
    }

    /**
     * Asked only with --db=postgres ({@link Option#onlyWith}), so a variable left set for another
     * program does not trouble --db=file. A blank variable counts as unset.
     */
    private static String dbUrlFromEnvironment(OptionValues earlier, Map<String, String> environment)
            throws UsageException {
        String url = environment.getOrDefault(DB_URL_VARIABLE, "");
        if (url.isBlank()) {
            throw new UsageException("--db=postgres needs --db-url=" + POSTGRES_URL_FORM + " or " + DB_URL_VARIABLE
                    + " in the environment");
        }
        return POSTGRES_URL.read(DB_URL_VARIABLE, url);
    }

    public String host() {
        return values.get(HOST);
    }

    public int port() {
        return values.get(PORT);
    }

    public int threads() {
        return values.get(THREADS);
    }

    public int queue() {
        return values.get(QUEUE);
    }

    public int maxConnections() {
        return values.get(MAX_CONNECTIONS);
    }

    public int maxConnectionsPerClient() {
        return values.get(MAX_CONNECTIONS_PER_CLIENT);
    }

    public Duration idleTimeout() {
        return values.get(IDLE_TIMEOUT);
    }

    public Duration headerTimeout() {
        return values.get(HEADER_TIMEOUT);
    }

    public long maxBody() {
        return values.get(MAX_BODY);
    }

    public DbKind dbKind() {
        return values.get(DB);
    }

    /** The H2 mode of {@link #dbKind()}; null for {@link DbKind#POSTGRES}, which is not H2. */
    public H2Database.Mode db() {
        return switch (dbKind()) {
            case MEM -> H2Database.Mode.MEMORY;
            case FILE -> H2Database.Mode.FILE;
            case POSTGRES -> null;
        };
    }

    /** The JDBC URL of the PostgreSQL database; null unless {@link DbKind#POSTGRES}. */
    public String dbUrl() {
        return values.get(DB_URL);
    }

    public Path dbPath() {
        return values.get(DB_PATH);
    }

    public int dbPool() {
        return values.get(DB_POOL);
    }

    /** The PEM certificate chain for HTTPS, or null for plain HTTP. */
    public Path tlsCert() {
        return values.get(TLS_CERT);
    }

    /** The PEM private key for HTTPS, or null for plain HTTP. */
    public Path tlsKey() {
        return values.get(TLS_KEY);
    }

    /** The file of --token-file; null when not given. */
    public Path tokenFile() {
        return values.get(TOKEN_FILE);
    }

    public boolean protectReads() {
        return values.get(PROTECT_READS);
    }

    public Path staticRoot() {
        return values.get(STATIC_ROOT);
    }

    public boolean quiet() {
        return values.get(QUIET);
    }

    /** One of trace, debug, info, warn, error or off. */
    public String logLevel() {
        return values.get(LOG_LEVEL);
    }

    public boolean help() {
        return values.get(HELP);
    }

    public boolean version() {
        return values.get(VERSION);
    }
}
