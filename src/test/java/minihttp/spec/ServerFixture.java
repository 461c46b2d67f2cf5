package minihttp.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import minihttp.cli.Launcher;
import org.opentest4j.TestAbortedException;

/**
 * The server a scenario talks to: the real minihttp, started in this JVM on a free port with
 * default flags, or those the Givens ask for, when first needed; one per scenario, stopped
 * by {@link Hooks}. When the system property {@value #BASE_URL_PROPERTY} names a running server,
 * every scenario talks to it instead, and asking for other flags skips the scenario. The server
 * sees an empty environment, so a MINIHTTP_TOKEN in the shell that runs the tests changes nothing;
 * a write token reaches it through a file ({@link #requireToken}).
 * Created per scenario by PicoContainer; not thread-safe.
 */
public final class ServerFixture {
    static final String BASE_URL_PROPERTY = "minihttp.baseUrl";
    private static final List<String> ALWAYS = List.of("--port=0", "--db=mem", "--quiet", "--log-level=warn");

    private final InetSocketAddress external = externalServer();
    private final List<String> flags = new ArrayList<>();
    private String token;
    private Launcher.Running running;
    private InetSocketAddress attached;

    /** The server's address, starting it with the flags asked for so far if it does not run yet. */
    InetSocketAddress address() {
        if (external != null) return external;
        if (attached != null) return attached;
        if (running == null) start();
        return running.address();
    }

    /** host:port, as a client puts it in the Host field. */
    String authority() {
        InetSocketAddress address = address();
        return address.getHostString() + ":" + address.getPort();
    }

    /**
     * Adds a command-line flag (on top of --port=0, --db=mem and --quiet) for the server of this scenario,
     * which restarts on its next use if it runs already.
     *
     * @throws TestAbortedException against an external server, whose flags a test cannot choose
     */
    void require(String flag) {
        if (external != null) {
            throw new TestAbortedException("needs its own server with " + flag + ", but " + BASE_URL_PROPERTY + " is set");
        }
        stop();
        flags.add(flag);
    }

    /**
     * The server of this scenario needs this write token (passed as --token-file, which it reads
     * once at start), and restarts on its next use if it runs already.
     *
     * @throws TestAbortedException against an external server
     */
    void requireToken(String secret) {
        if (external != null) {
            throw new TestAbortedException("needs its own server with a write token, but " + BASE_URL_PROPERTY + " is set");
        }
        stop();
        token = secret;
    }

    /** The write token the server was given, for the Givens and checks made aside; null for none. */
    String token() {
        return token;
    }

    /** From now on the scenario talks to this server, e.g. a child process running the jar. */
    void attach(InetSocketAddress address) {
        stop();
        attached = address;
    }

    boolean isExternal() {
        return external != null;
    }

    void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    private void start() {
        List<String> args = new ArrayList<>(ALWAYS);
        args.addAll(flags);
        if (OverTls.enabled()) args.addAll(OverTls.serverFlags());
        Path tokenFile = token == null ? null : writeTokenFile();
        if (tokenFile != null) args.add("--token-file=" + tokenFile);
        try {
            running = Launcher.start(Map.of(), args.toArray(String[]::new));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start minihttp with " + args, e);
        } finally {
            // Read once at start: the running server no longer needs the file.
            if (tokenFile != null) deleteQuietly(tokenFile);
        }
    }

    /** As a user would write it: the token and a line end. */
    private Path writeTokenFile() {
        try {
            Path file = Files.createTempFile("minihttp-token", "");
            return Files.writeString(file, token + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token file", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; the system cleans it up
        }
    }

    private static InetSocketAddress externalServer() {
        String baseUrl = System.getProperty(BASE_URL_PROPERTY, "").strip();
        if (baseUrl.isEmpty()) return null;
        URI uri = URI.create(baseUrl);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(BASE_URL_PROPERTY + " must be like http://127.0.0.1:8080/, got: " + baseUrl);
        }
        return new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
    }
}
