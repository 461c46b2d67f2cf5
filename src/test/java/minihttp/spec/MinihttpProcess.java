package minihttp.spec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real jar ({@code target/minihttp.jar}, or the system property {@code minihttp.jar}) run as a
 * child process, for behaviour that is about processes: exit codes, SIGTERM, kill -9. Its standard
 * output and error are collected in the background. Its environment is this JVM's without
 * {@code MINIHTTP_DB_URL}. {@link #destroy} stops it by its own PID only.
 * Not thread-safe.
 */
final class MinihttpProcess {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("http://([^/\\s]+):(\\d+)/");

    private final Process process;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Thread outReader;
    private final Thread errReader;

    private MinihttpProcess(List<String> args, Map<String, String> environment, boolean drainOutput)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
        // What is set for the runner (to try PostgreSQL by hand, say) must not change what a
        // scenario runs: only the scenario's own variables count.
        builder.environment().keySet().removeIf(name -> name.startsWith("MINIHTTP_"));
        builder.environment().putAll(environment);
        process = builder.start();
        process.getOutputStream().close();
        outReader = drainOutput ? copyInBackground(process.getInputStream(), out)
                : copyFirstLine(process.getInputStream(), out);
        errReader = copyInBackground(process.getErrorStream(), err);
    }

    /** Runs minihttp with these arguments and does not wait. */
    static MinihttpProcess run(List<String> args) throws IOException {
        return run(args, Map.of());
    }

    /** The same with these variables added to its environment. */
    static MinihttpProcess run(List<String> args, Map<String, String> environment) throws IOException {
        return new MinihttpProcess(args, environment, true);
    }

    /** Runs minihttp and waits until it prints its listening line. */
    static MinihttpProcess start(List<String> args) throws IOException {
        return start(args, Map.of());
    }

    /** The same with these variables added to its environment. */
    static MinihttpProcess start(List<String> args, Map<String, String> environment) throws IOException {
        MinihttpProcess started = new MinihttpProcess(args, environment, true);
        started.address();
        return started;
    }

    /**
     * Runs minihttp, reads its listening line and then never reads its standard output again, as
     * a careless supervisor might: the pipe fills up once the server has logged a few hundred lines.
     */
    static MinihttpProcess startWithOutputNobodyReads(List<String> args) throws IOException {
        MinihttpProcess started = new MinihttpProcess(args, Map.of(), false);
        started.address();
        return started;
    }

    /** Where it listens, from its first output line; waits for that line, bounded. */
    InetSocketAddress address() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = LISTENING.matcher(output());
            if (matcher.find()) return new InetSocketAddress(matcher.group(1), Integer.parseInt(matcher.group(2)));
            if (!process.isAlive()) break;
            sleep(20);
        }
        throw new IllegalStateException("minihttp did not start listening; exit "
                + (process.isAlive() ? "none yet" : process.exitValue()) + "\nstdout: " + output() + "\nstderr: " + errors());
    }

    /** SIGTERM: the stop a service manager or Ctrl-C asks for. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    void kill() {
        process.destroyForcibly();
    }

    /** Waits for the exit, bounded, and returns the exit status. */
    int exitStatus(Duration within) {
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("minihttp did not exit within " + within.toSeconds() + " s; stdout: " + output());
            }
            outReader.join(2000);
            errReader.join(2000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String output() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    String errors() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /** Ends the process if it still runs; for clean-up after a scenario. */
    void destroy() {
        if (process.isAlive()) {
            process.destroyForcibly();
            exitStatus(Duration.ofSeconds(10));
        }
    }

    private static Thread copyInBackground(InputStream from, ByteArrayOutputStream to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "minihttp-process-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static Thread copyFirstLine(InputStream from, ByteArrayOutputStream to) {
        Thread thread = new Thread(() -> {
            try {
                for (int b; (b = from.read()) >= 0; ) {
                    synchronized (to) {
                        to.write(b);
                    }
                    if (b == '\n') return;
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "minihttp-process-first-line");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("minihttp.jar", "target/minihttp.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new UncheckedIOException(new IOException(jar + " is missing: run mvn package first"));
        }
        return jar;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
