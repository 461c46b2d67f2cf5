package minihttp.store;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server for tests: its own data folder in a fresh temporary folder, on a
 * free port of 127.0.0.1 only, started by the tests themselves from the machine's PostgreSQL
 * binaries. Nothing else is needed: no system cluster, no service, no {@code psql}.
 *
 * <p><b>Binaries.</b> {@code initdb}, {@code pg_ctl} and {@code postgres} are looked for in one
 * folder: the folder that {@code initdb} on the {@code PATH} really lives in (symbolic links
 * followed), else the highest version under {@code /usr/lib/postgresql/*}{@code /bin}, where
 * Debian's {@code postgresql} package puts them (it puts no {@code initdb} on the {@code PATH}).
 * Without them {@link #startIfAvailable()} answers empty and {@link #startOrSkip()} skips the test
 * with {@link #MISSING_BINARIES}. Binaries that are there but fail are an error, not a skip.
 *
 * <p><b>Users.</b> PostgreSQL refuses to run as root. Under root (uid 0) every PostgreSQL program
 * runs as the {@code postgres} user that Debian's package creates ({@code runuser -u postgres
 * --}), and the temporary folder is handed to that user; otherwise they run as the current user.
 *
 * <p><b>Server.</b> {@code initdb --no-sync}; fsync, synchronous commit and full-page writes off;
 * 16 MB of shared buffers; no TCP but 127.0.0.1. Over TCP every role needs its password
 * (scram-sha-256), so a wrong password is refused as a real server would; the unix socket, in
 * the temporary folder, trusts everyone and is not used here. Setup SQL runs over JDBC as the
 * superuser {@value #SUPERUSER}, whose password is as random as the test user's. One database,
 * {@value #DATABASE}, owned by the test user {@value #USER}, is made at the first start;
 * {@link #createDatabase(String)} makes more, so that a test can start from an empty one.
 *
 * <p><b>Stopping.</b> {@link #stop()} and {@link #start()} keep the port and the data, for tests
 * about a database that goes away under a running server. {@link #close()} stops the server and
 * deletes the temporary folder; a shutdown hook does the same when a test run forgets or crashes
 * (not after {@code kill -9} of the JVM: then the server lives on until the machine ends it).
 * The server's log is {@link #log()}; when a start fails, the exception carries its last lines.
 *
 * <p>A start (initdb, server, setup) takes about a second or two; {@link #shared()} starts one per
 * JVM, lazily, for tests that only need databases. A test that stops a server should start its
 * own, or give the shared one back running. All methods are thread-safe.
 */
public final class TestPostgres implements AutoCloseable {

    /** The reason given when a test is skipped for want of PostgreSQL. */
    public static final String MISSING_BINARIES = "PostgreSQL binaries not found (initdb, pg_ctl and"
            + " postgres, on the PATH or under /usr/lib/postgresql/*/bin): install Debian's postgresql"
            + " package; skipping PostgreSQL tests";

    /** The test user, owner of every database made here. */
    public static final String USER = "minihttp";
    /** The database made at the first start. */
    public static final String DATABASE = "minihttp";
    /** The superuser that sets things up. */
    public static final String SUPERUSER = "postgres";

    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
    /** The OS user that Debian's package creates, to run PostgreSQL as when we are root. */
    private static final String OS_USER_UNDER_ROOT = "postgres";
    private static final List<String> PROGRAMS = List.of("initdb", "pg_ctl", "postgres");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /** Lines of the server's log quoted in an error: its start-up or its last words. */
    private static final int SERVER_LOG_LINES = 30;
    /** Lines of the programs' output quoted in an error: the failing one's is at the end. */
    private static final int COMMAND_LOG_LINES = 12;
    /** Only names that need no quoting, so that a name can go into SQL as it is. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final AtomicInteger DATABASE_NUMBER = new AtomicInteger();

    private static Optional<TestPostgres> shared;

    private final Path binaries;
    private final Optional<String> runAs;
    private final Path folder;
    private final Path data;
    private final Path sockets;
    private final Path log;
    private final Path commandLog;
    private final String superuserPassword = randomPassword();
    private final String password = randomPassword();
    private final Thread shutdownHook;
    private int port;
    private boolean running;
    private boolean closed;

    private TestPostgres(Path binaries) throws IOException {
        this.binaries = binaries;
        this.runAs = isRoot() ? Optional.of(OS_USER_UNDER_ROOT) : Optional.empty();
        this.folder = Files.createTempDirectory("minihttp-postgres-");
        this.data = folder.resolve("data");
        this.sockets = folder.resolve("sockets");
        this.log = folder.resolve("postgres.log");
        this.commandLog = folder.resolve("commands.log");
        this.shutdownHook = new Thread(this::closeQuietly, "TestPostgres shutdown " + folder);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a new server, or answers empty when PostgreSQL's binaries are not on this machine.
     *
     * @throws IllegalStateException when the binaries are there but the server cannot be set up
     *     or started; the message ends with the last lines of its log
     */
    public static Optional<TestPostgres> startIfAvailable() {
        Optional<Path> binaries = findBinaries();
        if (binaries.isEmpty()) {
            return Optional.empty();
        }
        TestPostgres postgres;
        try {
            postgres = new TestPostgres(binaries.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary folder for PostgreSQL", e);
        }
        try {
            postgres.initialize();
            return Optional.of(postgres);
        } catch (RuntimeException e) {
            postgres.closeQuietly();
            throw e;
        }
    }

    /**
     * Starts a new server, or skips the calling JUnit test (or Cucumber scenario) with
     * {@link #MISSING_BINARIES} when PostgreSQL's binaries are not on this machine.
     */
    public static TestPostgres startOrSkip() {
        Optional<TestPostgres> postgres = startIfAvailable();
        assumeAvailable(postgres.isPresent());
        return postgres.get();
    }

    /**
     * The server shared by this JVM, started at the first call and closed when the JVM exits, or
     * empty without PostgreSQL's binaries. If someone stopped it, it is started again.
     */
    public static synchronized Optional<TestPostgres> shared() {
        if (shared == null) {
            shared = startIfAvailable();
        }
        shared.ifPresent(TestPostgres::start);
        return shared;
    }

    /** {@link #shared()}, or skips the calling test with {@link #MISSING_BINARIES}. */
    public static TestPostgres sharedOrSkip() {
        Optional<TestPostgres> postgres = shared();
        assumeAvailable(postgres.isPresent());
        return postgres.get();
    }

    /**
     * The folder holding {@code initdb}, {@code pg_ctl} and {@code postgres}: where {@code initdb}
     * on the {@code PATH} really lives, else the highest version under
     * {@code /usr/lib/postgresql}. Empty when neither has all three.
     */
    public static Optional<Path> findBinaries() {
        List<Path> candidates = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty()) {
                Path initdb = Path.of(entry, "initdb");
                if (Files.isExecutable(initdb)) {
                    try {
                        // Debian's /usr/local or alternatives links point into the version's folder,
                        // which is where initdb and pg_ctl look for postgres.
                        candidates.add(initdb.toRealPath().getParent());
                    } catch (IOException e) {
                        // A dangling link: not a candidate.
                    }
                }
            }
        }
        candidates.addAll(debianVersionFolders());
        return candidates.stream().filter(TestPostgres::hasAllPrograms).findFirst();
    }

    private static void assumeAvailable(boolean available) {
        if (!available) {
            // Also on the console: a skipped class is easy to miss in a long Maven log.
            System.err.println("TestPostgres: " + MISSING_BINARIES);
        }
        Assumptions.assumeTrue(available, MISSING_BINARIES);
    }

    private static List<Path> debianVersionFolders() {
        if (!Files.isDirectory(DEBIAN_VERSIONS)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
            return versions
                    .filter(version -> version.getFileName().toString().matches("\\d+(\\.\\d+)*"))
                    // Number by number, so that 10 comes after 9.6.
                    .sorted(Comparator.comparing(TestPostgres::versionNumbers, Arrays::compare).reversed())
                    .map(version -> version.resolve("bin"))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int[] versionNumbers(Path version) {
        return Stream.of(version.getFileName().toString().split("\\.")).mapToInt(Integer::parseInt).toArray();
    }


    private static boolean hasAllPrograms(Path folder) {
        return PROGRAMS.stream().allMatch(program -> Files.isExecutable(folder.resolve(program)));
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/minihttp}, the test user's database. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** The test user, owner of every database made here. */
    public String user() {
        return USER;
    }

    /** The test user's password, random per server. */
    public String password() {
        return password;
    }

    /** The TCP port on 127.0.0.1; the same across {@link #stop()} and {@link #start()}. */
    public synchronized int port() {
        return port;
    }

    /** The server's log file. */
    public Path log() {
        return log;
    }

    /** The temporary folder that holds the data, the socket and the logs. */
    public Path folder() {
        return folder;
    }

    /** Whether the server was started and not stopped since. */
    public synchronized boolean isRunning() {
        return running;
    }

    /**
     * Makes an empty database owned by {@link #user()} and answers its JDBC URL.
     *
     * @param name lower-case letters, digits and underscores, not starting with a digit
     * @throws IllegalArgumentException for another name
     * @throws IllegalStateException when the server refuses, e.g. because the name is taken
     */
    public String createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        asSuperuser("CREATE DATABASE " + name + " OWNER " + USER);
        return jdbcUrl(name);
    }

    /** Makes an empty database with a name not used before in this JVM and answers its JDBC URL. */
    public String createDatabase() {
        return createDatabase("test_" + DATABASE_NUMBER.incrementAndGet());
    }

    /**
     * Starts the server again on the same port with the same data; does nothing if it runs.
     *
     * @throws IllegalStateException when it does not accept connections within 30 s, e.g.
     *     because something else took the port meanwhile; the message ends with the log's tail
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("this PostgreSQL was closed");
        }
        if (running) {
            return;
        }
        try {
            runPostgresProgram("start PostgreSQL on port " + port, "pg_ctl", "start", "--wait",
                    "--timeout=" + START_TIMEOUT.toSeconds(), "--pgdata=" + data, "--log=" + log);
        } catch (RuntimeException e) {
            // pg_ctl gives up after its timeout but leaves a slow server starting.
            serverProcess().ifPresent(TestPostgres::kill);
            throw e;
        }
        running = true;
        try {
            awaitConnections();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * Stops the server ({@code pg_ctl stop -m fast}), ending every open connection; does nothing if
     * it is not running. If {@code pg_ctl} fails, kills the server process that it started.
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        Optional<ProcessHandle> server = serverProcess();
        try {
            runPostgresProgram("stop PostgreSQL", "pg_ctl", "stop", "--wait", "--mode=fast",
                    "--timeout=" + STOP_TIMEOUT.toSeconds(), "--pgdata=" + data);
        } catch (RuntimeException e) {
            server.ifPresent(TestPostgres::kill);
        }
        running = false;
    }

    /** Stops the server and deletes its temporary folder; later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
        } finally {
            closed = true;
            deleteFolder();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is exiting: this may be the hook itself.
            }
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("TestPostgres: could not close " + folder + ": " + e);
        }
    }

    /** The first start: a new cluster, its settings, the test user and its database. */
    private synchronized void initialize() {
        try {
            Files.createDirectories(sockets);
            Path passwordFile = folder.resolve("superuser-password");
            Files.writeString(passwordFile, superuserPassword + "\n", StandardCharsets.UTF_8);
            handOverToRunningUser(folder, sockets, passwordFile);
            runPostgresProgram("initialize a PostgreSQL data folder", "initdb", "--pgdata=" + data,
                    "--username=" + SUPERUSER, "--pwfile=" + passwordFile, "--encoding=UTF8", "--locale=C",
                    "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync");
            Files.delete(passwordFile);
            // Written whole rather than trusting initdb's defaults: the tests about refused
            // passwords mean something only if TCP connections must give one.
            Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                    "# TestPostgres: the unix socket trusts; TCP, only from 127.0.0.1, needs a password.",
                    "local all all trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    ""), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare PostgreSQL in " + folder, e);
        }
        startOnSomeFreePort();
        asSuperuser("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
        asSuperuser("CREATE DATABASE " + DATABASE + " OWNER " + USER);
    }

    /**
     * Picks a free port and starts there. Another process may take the port between our look and
     * the server's bind; then a second and third free port are tried.
     */
    private void startOnSomeFreePort() {
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            port = freePort();
            writeSettings();
            try {
                start();
                return;
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    /** Appended to postgresql.conf, where a later setting wins: no shell quoting to get wrong. */
    private void writeSettings() {
        String settings = String.join("\n",
                "",
                "# TestPostgres, for port " + port,
                "port = " + port,
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + sockets + "'",
                // Speed over durability: the data lives as long as one test run.
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "shared_buffers = 16MB",
                "max_connections = 100",
                "");
        try {
            Files.writeString(data.resolve("postgresql.conf"), settings, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PostgreSQL's settings", e);
        }
    }

    /**
     * {@code pg_ctl start --wait} returns once the server says it is ready; this also checks that
     * a superuser gets through TCP, which is what the tests need.
     */
    private void awaitConnections() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Connection connection = superuserConnection("postgres")) {
                if (connection.isValid(5)) {
                    return;
                }
            } catch (SQLException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("PostgreSQL on port " + port + " accepts no connection after "
                            + START_TIMEOUT.toSeconds() + " s: " + e.getMessage() + logTail(log, SERVER_LOG_LINES), e);
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("PostgreSQL on port " + port + " gives no valid connection after "
                        + START_TIMEOUT.toSeconds() + " s" + logTail(log, SERVER_LOG_LINES));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
            }
        }
    }

    private void asSuperuser(String sql) {
        try (Connection connection = superuserConnection("postgres");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            // The statement itself is not shown: it may hold the test user's password.
            throw new IllegalStateException("PostgreSQL refused setup SQL: " + e.getMessage(), e);
        }
    }

    private Connection superuserConnection(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", superuserPassword);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    private synchronized String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Runs one of PostgreSQL's programs, as {@code postgres} under root, within
     * {@link #COMMAND_TIMEOUT}. Its output goes to {@link #commandLog}; a failure quotes it.
     */
    private void runPostgresProgram(String purpose, String program, String... arguments) {
        List<String> command = new ArrayList<>();
        runAs.ifPresent(user -> command.addAll(List.of(runuser(), "-u", user, "--")));
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                // The running user may not enter the caller's working folder.
                .directory(folder.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(commandLog.toFile()))
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        // PGDATA, PGPORT, PGHOST and the like would quietly point the programs elsewhere.
        environment.keySet().removeIf(name -> name.startsWith("PG"));
        // A locale the machine lacks makes the server refuse to start; C is always there.
        environment.keySet().removeIf(name -> name.startsWith("LC_"));
        environment.put("LC_ALL", "C");
        environment.put("LANG", "C");
        int exit;
        try {
            Files.writeString(commandLog, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("cannot " + purpose + ": " + program + " took over "
                        + COMMAND_TIMEOUT.toSeconds() + " s" + logTail(commandLog, COMMAND_LOG_LINES) + logTail(log, SERVER_LOG_LINES));
            }
            exit = process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + purpose, e);
        }
        if (exit != 0) {
            throw new IllegalStateException("cannot " + purpose + ": " + program + " exited with " + exit
                    + logTail(commandLog, COMMAND_LOG_LINES) + logTail(log, SERVER_LOG_LINES));
        }
    }

    /** {@code runuser} is in /usr/sbin, which a non-login root PATH may lack. */
    private static String runuser() {
        Path sbin = Path.of("/usr/sbin/runuser");
        return Files.isExecutable(sbin) ? sbin.toString() : "runuser";
    }

    /**
     * The postmaster, from the first line of {@code postmaster.pid}, while it runs. A stale file
     * may name a PID that now belongs to another process, even another PostgreSQL: only a
     * {@code postgres} whose command line names our data folder is ours.
     */
    private Optional<ProcessHandle> serverProcess() {
        List<String> lines;
        try {
            lines = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(process -> process.info().command().orElse("").endsWith("/postgres"))
                .filter(process -> process.info().commandLine().orElse("").contains(data.toString()));
    }

    /** Kills the server's processes, the postmaster last, and waits a little for them to end. */
    private static void kill(ProcessHandle server) {
        server.descendants().forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly();
        try {
            server.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("TestPostgres: PostgreSQL process " + server.pid() + " did not end: " + e);
        }
    }

    private void handOverToRunningUser(Path... paths) throws IOException {
        if (runAs.isEmpty()) {
            return;
        }
        UserPrincipalLookupService lookup = folder.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user;
        GroupPrincipal group;
        try {
            user = lookup.lookupPrincipalByName(runAs.get());
            group = lookup.lookupPrincipalByGroupName(runAs.get());
        } catch (IOException e) {
            throw new IllegalStateException("running as root, PostgreSQL needs the user and group '"
                    + runAs.get() + "' (Debian's postgresql package makes them): " + e, e);
        }
        for (Path path : paths) {
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            view.setOwner(user);
            view.setGroup(group);
        }
    }

    private void deleteFolder() {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }

    private static String logTail(Path file, int lineCount) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - lineCount), lines.size());
            return "\n--- last lines of " + file + " ---\n" + String.join("\n", tail);
        } catch (IOException | UncheckedIOException e) {
            return "\n(cannot read " + file + ": " + e + ")";
        }
    }

    private static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback address", e);
        }
    }

    private static String randomPassword() {
        // Letters and digits only, so that the password can be written into SQL as it is.
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }
}
