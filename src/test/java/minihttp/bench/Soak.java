package minihttp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The server under fire for a while, then checked for damage. The real jar runs as a child
 * process ({@link ServerProcess}) with {@code --db=file} on a temporary file and a temporary
 * static folder, while {@link SoakLoad}'s clients all run at once: keep-alive reads, writes,
 * static files (whole and ranges), a new connection per request, heads sent slower than the
 * header timeout, clients that stop reading a large file, and garbage. Then:
 *
 * <ul>
 *   <li>no client saw an error ({@link SoakLoad} says what counts as one; a {@code 503} does:
 *       the load is sized so that no worker queue fills);</li>
 *   <li>the server's open files and its heap after a full collection are flat, measured after
 *       the warm-up and at the end with no client connected (open files once their count has
 *       held still): open files other than selectors at most {@value #OPEN_FILES_TOLERANCE}
 *       more; selectors at most one more per worker thread (a worker opens one, once, the first
 *       time it waits for a slow client); live heap at most 8 MiB or 20% (whichever is more) above
 *       the larger of the heap after the warm-up and the heap of a fresh server started on the
 *       same file after it listed every item. The store's structures grow with what it holds
 *       (H2 keeps metadata for every chunk of its file in memory, and fills its page cache), and
 *       the fresh server holds them too, but nothing of the traffic;</li>
 *   <li>every write acknowledged with {@code 201} is listed, byte for byte as acknowledged, and
 *       still is after a stop by SIGTERM (exit code 0) and a start on the same file;</li>
 *   <li>the server logged no {@code ERROR} line.</li>
 * </ul>
 *
 * Not a unit test; {@code SoakIT} runs a bounded one in {@code mvn verify}. By hand, after building
 * the jar:
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * java -cp target/test-classes minihttp.bench.Soak
 * </pre>
 *
 * Options, with their defaults: {@code --seconds=60} (the whole load, warm-up included)
 * {@code --warm-up=10 --writes-per-second=400} (all writers together; 0: unpaced) {@code --seed=1
 * --jar=target/minihttp.jar --server-jvm=""} (JVM options for the
 * server, space-separated). It prints a summary with figures and ends with {@code RESULT: PASS},
 * or {@code RESULT: FAIL} and the first reason, exit code 1. Needs Linux ({@code /proc}) and
 * {@code jcmd}; loopback only; it stops only the servers it started and deletes its temporary
 * folder.
 */
public final class Soak {
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);
    /**
     * Writes are paced: every write is a commit to the file, and unpaced writers on a fast machine
     * would grow the file by gigabytes a minute (see the README on WRITE_DELAY) and fill H2's page
     * cache with superseded pages faster than the heap check can tell from a leak.
     */
    static final int WRITES_PER_SECOND = 400;
    static final int OPEN_FILES_TOLERANCE = 16;
    static final long HEAP_TOLERANCE_KIB = 8 * 1024;
    static final double HEAP_TOLERANCE_RATIO = 0.20;
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final Duration SETTLE_STILL = Duration.ofMillis(500);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(15);
    private static final int GROWN_CLASSES_SHOWN = 8;
    /** Worker threads as Linux names them, cut to 15 characters. */
    private static final String WORKER_THREAD = "minihttp-worker";

    private Soak() {
    }

    /** How long, against which jar, with which JVM options for the server, and the seed of every random choice. */
    record Settings(Duration length, Duration warmUp, int writesPerSecond, Path jar, List<String> serverJvm, long seed) {
        Settings {
            if (warmUp.isNegative() || warmUp.compareTo(length) >= 0) {
                throw new IllegalArgumentException("the warm-up (" + warmUp.toSeconds() + " s) must be shorter than the run ("
                        + length.toSeconds() + " s)");
            }
        }

        static Settings parse(String[] args) {
            Map<String, String> given = ToolArguments.parse(args);
            String serverJvm = given.getOrDefault("server-jvm", "").strip();
            Settings settings = new Settings(Duration.ofSeconds(ToolArguments.number(given.remove("seconds"), 60, 5, 3600)),
                    Duration.ofSeconds(ToolArguments.number(given.remove("warm-up"), 10, 0, 3600)),
                    ToolArguments.number(given.remove("writes-per-second"), WRITES_PER_SECOND, 0, 1_000_000),
                    Path.of(given.getOrDefault("jar", "target/minihttp.jar")),
                    serverJvm.isEmpty() ? List.of() : List.of(serverJvm.split("\\s+")),
                    ToolArguments.number(given.remove("seed"), 1, 0, Integer.MAX_VALUE));
            given.remove("jar");
            given.remove("server-jvm");
            if (!given.isEmpty()) throw new IllegalArgumentException("unknown options: " + given.keySet());
            return settings;
        }

    }

    /**
     * The server at rest: open files (settled), live heap after a full collection, threads,
     * resident memory, and live bytes per class (to name what grew).
     */
    private record Sample(Map<String, Integer> openFilesByTarget, long liveHeapKiB, int threads, int workers, long rssKiB,
                          Map<String, Long> liveBytesByClass) {
        int openFiles() {
            return openFilesByTarget.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Selectors: an epoll instance and its wake-up eventfd each. */
        int selectorFiles() {
            return openFilesByTarget.getOrDefault("anon_inode:[eventpoll]", 0) + openFilesByTarget.getOrDefault("anon_inode:[eventfd]", 0);
        }

        int otherFiles() {
            return openFiles() - selectorFiles();
        }

        @Override
        public String toString() {
            return String.format("%d open files (%d of them selectors), live heap %.1f MiB, %d threads, VmRSS %d MiB", openFiles(),
                    selectorFiles(), liveHeapKiB / 1024.0, threads, rssKiB / 1024);
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
            checkEnvironment(settings);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("Soak: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<String> failures = run(settings);
        System.out.println(failures.isEmpty() ? "RESULT: PASS" : "RESULT: FAIL: " + failures.get(0));
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    static void checkEnvironment(Settings settings) throws IOException {
        if (!Files.isRegularFile(settings.jar())) {
            throw new IOException(settings.jar() + " not found; build it first: mvn -B -q package -DskipTests");
        }
        if (!Files.isDirectory(Path.of("/proc/self/fd"))) throw new IOException("needs Linux /proc");
        if (!Files.isExecutable(Path.of(System.getProperty("java.home"), "bin", "jcmd"))) {
            throw new IOException("needs jcmd (a JDK, not a JRE) to measure the server's heap");
        }
    }

    /**
     * Runs the soak, printing what it does and a summary; returns the failures, each in one line
     * (none: it passed).
     */
    static List<String> run(Settings settings) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("minihttp-soak");
        try {
            return run(settings, folder);
        } finally {
            deleteTree(folder);
        }
    }

    /** Everything measured, for the summary and the verdicts. */
    private record Figures(Settings settings, SoakLoad load, AcknowledgedWrites acknowledged, Sample start, Sample end,
                           Sample restarted, AcknowledgedWrites.Verification beforeRestart,
                           AcknowledgedWrites.Verification afterRestart, int firstExit, int secondExit, long errorLines,
                           long databaseBytes) {
        /**
         * The heap the end is compared with: the larger of the heap after the warm-up and the heap
         * of a fresh server on the same file, after it listed every item. The store's own
         * structures grow with what it holds (H2 keeps metadata for every chunk of its file in
         * memory); a fresh server holds the same and nothing of the soak's traffic, so what the
         * end holds beyond it is what the traffic left behind.
         */
        long referenceHeapKiB() {
            return Math.max(start.liveHeapKiB(), restarted.liveHeapKiB());
        }
    }

    private static List<String> run(Settings settings, Path folder) throws IOException, InterruptedException {
        SoakLoad.StaticContent files = SoakLoad.StaticContent.create(folder.resolve("static"), settings.seed());
        Path databaseFile = folder.resolve("db").resolve("items.mv.db");
        List<String> options = List.of("--db=file", "--db-path=" + folder.resolve("db").resolve("items"),
                "--static=" + folder.resolve("static"), "--quiet", "--idle-timeout=" + IDLE_TIMEOUT.toSeconds(),
                "--header-timeout=" + HEADER_TIMEOUT.toSeconds());
        AcknowledgedWrites acknowledged = new AcknowledgedWrites();
        SoakLoad load;
        Sample start;
        Sample end;
        AcknowledgedWrites.Verification beforeRestart;
        int firstExit;
        long errorLines;
        try (ServerProcess server = startServer(settings, options)) {
            System.out.printf("soak: server pid %d on %s, options %s%n", server.pid(), server.address(), options);
            if (!server.attach()) throw new IOException("jcmd cannot attach to the server");
            load = new SoakLoad(server.address(), files, acknowledged, HEADER_TIMEOUT, IDLE_TIMEOUT,
                    settings.writesPerSecond(), settings.seed());
            System.out.printf("warm-up: %d s, %d client threads of %d kinds at once%n", settings.warmUp().toSeconds(),
                    load.threads(), SoakLoad.Kind.values().length);
            load.start(settings.warmUp()).await();
            start = sample(server);
            System.out.println("after the warm-up, no client connected: " + start);

            Duration rest = settings.length().minus(settings.warmUp());
            long endNanos = System.nanoTime() + rest.toNanos();
            SoakLoad.Phase phase = load.start(rest);
            progress(server, load, acknowledged, databaseFile, endNanos);
            phase.await();
            end = sample(server);
            System.out.println("at the end, no client connected: " + end);

            beforeRestart = acknowledged.verify(server.address());
            System.out.println("before the restart: " + beforeRestart);
            errorLines = errorLines(server);
            firstExit = server.stop();
            System.out.printf("stopped by SIGTERM: exit code %d; database file %.1f MiB%n", firstExit,
                    fileSize(databaseFile) / 1048576.0);
        }
        Sample restarted;
        AcknowledgedWrites.Verification afterRestart;
        int secondExit;
        try (ServerProcess again = startServer(settings, options)) {
            afterRestart = acknowledged.verify(again.address());
            System.out.println("after a restart on the same file: " + afterRestart);
            restarted = sample(again);
            System.out.println("the restarted server, having listed every item: " + restarted);
            errorLines += errorLines(again);
            secondExit = again.stop();
        }
        Figures figures = new Figures(settings, load, acknowledged, start, end, restarted, beforeRestart, afterRestart,
                firstExit, secondExit, errorLines, fileSize(databaseFile));
        summary(figures);
        List<String> failures = verdicts(figures);
        failures.forEach(failure -> System.out.println("FAIL  " + failure));
        return failures;
    }

    private static List<String> verdicts(Figures figures) {
        List<String> failures = new ArrayList<>();
        figures.load().tallies().forEach((kind, tally) -> {
            if (tally.errors() > 0) failures.add(kind.label + ": " + tally.errors() + " error(s), first: " + tally.firstErrors());
            if (tally.requests() == 0) failures.add(kind.label + ": not one exchange completed");
        });
        Sample start = figures.start();
        Sample end = figures.end();
        if (end.otherFiles() > start.otherFiles() + OPEN_FILES_TOLERANCE) {
            failures.add("the server's open files other than selectors grew from " + start.otherFiles() + " to "
                    + end.otherFiles() + " (tolerance +" + OPEN_FILES_TOLERANCE + "): " + start.openFilesByTarget() + " -> "
                    + end.openFilesByTarget());
        }
        if (end.selectorFiles() > start.selectorFiles() + 2 * end.workers()) {
            failures.add("the server's selectors grew from " + start.selectorFiles() / 2 + " to " + end.selectorFiles() / 2
                    + ", more than one per worker thread (" + end.workers() + ")");
        }
        if (start.liveHeapKiB() < 0 || end.liveHeapKiB() < 0 || figures.restarted().liveHeapKiB() < 0) {
            failures.add("the server's heap could not be measured (jcmd GC.class_histogram)");
        } else if (end.liveHeapKiB() > figures.referenceHeapKiB() + heapTolerance(figures.referenceHeapKiB())) {
            failures.add(String.format("the server's live heap grew to %.1f MiB, from %.1f after the warm-up (%.1f for a fresh"
                            + " server holding the same items; tolerance +%.1f MiB)", end.liveHeapKiB() / 1024.0,
                    start.liveHeapKiB() / 1024.0, figures.restarted().liveHeapKiB() / 1024.0,
                    heapTolerance(figures.referenceHeapKiB()) / 1024.0));
        }
        if (!figures.beforeRestart().allPresent()) {
            failures.add("acknowledged writes lost before the restart: " + figures.beforeRestart());
        }
        if (!figures.afterRestart().allPresent()) {
            failures.add("acknowledged writes lost across the restart: " + figures.afterRestart());
        }
        if (figures.firstExit() != 0 || figures.secondExit() != 0) {
            failures.add("the server exited with " + figures.firstExit() + " and " + figures.secondExit() + " on SIGTERM, not 0");
        }
        if (figures.errorLines() > 0) {
            failures.add("the server logged " + figures.errorLines() + " ERROR line(s) (above, after server>)");
        }
        return failures;
    }

    private static long errorLines(ServerProcess server) {
        return server.laterOutput().stream().filter(line -> line.contains(" ERROR ")).count();
    }

    private static ServerProcess startServer(Settings settings, List<String> options) throws IOException {
        return ServerProcess.start(settings.serverJvm(), settings.jar().toAbsolutePath(), options, START_LIMIT);
    }

    static long heapTolerance(long startKiB) {
        return Math.max(HEAP_TOLERANCE_KIB, (long) (startKiB * HEAP_TOLERANCE_RATIO));
    }

    /**
     * A line every {@link #PROGRESS_EVERY} until the phase ends: what the clients did, and what the
     * server holds under load (its live heap after a full collection, which pauses it briefly).
     */
    private static void progress(ServerProcess server, SoakLoad load, AcknowledgedWrites acknowledged, Path databaseFile,
                                 long endNanos) throws InterruptedException {
        long started = System.nanoTime();
        long next = started + PROGRESS_EVERY.toNanos();
        while (next - endNanos < 0) {
            Thread.sleep(Math.max(1, (next - System.nanoTime()) / 1_000_000));
            long requests = load.tallies().values().stream().mapToLong(SoakLoad.Tally::requests).sum();
            long errors = load.tallies().values().stream().mapToLong(SoakLoad.Tally::errors).sum();
            ServerProcess.Status status = server.status();
            int openFiles = server.openFiles();
            long liveHeapKiB = liveKiB(server.liveBytesByClass());
            System.out.printf("  %3d s: %d requests, %d errors, %d items written; server under load: %d open files,"
                            + " %d threads, VmRSS %d MiB, live heap %.1f MiB, database file %.1f MiB%n",
                    (next - started) / 1_000_000_000L, requests, errors, acknowledged.size(), openFiles, status.threads(),
                    status.rssKiB() / 1024, liveHeapKiB / 1024.0, fileSize(databaseFile) / 1048576.0);
            next += PROGRESS_EVERY.toNanos();
        }
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The live heap: the bytes of every object left after a full collection, summed over the
     * class histogram; -1 if there is none. Unlike G1's "used" it does not count the unused rest
     * of regions, which moves by megabytes from one collection to the next.
     */
    private static long liveKiB(Map<String, Long> liveBytesByClass) {
        return liveBytesByClass.isEmpty() ? -1 : liveBytesByClass.values().stream().mapToLong(Long::longValue).sum() / 1024;
    }

    /** Measures the server at rest; the full collection comes last, as it stops the server for a moment. */
    private static Sample sample(ServerProcess server) throws InterruptedException {
        awaitOpenFilesStill(server);
        Map<String, Integer> byTarget = server.openFilesByTarget();
        ServerProcess.Status status = server.status();
        int workers = server.threadNames().getOrDefault(WORKER_THREAD, 0);
        Map<String, Long> liveBytes = server.liveBytesByClass();
        return new Sample(byTarget, liveKiB(liveBytes), status.threads(), workers, status.rssKiB(), liveBytes);
    }

    /**
     * Waits until the server's count of open files has held still for {@link #SETTLE_STILL}: the
     * clients have just closed their connections, and the server closes its ends as it notices.
     * At most {@link #SETTLE_LIMIT}; the count then is what it is.
     */
    private static void awaitOpenFilesStill(ServerProcess server) throws InterruptedException {
        long limit = System.nanoTime() + SETTLE_LIMIT.toNanos();
        int count = server.openFiles();
        long stillSince = System.nanoTime();
        while (System.nanoTime() - limit < 0 && System.nanoTime() - stillSince < SETTLE_STILL.toNanos()) {
            Thread.sleep(100);
            int now = server.openFiles();
            if (now != count) {
                count = now;
                stillSince = System.nanoTime();
            }
        }
    }

    private static void summary(Figures figures) {
        Settings settings = figures.settings();
        Sample start = figures.start();
        Sample end = figures.end();
        System.out.printf("summary: %d s (%d s warm-up), writes paced at %d/s, seed %d, server options --idle-timeout=%d"
                        + " --header-timeout=%d%n", settings.length().toSeconds(), settings.warmUp().toSeconds(),
                settings.writesPerSecond(), settings.seed(), IDLE_TIMEOUT.toSeconds(), HEADER_TIMEOUT.toSeconds());
        System.out.printf("  %-30s %9s %7s  %s%n", "client kind (threads)", "requests", "errors", "how they ended");
        figures.load().tallies().forEach((kind, tally) -> System.out.printf("  %-30s %9d %7d  %s%n",
                kind.label + " (" + kind.threads + ")", tally.requests(), tally.errors(),
                tally.outcomes().isEmpty() ? "" : tally.outcomes()));
        System.out.printf("  open files other than selectors: %d after the warm-up, %d at the end (tolerance +%d);"
                        + " selectors: %d, then %d (at most one more per worker thread, %d)%n", start.otherFiles(),
                end.otherFiles(), OPEN_FILES_TOLERANCE, start.selectorFiles() / 2, end.selectorFiles() / 2, end.workers());
        System.out.println("  open files by target, after the warm-up: " + start.openFilesByTarget() + "; at the end: "
                + end.openFilesByTarget());
        System.out.printf("  live heap after a full GC: %.1f MiB after the warm-up, %.1f MiB at the end, %.1f MiB for a fresh"
                        + " server on the same file (tolerance +%.1f MiB over the larger of the first and the last)%n",
                start.liveHeapKiB() / 1024.0, end.liveHeapKiB() / 1024.0, figures.restarted().liveHeapKiB() / 1024.0,
                heapTolerance(figures.referenceHeapKiB()) / 1024.0);
        System.out.println("  classes whose live bytes grew most from the warm-up to the end: " + grownClasses(start, end));
        System.out.println("  classes with more live bytes at the end than in a fresh server on the same file: "
                + grownClasses(figures.restarted(), end));
        System.out.printf("  threads: %d after the warm-up, %d at the end; VmRSS %d MiB, then %d MiB%n", start.threads(),
                end.threads(), start.rssKiB() / 1024, end.rssKiB() / 1024);
        System.out.printf("  acknowledged writes: %d (%.1f MiB of JSON), database file %.1f MiB; listed byte for byte before"
                        + " the restart: %d, after: %d; exit codes on SIGTERM: %d, %d%n", figures.acknowledged().size(),
                figures.acknowledged().bytes() / 1048576.0, figures.databaseBytes() / 1048576.0,
                figures.beforeRestart().matched(), figures.afterRestart().matched(), figures.firstExit(), figures.secondExit());
    }

    /** The classes with the most more live bytes at the end than after the warm-up, most first, in KiB. */
    private static String grownClasses(Sample start, Sample end) {
        return end.liveBytesByClass().entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), entry.getValue() - start.liveBytesByClass().getOrDefault(entry.getKey(), 0L)))
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(GROWN_CLASSES_SHOWN)
                .map(entry -> entry.getKey() + " +" + entry.getValue() / 1024 + " KiB")
                .collect(Collectors.joining(", "));
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
