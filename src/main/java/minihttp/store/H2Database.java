package minihttp.store;

import static minihttp.store.OpenFailures.causeOfType;
import static minihttp.store.OpenFailures.firstLine;

import com.zaxxer.hikari.HikariDataSource;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The items in H2, embedded in this process: in memory (gone when the process ends) or in a
 * file. A connection pool over it, with the schema migrated to the newest version in
 * {@code db/migration}.
 *
 * <p>{@link #open} either returns a ready database or throws a {@link StoreException} whose
 * message is one line fit for the user, such as "database file /srv/items.mv.db is in use by
 * another process". {@link #close} shuts the database down and releases its file, so the same
 * path may be opened again, by this process or another. A file may be open only once per
 * process. Thread-safe.
 */
public final class H2Database implements ItemDatabase {

    /** Where the data lives: in this process's memory, or in a file that outlives it. */
    public enum Mode { MEMORY, FILE }

    /**
     * How to open a database.
     *
     * @param mode     memory or file
     * @param path     for {@link Mode#FILE}, the database file without H2's {@code .mv.db}
     *                 suffix (a trailing {@code .mv.db} is ignored); relative paths are resolved
     *                 against the working directory and missing folders are created. Unused for
     *                 {@link Mode#MEMORY}.
     * @param poolSize the number of pooled connections, at least 1; callers beyond it wait for
     *                 a free connection
     */
    public record Config(Mode mode, Path path, int poolSize) {

        public Config {
            Objects.requireNonNull(mode, "mode");
            if (mode == Mode.FILE) {
                Objects.requireNonNull(path, "path");
            }
            if (poolSize < 1) {
                throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
            }
        }

        /** A private database in this process's memory; its items are gone once it is closed. */
        public static Config memory(int poolSize) {
            return new Config(Mode.MEMORY, null, poolSize);
        }

        /** A database in the file {@code path}{@code .mv.db}. */
        public static Config file(Path path, int poolSize) {
            return new Config(Mode.FILE, path, poolSize);
        }
    }

    private static final String DATA_FILE_SUFFIX = ".mv.db";

    /*
     * Within one process H2 hands every opener of a file the same database instead of failing
     * on its file lock, and close() shuts that database down for all of them; so each file
     * gets one owner.
     */
    private static final Set<Path> OPEN_FILES = ConcurrentHashMap.newKeySet();

    private final DataSource unpooled;
    private final HikariDataSource pool;
    private final ItemStore items;
    private final String description;
    private final Path dataFile;

    private H2Database(DataSource unpooled, HikariDataSource pool, String description, Path dataFile) {
        this.unpooled = unpooled;
        this.pool = pool;
        this.items = new JdbcItemStore(pool);
        this.description = description;
        this.dataFile = dataFile;
    }

    /**
     * Opens the database, creating and migrating it as needed.
     *
     * @throws StoreException if it cannot be opened: the file is in use by another process or
     *                        already open in this one, is corrupt, or cannot be written; or
     *                        the schema cannot be migrated
     */
    public static H2Database open(Config config) {
        return startOpening(config).finish();
    }

    /**
     * Starts opening the database and returns at once: H2 opens it on another thread, a good
     * part of a start-up, while the caller does other work. Nothing is logged before
     * {@link Opening#finish}, so that other work may be setting up logging.
     *
     * @throws StoreException at once if the path cannot be used (see {@link #open}); anything
     *                        else is reported by {@link Opening#finish}
     */
    public static Opening startOpening(Config config) {
        Objects.requireNonNull(config, "config");
        if (config.mode() == Mode.MEMORY) {
            String name = "items-" + UUID.randomUUID();
            return Opening.begin(memoryUrl(name), "in-memory database " + name, null, config.poolSize());
        }
        Path absolute = config.path().toAbsolutePath().normalize();
        if (absolute.getFileName() == null) {
            throw new StoreException("database path " + absolute + " names no file");
        }
        Path base = withoutDataFileSuffix(absolute);
        Path dataFile = base.resolveSibling(base.getFileName() + DATA_FILE_SUFFIX);
        if (Files.isDirectory(base)) {
            throw new StoreException("database path " + base + " is a folder; name a file in it, without .mv.db");
        }
        if (base.toString().contains(";")) {
            // H2 would read the rest of the path as URL settings.
            throw new StoreException("database path " + base + " must not contain ';'");
        }
        if (!OPEN_FILES.add(dataFile)) {
            throw new StoreException("database file " + dataFile + " is already open in this process");
        }
        try {
            prepareFolder(base.getParent());
            return Opening.begin(fileUrl(base), "database file " + dataFile, dataFile, config.poolSize());
        } catch (RuntimeException e) {
            OPEN_FILES.remove(dataFile);
            throw e;
        }
    }

    /**
     * A database H2 is opening on another thread. {@link #finish} must be called once: it waits
     * for H2 and makes the database ready, or reports why it cannot be opened. Until then a file
     * counts as open in this process.
     */
    public static final class Opening {
        private final JdbcDataSource unpooled;
        private final String description;
        private final Path dataFile;
        private final int poolSize;
        private final boolean existed;
        private final CompletableFuture<Connection> first;

        private Opening(JdbcDataSource unpooled, String description, Path dataFile, int poolSize, boolean existed,
                        CompletableFuture<Connection> first) {
            this.unpooled = unpooled;
            this.description = description;
            this.dataFile = dataFile;
            this.poolSize = poolSize;
            this.existed = existed;
            this.first = first;
        }

        private static Opening begin(String url, String description, Path dataFile, int poolSize) {
            JdbcDataSource unpooled = new JdbcDataSource();
            unpooled.setURL(url);
            unpooled.setUser("sa");
            unpooled.setPassword("");
            // A file that exists has most often been migrated already, and then Flyway need not
            // run at all (see Migrations). Asked before H2 creates the file.
            boolean existed = dataFile != null && Files.exists(dataFile);
            // One plain connection first: H2 reports why it cannot open at once, where Hikari
            // would wait a second to retry. Holding it until the pool has started opens the file
            // once. Flyway gets plain connections too: it needs two at a time, which a pool of one
            // could never give it. H2 logs nothing through SLF4J, so this may run while logging
            // is being set up.
            CompletableFuture<Connection> first = CompletableFuture.supplyAsync(() -> connect(unpooled),
                    H2Database::runInBackground);
            return new Opening(unpooled, description, dataFile, poolSize, existed, first);
        }

        private static Connection connect(DataSource unpooled) {
            try {
                return unpooled.getConnection();
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }

        /**
         * Waits until H2 has opened the database, migrates its schema if needed and starts the
         * pool. Logs, so call it once logging is set up.
         *
         * @throws StoreException if the database cannot be opened (see {@link H2Database#open})
         */
        public H2Database finish() {
            try {
                return ready();
            } catch (RuntimeException e) {
                if (dataFile != null) {
                    OPEN_FILES.remove(dataFile);
                }
                throw e;
            }
        }

        private H2Database ready() {
            // A new file needs Flyway, which records what it applied for later starts. Setting
            // it up needs no connection and takes about as long as H2 takes to open the file, so
            // it runs meanwhile; not earlier, as it logs.
            CompletableFuture<Flyway> flyway = dataFile != null && !existed
                    ? CompletableFuture.supplyAsync(() -> Migrations.flyway(unpooled), H2Database::runInBackground)
                    : null;
            HikariDataSource pool = null;
            try (Connection connection = await(first)) {
                if (connection.isReadOnly()) {
                    // H2 silently opens a file it may not write read-only; every write would fail.
                    throw new StoreException(description + " is read-only");
                }
                migrate(connection, flyway);
                pool = ConnectionPools.start(poolSize, config -> config.setDataSource(unpooled));
            } catch (SQLException | RuntimeException e) {
                if (pool != null) {
                    pool.close();
                }
                throw e instanceof StoreException known ? known : openFailure(description, e);
            }
            log().debug("Opened {} with {} connections", description, poolSize);
            return new H2Database(unpooled, pool, description, dataFile);
        }

        /** Brings the schema up to date; flyway is Flyway being set up for a new file, else null. */
        private void migrate(Connection connection, CompletableFuture<Flyway> flyway) throws SQLException {
            if (flyway != null) {
                await(flyway).migrate();
            } else if (dataFile == null) {
                // In memory: new on every start and gone with the process.
                if (!Migrations.runWithoutFlyway(connection, Migrations.class.getClassLoader())) {
                    Migrations.flyway(unpooled).migrate();
                }
            } else if (!Migrations.isCurrent(connection)) {
                Migrations.flyway(unpooled).migrate();
            }
        }
    }

    /*
     * DB_CLOSE_DELAY=-1 keeps the database while the pool has no connection open (it may
     * replace all of them at once); close() ends it with SHUTDOWN.
     * LAZY_QUERY_EXECUTION: without it, embedded H2 materializes a whole result before the
     * first row (spilling to a temporary file beyond a few thousand rows); with it, listing
     * streams row by row. The list query's order comes from the primary key index, which lazy
     * execution needs.
     */
    private static String memoryUrl(String name) {
        return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LAZY_QUERY_EXECUTION=TRUE";
    }

    /*
     * WRITE_DELAY=0: H2 writes each commit to the file before the commit returns. By default
     * it writes committed changes up to 500 ms later from a background thread, so a kill -9
     * can lose acknowledged writes, even the schema. With 0 they survive a process crash,
     * though not an operating system crash (no fsync). The cost: without that background
     * thread, space of overwritten data is reused only after H2's retention time (45 s), so
     * the file holds roughly 16 KB per write of the last 45 s, and shrinks again when the
     * database is closed.
     * DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database while a
     * graceful shutdown is still finishing requests; the owner calls close() instead, and
     * without it committed data is safe anyway.
     * LAZY_QUERY_EXECUTION: see memoryUrl.
     * The default file lock (a lock on the data file, released by the operating system when
     * the process dies) keeps a second process out, so no stale lock survives a kill -9.
     */
    private static String fileUrl(Path base) {
        return "jdbc:h2:file:" + base + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LAZY_QUERY_EXECUTION=TRUE";
    }

    private static Path withoutDataFileSuffix(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(DATA_FILE_SUFFIX) && name.length() > DATA_FILE_SUFFIX.length()
                ? path.resolveSibling(name.substring(0, name.length() - DATA_FILE_SUFFIX.length()))
                : path;
    }

    private static void prepareFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            throw new StoreException("cannot create database folder " + folder + ": " + e.getFile()
                    + " is not a folder", e);
        } catch (IOException e) {
            throw new StoreException("cannot create database folder " + folder + ": " + reason(e), e);
        }
        // H2 writes a trace file here when opening fails, and prints a stack trace to stderr
        // when even that fails; checking first keeps the report to one line.
        if (!Files.isWritable(folder)) {
            throw new StoreException("database folder " + folder + " is not writable");
        }
    }

    /*
     * Looked up when needed, not when the class loads: a database starts opening while logging
     * is still being set up (see startOpening), and looking a logger up then would race with it.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(H2Database.class);
    }

    private static void runInBackground(Runnable task) {
        Thread thread = new Thread(task, "database-open");
        thread.setDaemon(true);
        thread.start();
    }

    /** The result, or what the task threw, as if it had run on this thread. */
    private static <T> T await(CompletableFuture<T> task) throws SQLException {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Names the problem from H2's error code and the exception types, never from message text. */
    private static StoreException openFailure(String description, Exception failure) {
        SQLException sqlFailure = causeOfType(failure, SQLException.class);
        int errorCode = sqlFailure == null ? 0 : sqlFailure.getErrorCode();
        String corrupt = "is corrupt or not an H2 2.x database";
        String problem = switch (errorCode) {
            case ErrorCode.DATABASE_ALREADY_OPEN_1 -> "is in use by another process";
            case ErrorCode.FILE_CORRUPTED_1, ErrorCode.FILE_VERSION_ERROR_1 -> corrupt;
            case ErrorCode.DATABASE_IS_READ_ONLY -> "is read-only";
            case ErrorCode.IO_EXCEPTION_1, ErrorCode.IO_EXCEPTION_2, ErrorCode.FILE_CREATION_FAILED_1 ->
                    // Reading past the end: the file is shorter than its own header claims.
                    causeOfType(failure, EOFException.class) != null
                            ? corrupt
                            : "cannot be read or written: " + reason(causeOfType(failure, IOException.class));
            default -> null;
        };
        String message = problem != null
                ? description + " " + problem
                : "cannot open " + description + ": " + firstLine(sqlFailure != null ? sqlFailure : failure);
        return new StoreException(message, failure);
    }

    private static String reason(IOException e) {
        if (e == null) {
            return "input/output error";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException fileSystemFailure && fileSystemFailure.getReason() != null) {
            return fileSystemFailure.getReason();
        }
        return e.getClass().getSimpleName();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ItemStore items() {
        return items;
    }

    /**
     * Shuts the database down and closes the pool; a file database writes its last state and
     * releases its file. Call it after the last request has finished: calls still running
     * fail with a {@link StoreException}. Closing again does nothing.
     *
     * @throws StoreException if H2 could not shut down cleanly; the pool is closed regardless
     */
    @Override
    public synchronized void close() {
        if (pool.isClosed()) {
            return;
        }
        // SHUTDOWN runs on a connection of its own, as the pool fails to recycle a connection
        // whose database is gone; holding it while the pool closes keeps the database from
        // closing and reopening in between.
        try (Connection shutdown = unpooled.getConnection(); Statement statement = shutdown.createStatement()) {
            pool.close();
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new StoreException("could not shut down " + description, e);
        } finally {
            pool.close(); // again, in case the own connection could not be opened
            if (dataFile != null) {
                OPEN_FILES.remove(dataFile);
            }
            log().debug("Closed {}", description);
        }
    }
}
