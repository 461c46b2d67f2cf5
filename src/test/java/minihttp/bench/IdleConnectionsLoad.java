package minihttp.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether idle keep-alive connections cost the active ones: the real server runs as a child
 * process; {@code --active} connections run {@code GET /echo} back to back (phase 1, the
 * baseline), then {@code --idle} more connections are opened, each served one request and then
 * left idle, and the same load runs again beside them (phase 2). Targets, each printed as PASS
 * or FAIL, the exit code 1 if any fails:
 *
 * <ul>
 *   <li>phase 2 answers at least 80% of the requests per second of phase 1;</li>
 *   <li>no error anywhere (a non-200, a malformed answer, a close, a socket error, a stall);</li>
 *   <li>the server's thread count at its peak in phase 2 is no higher than in phase 1, the JVM's
 *       on-demand GC and JIT threads aside (their names are printed when they appear);</li>
 *   <li>the server's peak resident memory (VmHWM) stays under 512 MiB;</li>
 *   <li>every idle connection is still open at the end and answers one more request.</li>
 * </ul>
 *
 * Not a test (Surefire never runs it); it needs Linux ({@code /proc}), loopback, and a limit of
 * open files above {@code --idle} + {@code --active} for each of the two processes. Run it by
 * hand after building the jar:
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * java -cp target/test-classes minihttp.bench.IdleConnectionsLoad
 * </pre>
 *
 * Options, with their defaults: {@code --idle=10000 --active=64 --seconds=10} (measured, per
 * phase) {@code --warm-up=5} (per phase, before measuring) {@code --jit-warm-up=20} (once, before
 * phase 1: on a busy machine the server's JIT needs well over 5 s to reach its pace, and a baseline
 * taken before that would make the ratio look better than it is) {@code --jar=target/minihttp.jar
 * --server-jvm=""} (JVM options for the server, space-separated, e.g. {@code "-Xmx256m"}).
 *
 * One selector thread drives every client connection, so the client has the same cost in both
 * phases: the idle connections sit unregistered between their requests. The server is started
 * with {@code --idle-timeout=600} so that none is closed for idleness during the run, with
 * {@code --max-connections} and {@code --max-connections-per-client} raised to what the run opens
 * (all from 127.0.0.1), and stopped (SIGTERM, then SIGKILL) at the end or on any failure.
 */
public final class IdleConnectionsLoad {
    private static final double MIN_THROUGHPUT_RATIO = 0.80;
    private static final long MAX_PEAK_RSS_KIB = 512 * 1024;
    /** New idle connections opened, then served, this many at a time: well under the server's backlog. */
    private static final int IDLE_BATCH = 500;
    /** Descriptors the client needs beyond its sockets: jars, the JDK's own files. */
    private static final int SPARE_FILES = 200;
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    /** Thread names (cut to 15 characters by Linux) of the JVM's own threads that it adds on demand. */
    private static final List<String> JVM_ON_DEMAND = List.of("G1 Refine#", "C1 CompilerThre", "C2 CompilerThre",
            "GC Thread#", "G1 Conc#");
    private static final List<String> SERVER_OPTIONS = List.of("--db=mem", "--quiet", "--idle-timeout=600");

    private IdleConnectionsLoad() {
    }

    private record Settings(Path jar, List<String> serverJvm, int idle, int active, Duration measured, Duration warmUp,
                            Duration jitWarmUp) {
        static Settings parse(String[] args) {
            Map<String, String> given = ToolArguments.parse(args);
            String serverJvm = given.getOrDefault("server-jvm", "").strip();
            Settings settings = new Settings(Path.of(given.getOrDefault("jar", "target/minihttp.jar")),
                    serverJvm.isEmpty() ? List.of() : List.of(serverJvm.split("\\s+")),
                    ToolArguments.number(given.remove("idle"), 10_000, 0, 50_000),
                    ToolArguments.number(given.remove("active"), 64, 1, 1_000),
                    Duration.ofSeconds(ToolArguments.number(given.remove("seconds"), 10, 1, 600)),
                    Duration.ofSeconds(ToolArguments.number(given.remove("warm-up"), 5, 0, 600)),
                    Duration.ofSeconds(ToolArguments.number(given.remove("jit-warm-up"), 20, 0, 600)));
            given.remove("jar");
            given.remove("server-jvm");
            if (!given.isEmpty()) throw new IllegalArgumentException("unknown options: " + given.keySet());
            return settings;
        }

    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
            checkEnvironment(settings);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("IdleConnectionsLoad: " + e.getMessage());
            System.exit(2);
            return;
        }
        boolean passed;
        try (ServerProcess server = ServerProcess.start(settings.serverJvm(), settings.jar(), serverOptions(settings),
                START_LIMIT)) {
            Thread hook = new Thread(server::close, "stop-server");
            Runtime.getRuntime().addShutdownHook(hook);
            passed = run(settings, server);
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        System.out.println("RESULT: " + (passed ? "PASS" : "FAIL"));
        System.exit(passed ? 0 : 1);
    }

    /**
     * Every connection comes from 127.0.0.1, and there may be more than the default limits allow:
     * both are raised to what the run opens, plus a few to spare.
     */
    private static List<String> serverOptions(Settings settings) {
        int connections = settings.idle() + settings.active() + 16;
        List<String> options = new ArrayList<>(SERVER_OPTIONS);
        options.add("--max-connections=" + connections);
        options.add("--max-connections-per-client=" + connections);
        return options;
    }

    private static void checkEnvironment(Settings settings) throws IOException {
        if (!Files.isRegularFile(settings.jar())) {
            throw new IOException(settings.jar() + " not found; build it first: mvn -B -q package -DskipTests");
        }
        if (!Files.isDirectory(Path.of("/proc/self"))) throw new IOException("needs Linux /proc");
        long limit = openFilesLimit();
        long needed = (long) settings.idle() + settings.active() + SPARE_FILES;
        if (limit < needed) {
            throw new IOException("the open-files limit is " + limit + " but " + needed + " are needed (ulimit -n)");
        }
    }

    /** The soft limit; the JVM has already raised it to the hard one at start (-XX:+MaxFDLimit). */
    private static long openFilesLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).strip().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        throw new IOException("no open-files limit in /proc/self/limits");
    }

    private static boolean run(Settings settings, ServerProcess server) throws IOException {
        System.out.printf("server pid %d listening on %s, JVM options %s, options %s%n", server.pid(),
                server.address(), settings.serverJvm(), serverOptions(settings));
        EchoLoad client = new EchoLoad(server.address());
        List<SocketChannel> active = new ArrayList<>();
        List<SocketChannel> idle = new ArrayList<>();
        long errors = 0;
        try (PeakWatch watch = new PeakWatch(server)) {
            ServerProcess.Status atStart = server.status();
            System.out.printf("server at start: %d threads, VmRSS %d MiB%n", atStart.threads(), atStart.rssKiB() / 1024);

            active.addAll(client.connect(settings.active()));
            EchoLoad.Tally jit = client.load(active, "hello", settings.jitWarmUp());
            errors += jit.errors();
            System.out.println("JIT warm-up, answers per second: " + Arrays.toString(jit.perSecond()));
            report("  JIT warm-up", jit);
            watch.takePeak();
            Phase baseline = Phase.run("phase 1: " + settings.active() + " active", client, active, server, settings);
            errors += baseline.errors();
            Peak peakBefore = watch.takePeak();
            Map<String, Integer> namesBefore = server.threadNames();

            long openStart = System.nanoTime();
            long idleErrors = 0;
            for (int opened = 0; opened < settings.idle(); opened += IDLE_BATCH) {
                List<SocketChannel> batch = client.connect(Math.min(IDLE_BATCH, settings.idle() - opened));
                idle.addAll(batch);
                EchoLoad.Tally first = client.once(batch, "idle");
                idleErrors += first.errors();
                report("  opening idle", first);
            }
            errors += idleErrors;
            ServerProcess.Status withIdle = server.status();
            System.out.printf("opened %d idle connections in %.1f s, errors %d; server now %d threads, VmRSS %d MiB,"
                            + " %d open files%n", idle.size(), (System.nanoTime() - openStart) / 1e9, idleErrors,
                    withIdle.threads(), withIdle.rssKiB() / 1024, server.openFiles());

            int replaced = replaceClosed(client, active);
            if (replaced > 0) System.out.println("reopened " + replaced + " active connection(s) closed in phase 1");
            Phase loaded = Phase.run("phase 2: " + settings.active() + " active + " + idle.size() + " idle", client,
                    active, server, settings);
            errors += loaded.errors();

            int stillOpen = countStillOpen(idle);
            EchoLoad.Tally last = client.once(idle, "idle-again");
            errors += last.errors();
            report("  idle, one more request", last);
            Peak peakAfter = watch.takePeak();
            Map<String, Integer> namesAfter = server.threadNames();
            ServerProcess.Status atEnd = server.status();
            System.out.printf("idle at the end: %d of %d still open, %d answered one more request%n",
                    stillOpen, settings.idle(), last.answers());
            Map<String, Integer> grown = grownNames(namesBefore, namesAfter);
            System.out.printf("server threads: at start %d, peak in phase 1 %d, peak in phase 2 %d, at end %d;"
                            + " minihttp's own %d after phase 1, %d at end; more threads named %s%n",
                    atStart.threads(), peakBefore.threads(), peakAfter.threads(), atEnd.threads(),
                    ownThreads(namesBefore), ownThreads(namesAfter), grown);
            System.out.printf("server memory: VmRSS %d MiB at end (peak sampled %d MiB), VmHWM %d MiB; open files %d%n",
                    atEnd.rssKiB() / 1024, peakAfter.rssKiB() / 1024, atEnd.peakRssKiB() / 1024, server.openFiles());
            // After every figure above: the full collection stops the server for a moment.
            server.liveHeapKiB().ifPresent(live -> System.out.printf(
                    "server live heap after a full GC (jcmd): %d MiB; the rest of the RSS is heap the JVM keeps,"
                            + " GC structures, code and metaspace%n", live / 1024));
            List<String> serverLines = server.laterOutput();
            System.out.println("server printed " + serverLines.size() + " line(s) during the run");

            double ratio = loaded.tally().rate() / baseline.tally().rate();
            boolean[] results = {
                    verdict(ratio >= MIN_THROUGHPUT_RATIO, String.format("throughput with idle >= %.0f%% of baseline: %.1f%%"
                            + " (%.0f vs %.0f req/s)", MIN_THROUGHPUT_RATIO * 100, ratio * 100,
                            loaded.tally().rate(), baseline.tally().rate())),
                    verdict(errors == 0, "no errors: " + errors),
                    verdict(threadsHeld(peakBefore, peakAfter, namesBefore, namesAfter, grown),
                            "server threads did not grow: peak " + peakBefore.threads() + " without idle, "
                            + peakAfter.threads() + " with idle; minihttp's own " + ownThreads(namesBefore) + " -> "
                            + ownThreads(namesAfter) + "; grown " + grown + " (the JVM's on-demand GC and JIT"
                            + " threads may come and go)"),
                    verdict(atEnd.peakRssKiB() < MAX_PEAK_RSS_KIB, "server peak RSS (VmHWM) < 512 MiB: "
                            + atEnd.peakRssKiB() / 1024 + " MiB"),
                    verdict(stillOpen == settings.idle() && last.answers() == settings.idle(), "all " + settings.idle()
                            + " idle connections still open and answering: " + stillOpen + " open, " + last.answers()
                            + " answered"),
            };
            long stopStart = System.nanoTime();
            int exit = server.stop();
            System.out.printf("server stopped with exit code %d in %.1f s%n", exit, (System.nanoTime() - stopStart) / 1e9);
            for (boolean result : results) {
                if (!result) return false;
            }
            return true;
        } finally {
            EchoLoad.closeAll(active);
            EchoLoad.closeAll(idle);
        }
    }

    /**
     * One load run: a warm-up, then the measured part, with the server's CPU time and the client
     * thread's over the measured part only. On a shared machine the requests per server
     * CPU-second vary less than the requests per second, and CPU use near 100% of a core on the
     * client thread would mean the client, not the server, set the pace.
     */
    private record Phase(EchoLoad.Tally tally, long errors) {
        static Phase run(String name, EchoLoad client, List<SocketChannel> active, ServerProcess server,
                         Settings settings) throws IOException {
            EchoLoad.Tally warmUp = client.load(active, "hello", settings.warmUp());
            report("  " + name + ", warm-up", warmUp);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long clientCpu = threads.getCurrentThreadCpuTime();
            Duration serverCpu = server.cpuTime();
            long start = System.nanoTime();
            EchoLoad.Tally tally = client.load(active, "hello", settings.measured());
            double wall = (System.nanoTime() - start) / 1e9;
            double serverSeconds = server.cpuTime().minus(serverCpu).toNanos() / 1e9;
            double clientSeconds = (threads.getCurrentThreadCpuTime() - clientCpu) / 1e9;
            System.out.printf("%s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, errors %d;"
                            + " CPU: server %.0f%%, client thread %.0f%% of a core; %.0f req per server CPU-second%n",
                    name, tally.rate(), tally.latencyMicros(0.5) / 1e3, tally.latencyMicros(0.99) / 1e3,
                    tally.latencyMicros(1.0) / 1e3, warmUp.errors() + tally.errors(), serverSeconds / wall * 100,
                    clientSeconds / wall * 100, tally.answers() / serverSeconds);
            System.out.println("  answers per second: " + Arrays.toString(tally.perSecond()));
            report("  " + name, tally);
            return new Phase(tally, warmUp.errors() + tally.errors());
        }
    }

    private static void report(String what, EchoLoad.Tally tally) {
        if (tally.errors() > 0) System.out.println(what + ": " + tally.errors() + " error(s), first: " + tally.firstErrors());
    }

    private static boolean verdict(boolean passed, String target) {
        System.out.println((passed ? "PASS  " : "FAIL  ") + target);
        return passed;
    }

    /** Replaces connections closed by an error with new ones; returns how many. */
    private static int replaceClosed(EchoLoad client, List<SocketChannel> connections) throws IOException {
        int closed = (int) connections.stream().filter(channel -> !channel.isOpen()).count();
        connections.removeIf(channel -> !channel.isOpen());
        connections.addAll(client.connect(closed));
        return closed;
    }

    /**
     * Connections still open: a non-blocking read finds nothing. End of stream means the server
     * closed it; bytes mean it sent something unasked. Either way the connection is closed here.
     */
    private static int countStillOpen(List<SocketChannel> connections) {
        ByteBuffer scratch = ByteBuffer.allocate(1);
        int open = 0;
        for (SocketChannel channel : connections) {
            try {
                scratch.clear();
                if (channel.isOpen() && channel.read(scratch) == 0) {
                    open++;
                    continue;
                }
            } catch (IOException e) {
                // reset by the server: not open
            }
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        return open;
    }

    /** Threads the server names itself (acceptor, I/O loops, workers), as opposed to the JVM's. */
    private static int ownThreads(Map<String, Integer> names) {
        return names.entrySet().stream().filter(entry -> entry.getKey().startsWith("minihttp"))
                .mapToInt(Map.Entry::getValue).sum();
    }

    /**
     * The thread count held if the peak did not rise, or if it rose only by threads the JVM starts
     * and stops on its own (G1 refinement, JIT compilers: at most one per core each, never one per
     * client) while minihttp's own threads stayed as they were.
     */
    private static boolean threadsHeld(Peak before, Peak after, Map<String, Integer> namesBefore,
                                       Map<String, Integer> namesAfter, Map<String, Integer> grown) {
        if (ownThreads(namesAfter) > ownThreads(namesBefore)) return false;
        boolean onlyJvm = grown.keySet().stream().allMatch(name -> JVM_ON_DEMAND.stream().anyMatch(name::startsWith));
        int jvmAdded = grown.values().stream().mapToInt(Integer::intValue).sum();
        return onlyJvm && after.threads() - before.threads() <= jvmAdded;
    }

    /** Names (as {@code comm} shows them) with more threads after than before: how many more. */
    private static Map<String, Integer> grownNames(Map<String, Integer> before, Map<String, Integer> after) {
        Map<String, Integer> grown = new TreeMap<>();
        after.forEach((name, count) -> {
            int was = before.getOrDefault(name, 0);
            if (count > was) grown.put(name, count - was);
        });
        return grown;
    }

    private record Peak(int threads, long rssKiB) {
    }

    /** Samples the server's thread count and RSS every 100 ms on one daemon thread, keeping the maxima. */
    private static final class PeakWatch implements AutoCloseable {
        private final ServerProcess server;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "peak-watch");
            thread.setDaemon(true);
            return thread;
        });
        private int maxThreads;
        private long maxRssKiB;

        PeakWatch(ServerProcess server) {
            this.server = server;
            timer.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
        }

        private synchronized void sample() {
            if (!server.isAlive()) return;
            try {
                ServerProcess.Status status = server.status();
                maxThreads = Math.max(maxThreads, status.threads());
                maxRssKiB = Math.max(maxRssKiB, status.rssKiB());
            } catch (RuntimeException e) {
                // the server is exiting; the run reports it
            }
        }

        /** The maxima since the last call, this moment included; starts over. */
        synchronized Peak takePeak() {
            sample();
            Peak peak = new Peak(maxThreads, maxRssKiB);
            maxThreads = 0;
            maxRssKiB = 0;
            return peak;
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
