package minihttp.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import minihttp.http.Limits;
import minihttp.server.ServerConfig;
import minihttp.store.H2Database;

/**
 * The command line, parsed. Every option is {@code --name=value} or a bare {@code --flag}; an
 * unknown option or a bad value is an {@link UsageException} whose message is one line for the
 * user.
 */
public record Options(String host, int port, int threads, int queue, Duration idleTimeout, Duration headerTimeout,
               long maxBody, H2Database.Mode db, Path dbPath, int dbPool, Path staticRoot, boolean quiet, String logLevel,
               boolean help, boolean version) {

    static final String USAGE = String.join("\n",
            "usage: java -jar target/minihttp.jar [options]",
            "  --host=ADDR               address to listen on (default 127.0.0.1)",
            "  --port=N                  port, 0 for any free one (default 8080)",
            "  --threads=N               worker threads (default " + ServerConfig.DEFAULT_THREADS + ")",
            "  --queue=N                 requests that may wait for a worker before 503 (default "
                    + ServerConfig.DEFAULT_QUEUE + ")",
            "  --idle-timeout=SECONDS    keep-alive idle time and body read stall limit (default 5)",
            "  --header-timeout=SECONDS  time to send a whole request head (default: the idle timeout)",
            "  --max-body=BYTES          largest request body (default " + Limits.DEFAULT_MAX_BODY + ")",
            "  --db=mem|file             keep items in memory or in a file (default file)",
            "  --db-path=PATH            the database file, H2 adds .mv.db (default db/data/minihttp)",
            "  --db-pool=N               database connections (default: the worker count, at most 32)",
            "  --static=DIR              folder served under /static/ (default static)",
            "  --quiet                   no access log",
            "  --log-level=LEVEL         trace, debug, info, warn, error or off (default info)",
            "  --help                    this text",
            "  --version                 the version");

    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static final List<String> FLAGS = List.of("quiet", "help", "version");
    private static final List<String> VALUED = List.of(
            "host", "port", "threads", "queue", "idle-timeout", "header-timeout", "max-body", "db", "db-path", "db-pool",
            "static", "log-level");
    private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

    static Options parse(String[] args) throws UsageException {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) throw new UsageException("unexpected argument: " + arg);
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (FLAGS.contains(name)) {
                if (equals >= 0) throw new UsageException("--" + name + " takes no value");
                given.put(name, "true");
            } else if (VALUED.contains(name)) {
                if (equals < 0) throw new UsageException("--" + name + " needs a value: --" + name + "=...");
                given.put(name, arg.substring(equals + 1));
            } else {
                throw new UsageException("unknown option: --" + name);
            }
        }
        String host = given.getOrDefault("host", "127.0.0.1");
        checkAddress(host);
        String level = given.getOrDefault("log-level", "info").toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(level)) throw new UsageException("--log-level must be one of " + LEVELS + ", got: " + level);
        String db = given.getOrDefault("db", "file");
        if (!db.equals("mem") && !db.equals("file")) throw new UsageException("--db must be mem or file, got: " + db);
        String dbPath = given.getOrDefault("db-path", "db/data/minihttp");
        if (dbPath.isBlank()) throw new UsageException("--db-path needs a path");
        String staticRoot = given.getOrDefault("static", "static");
        if (staticRoot.isBlank()) throw new UsageException("--static needs a folder");
        long idleSeconds = number(given, "idle-timeout", 5, 1, 86_400);
        int threads = (int) number(given, "threads", ServerConfig.DEFAULT_THREADS, 1, 10_000);
        return new Options(host,
                (int) number(given, "port", 8080, 0, 65535),
                threads,
                (int) number(given, "queue", ServerConfig.DEFAULT_QUEUE, 1, 1_000_000),
                Duration.ofSeconds(idleSeconds),
                Duration.ofSeconds(number(given, "header-timeout", idleSeconds, 1, 86_400)),
                number(given, "max-body", Limits.DEFAULT_MAX_BODY, 0, Integer.MAX_VALUE - 8),
                db.equals("mem") ? H2Database.Mode.MEMORY : H2Database.Mode.FILE, Path.of(dbPath),
                (int) number(given, "db-pool", Math.min(threads, 32), 1, 1_000),
                Path.of(staticRoot),
                given.containsKey("quiet"), level, given.containsKey("help"), given.containsKey("version"));
    }

    private static void checkAddress(String host) throws UsageException {
        try {
            if (host.isBlank()) throw new UnknownHostException();
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UsageException("--host must be an address or a known host name, got: " + host);
        }
    }

    private static long number(Map<String, String> given, String name, long fallback, long min, long max)
            throws UsageException {
        String text = given.get(name);
        if (text == null) return fallback;
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) return value;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + name + " must be a whole number from " + min + " to " + max + ", got: " + text);
    }
}
