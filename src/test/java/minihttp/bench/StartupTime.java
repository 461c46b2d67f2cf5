package minihttp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Start-up time as a user sees it: from spawning {@code java -jar target/minihttp.jar} to the
 * first {@code 200} on {@code GET /}, for {@code --db=mem}, {@code --db=file} on a fresh file, and
 * {@code --db=file} on the file the fresh start left (after a graceful stop). Not a test; run it
 * by hand after {@code mvn -B package}, it prints figures:
 *
 * <pre>
 * [chrt -r 5] java [-Dwrapper="chrt -r 10"] src/test/java/minihttp/bench/StartupTime.java [RUNS [JAR...]]
 * </pre>
 *
 * RUNS defaults to 10, JAR to target/minihttp.jar. {@code -Dwrapper} puts a command before
 * {@code java}: on a machine busy with other work, {@code chrt -r 10} (round-robin real-time
 * priority, root only) lets the servers run nearly as on an idle machine, and {@code chrt -r 5}
 * keeps this program's polling from waiting behind that work; without them the figures include
 * the wait for the other work.
 *
 * Given several jars (a copy of the jar before a change, and after), it compares them. Rounds
 * interleave the jars and the three kinds, so drift on a shared machine hits all alike. For each
 * it prints the median and range of the wall time, and the median CPU time the process had used
 * by then (all threads; less disturbed than the wall time by other work on the machine).
 * Loopback only; every wait is bounded; it stops only the processes it started, through their
 * own handles, and deletes its temporary folder.
 */
public final class StartupTime {
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long POLL_MILLIS = 2;
    private static final byte[] REQUEST =
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private enum Kind {
        MEM("mem"), FILE_FRESH("file (fresh)"), FILE_EXISTING("file (existing)");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One start: wall time to the first 200, and the CPU time the process had used by then. */
    private record Sample(double wallMillis, double cpuMillis) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<Path> jars = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            jars.add(Paths.get(args[i]).toAbsolutePath());
        }
        if (jars.isEmpty()) {
            jars.add(Paths.get("target/minihttp.jar").toAbsolutePath());
        }
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException(jar + " does not exist; run mvn -B package first");
            }
        }
        // samples[jar][kind]
        List<List<List<Sample>>> samples = new ArrayList<>();
        for (int j = 0; j < jars.size(); j++) {
            List<List<Sample>> byKind = new ArrayList<>();
            for (int k = 0; k < Kind.values().length; k++) {
                byKind.add(new ArrayList<>());
            }
            samples.add(byKind);
        }
        Path folder = Files.createTempDirectory("minihttp-startup");
        try {
            for (int round = 0; round < runs; round++) {
                for (int j = 0; j < jars.size(); j++) {
                    List<List<Sample>> byKind = samples.get(j);
                    byKind.get(Kind.MEM.ordinal()).add(startAndStop(jars.get(j), folder, List.of("--db=mem")));
                    List<String> file = List.of("--db=file", "--db-path=" + folder.resolve("items-" + round + "-" + j));
                    byKind.get(Kind.FILE_FRESH.ordinal()).add(startAndStop(jars.get(j), folder, file));
                    byKind.get(Kind.FILE_EXISTING.ordinal()).add(startAndStop(jars.get(j), folder, file));
                }
            }
        } finally {
            deleteTree(folder);
        }
        System.out.printf("spawn to first 200 on GET /, %d runs each%n", runs);
        for (int j = 0; j < jars.size(); j++) {
            System.out.println(jars.get(j));
            for (Kind kind : Kind.values()) {
                List<Sample> these = samples.get(j).get(kind.ordinal());
                double[] wall = sorted(these, Sample::wallMillis);
                System.out.printf("  %-16s median %5.0f ms, range %5.0f-%5.0f ms, CPU median %5.0f ms  %s%n", kind.label,
                        median(wall), wall[0], wall[wall.length - 1], median(sorted(these, Sample::cpuMillis)),
                        Arrays.toString(these.stream().mapToLong(sample -> Math.round(sample.wallMillis())).toArray()));
            }
        }
    }

    /** Starts the jar, times it to the first 200, then stops it with SIGTERM and waits for the exit. */
    private static Sample startAndStop(Path jar, Path folder, List<String> options) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>();
        String wrapper = System.getProperty("wrapper", "").strip();
        if (!wrapper.isEmpty()) {
            command.addAll(List.of(wrapper.split("\\s+")));
        }
        command.addAll(List.of(javaExecutable(), "-jar", jar.toString(), "--host=127.0.0.1", "--port=" + port));
        command.addAll(options);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            long wall = untilFirstOk(process, port, start) - start;
            long cpu = process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
            return new Sample(wall / 1e6, cpu);
        } finally {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static long untilFirstOk(Process process, int port, long start) throws Exception {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        while (System.nanoTime() - start < START_TIMEOUT_NANOS) {
            if (!process.isAlive()) {
                throw new IllegalStateException("minihttp exited with " + process.exitValue() + " before answering");
            }
            try (Socket socket = new Socket()) {
                socket.connect(address, 1000);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(REQUEST);
                out.flush();
                if (statusLine(socket.getInputStream()).startsWith("HTTP/1.1 200 ")) {
                    return System.nanoTime();
                }
            } catch (ConnectException notYetListening) {
                // keep polling
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("no 200 within 30 s");
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
            line.append((char) b);
        }
        return line.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static double[] sorted(List<Sample> samples, ToDoubleFunction<Sample> value) {
        return samples.stream().mapToDouble(value).sorted().toArray();
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
