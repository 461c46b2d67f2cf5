package minihttp.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real server, {@code java <JVM options> -jar <jar> --port=0 <options>}, as a child process, so that a
 * load tool can read what the kernel says about it: threads, resident memory, open files, CPU
 * time (Linux {@code /proc/<pid>}). {@link #start} returns once the server printed its listening
 * line (the port it picked is read from that line, so no free port has to be guessed);
 * {@link #close} stops exactly that process: SIGTERM, then SIGKILL after a grace period. Every
 * line the server prints after the listening line is echoed with a {@code server> } prefix and
 * kept. Thread-safe.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://([^/:]+):(\\d+)/");
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration JCMD_LIMIT = Duration.ofSeconds(30);
    /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every common architecture. */
    private static final long TICKS_PER_SECOND = 100;

    private final Process process;
    private final InetSocketAddress address;
    private final List<String> laterOutput;

    private ServerProcess(Process process, InetSocketAddress address, List<String> laterOutput) {
        this.process = process;
        this.address = address;
        this.laterOutput = laterOutput;
    }

    /** Kernel figures for the process at one moment. */
    record Status(int threads, long rssKiB, long peakRssKiB) {
    }

    /**
     * Starts the server and waits up to {@code startLimit} for its listening line.
     *
     * @throws IOException if it cannot be started, exits, or does not listen in time (it is then killed)
     */
    static ServerProcess start(List<String> jvmOptions, Path jar, List<String> options, Duration startLimit)
            throws IOException {
        return start(jvmOptions, jar, options, Map.of(), startLimit);
    }

    /** The same with these variables added to the server's environment. */
    static ServerProcess start(List<String> jvmOptions, Path jar, List<String> options, Map<String, String> environment,
                               Duration startLimit) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--port=0");
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<InetSocketAddress> listening = new CompletableFuture<>();
        List<String> early = new ArrayList<>();
        List<String> later = new ArrayList<>();
        Thread reader = new Thread(() -> readOutput(process, listening, early, later), "server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServerProcess(process, listening.get(startLimit.toMillis(), TimeUnit.MILLISECONDS), later);
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            synchronized (early) {
                throw new IOException("the server did not start listening within " + startLimit.toSeconds()
                        + " s; it printed: " + early, e);
            }
        }
    }

    private static void readOutput(Process process, CompletableFuture<InetSocketAddress> listening,
                                   List<String> early, List<String> later) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (listening.isDone()) {
                    System.out.println("server> " + line);
                    synchronized (later) {
                        later.add(line);
                    }
                    continue;
                }
                synchronized (early) {
                    early.add(line);
                }
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    listening.complete(new InetSocketAddress(matcher.group(1), Integer.parseInt(matcher.group(2))));
                }
            }
        } catch (IOException e) {
            // the process is gone; whoever waits learns it below
        }
        listening.completeExceptionally(new IOException("the server exited before listening"));
    }

    long pid() {
        return process.pid();
    }

    InetSocketAddress address() {
        return address;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Lines the server printed after its listening line (warnings, errors), so far. */
    List<String> laterOutput() {
        synchronized (laterOutput) {
            return List.copyOf(laterOutput);
        }
    }

    /** {@code Threads:}, {@code VmRSS:} and {@code VmHWM:} from {@code /proc/<pid>/status}. */
    Status status() {
        int threads = -1;
        long rss = -1;
        long peak = -1;
        for (String line : readLines(proc("status"))) {
            if (line.startsWith("Threads:")) threads = (int) firstNumber(line);
            else if (line.startsWith("VmRSS:")) rss = firstNumber(line);
            else if (line.startsWith("VmHWM:")) peak = firstNumber(line);
        }
        return new Status(threads, rss, peak);
    }

    /**
     * How many threads carry each name ({@code /proc/<pid>/task/<tid>/comm}, which Linux cuts to
     * 15 characters), to tell which kind of thread appeared when the count changes.
     */
    Map<String, Integer> threadNames() {
        Map<String, Integer> names = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(proc("task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    names.merge(Files.readString(task.resolve("comm")).strip(), 1, Integer::sum);
                } catch (IOException e) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Entries in {@code /proc/<pid>/fd}: sockets, jar and log files. */
    int openFiles() {
        try (Stream<Path> files = Files.list(proc("fd"))) {
            return (int) files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Open files by what they are: {@code socket}, {@code pipe}, {@code anon_inode:[eventpoll]}
     * and the like, or a file's path; to tell which kind appeared when the count changes.
     */
    Map<String, Integer> openFilesByTarget() {
        Map<String, Integer> targets = new TreeMap<>();
        try (Stream<Path> files = Files.list(proc("fd"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                try {
                    String target = Files.readSymbolicLink(file).toString();
                    targets.merge(target.replaceFirst("^(socket|pipe):\\[\\d+]$", "$1"), 1, Integer::sum);
                } catch (IOException e) {
                    // closed while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return targets;
    }

    /** User plus system CPU time used so far, from {@code /proc/<pid>/stat}. */
    Duration cpuTime() {
        String stat = readLines(proc("stat")).get(0);
        // Fields after the command name, which is in parentheses and may hold spaces: state is the
        // first, utime and stime the 12th and 13th (fields 14 and 15 of proc(5)).
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }

    /**
     * The heap in use right after a full collection, i.e. the live data, in KiB: {@code jcmd <pid>
     * GC.run}, then {@code GC.heap_info}. It stops the server's threads for the collection, so
     * call it after measuring. Empty if {@code jcmd} is missing or fails.
     */
    Optional<Long> liveHeapKiB() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) return Optional.empty();
        try {
            jcmd(jcmd, "GC.run");
            Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(jcmd(jcmd, "GC.heap_info"));
            return used.find() ? Optional.of(Long.parseLong(used.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Bytes of live objects per class, from {@code jcmd <pid> GC.class_histogram} (which runs a
     * full collection first): their sum is the live heap to the byte, and the classes tell what
     * grew between two moments. Empty if {@code jcmd} is missing or fails.
     */
    Map<String, Long> liveBytesByClass() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) return Map.of();
        try {
            // "   1:         12345        6789012  java.lang.String (java.base@17)"
            Matcher row = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)").matcher(jcmd(jcmd, "GC.class_histogram"));
            Map<String, Long> bytes = new TreeMap<>();
            while (row.find()) bytes.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
            return bytes;
        } catch (IOException e) {
            return Map.of();
        }
    }

    /**
     * Has the JVM start its attach listener, with a cheap {@code jcmd VM.version}: the listener
     * keeps a socket open from then on, so open files counted after this call do not change when
     * {@code jcmd} is first used. False if {@code jcmd} is missing or fails.
     */
    boolean attach() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) return false;
        try {
            jcmd(jcmd, "VM.version");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String jcmd(Path jcmd, String command) throws IOException {
        // Output to a file, not a pipe, so that a hung jcmd cannot block the read past the limit.
        Path output = Files.createTempFile("jcmd", ".txt");
        Process run = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            boolean done = run.waitFor(JCMD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (!done || run.exitValue() != 0) throw new IOException("jcmd " + command + " failed: " + text);
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            run.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }

    /**
     * Stops the server: SIGTERM to this process only, then SIGKILL if it has not exited within the
     * grace period. Returns its exit code (143 or 137 when killed by the signal).
     */
    int stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                System.out.println("server did not stop within " + STOP_GRACE.toSeconds() + " s; killing pid " + pid());
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) stop();
    }

    private Path proc(String name) {
        return Path.of("/proc", Long.toString(process.pid()), name);
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (has the server exited?)", e);
        }
    }

    private static long firstNumber(String line) {
        Matcher matcher = Pattern.compile("\\d+").matcher(line);
        if (!matcher.find()) throw new IllegalStateException("no number in: " + line);
        return Long.parseLong(matcher.group());
    }
}
