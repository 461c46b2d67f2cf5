package minihttp.server;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS for every new connection, from a certificate and key in PEM files that may be renewed
 * while the server runs: {@link #reload} (on SIGHUP) or a change to either file seen by
 * {@link #watch} loads them again, and new connections get the new certificate while open ones
 * keep theirs. A bad new file is refused with a log line and the old certificate stays.
 *
 * <p>Each connection speaks TLS 1.3 or 1.2, with the JDK's default cipher suites less the weak
 * ones (only forward-secret key exchange and AEAD ciphers remain), and ALPN {@code http/1.1}.
 * Thread-safe.
 */
public final class TlsTransports implements TransportFactory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TlsTransports.class);
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final String HTTP_1_1 = "http/1.1";

    private final Path certificateFile;
    private final Path keyFile;
    private volatile TlsIdentity identity;
    private volatile List<Object> stamp;
    private ScheduledExecutorService watcher;

    private TlsTransports(Path certificateFile, Path keyFile, TlsIdentity identity) {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.identity = identity;
        this.stamp = stampOf(certificateFile, keyFile);
    }

    /** Loads the files; @throws TlsIdentity.Refused with one line naming the file and the problem */
    public static TlsTransports load(Path certificateFile, Path keyFile) throws TlsIdentity.Refused {
        return new TlsTransports(certificateFile, keyFile, TlsIdentity.load(certificateFile, keyFile));
    }

    public TlsIdentity identity() {
        return identity;
    }

    @Override
    public Transport open(SocketChannel channel) throws IOException {
        SSLEngine engine = identity.context().createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setCipherSuites(strongSuites(engine.getEnabledCipherSuites()));
        parameters.setUseCipherSuitesOrder(true);
        parameters.setApplicationProtocols(new String[] {HTTP_1_1});
        engine.setSSLParameters(parameters);
        // A client that offers ALPN without http/1.1 gets none rather than a protocol we do not speak.
        engine.setHandshakeApplicationProtocolSelector(
                (unused, offered) -> offered.contains(HTTP_1_1) ? HTTP_1_1 : null);
        return new TlsTransport(channel, engine);
    }

    @Override
    public boolean speaksPlainHttp() {
        return false;
    }

    /**
     * The suites that keep forward secrecy and authenticated encryption: every TLS 1.3 suite, and
     * for TLS 1.2 only ECDHE with GCM or ChaCha20-Poly1305. Gone: CBC (padding oracles, Lucky13),
     * static RSA key exchange (no forward secrecy), SHA-1 MACs, finite-field DHE.
     */
    static String[] strongSuites(String[] enabled) {
        List<String> strong = new ArrayList<>();
        for (String suite : enabled) {
            boolean tls13 = suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
            boolean tls12 = suite.startsWith("TLS_ECDHE_")
                    && (suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_"));
            if (tls13 || tls12) strong.add(suite);
        }
        return strong.toArray(new String[0]);
    }

    /**
     * Loads the files again; new connections get them. A file that cannot be used is refused
     * with a log line, and the certificate in use stays.
     *
     * @return whether the new files were taken
     */
    public boolean reload() {
        List<Object> seen = stampOf(certificateFile, keyFile);
        try {
            TlsIdentity loaded = TlsIdentity.load(certificateFile, keyFile);
            identity = loaded;
            stamp = seen;
            LOG.info("TLS certificate {} loaded, valid until {}", certificateFile, loaded.notAfter());
            warnIfExpiringSoon(loaded);
            return true;
        } catch (TlsIdentity.Refused e) {
            // Not tried again until the files change once more.
            stamp = seen;
            LOG.error("{}; still using the certificate valid until {}", e.getMessage(), identity.notAfter());
            return false;
        }
    }

    /** Checks the files every {@code interval} and reloads them when either changed. */
    public synchronized void watch(Duration interval) {
        if (watcher != null) return;
        watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "minihttp-tls-watch");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(() -> {
            if (!Objects.equals(stampOf(certificateFile, keyFile), stamp)) reload();
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A line at start when the certificate is about to expire. */
    public void warnIfExpiringSoon() {
        warnIfExpiringSoon(identity);
    }

    private void warnIfExpiringSoon(TlsIdentity checked) {
        if (checked.expiresSoon()) {
            LOG.warn("TLS certificate {} expires on {}, within {} days: renew it", certificateFile,
                    checked.notAfter(), TlsIdentity.EXPIRY_WARNING.toDays());
        }
    }

    @Override
    public synchronized void close() {
        if (watcher != null) watcher.shutdownNow();
    }

    /** Size, modification time and file key of both files, or what made them unreadable. */
    private static List<Object> stampOf(Path... files) {
        List<Object> stamp = new ArrayList<>();
        for (Path file : files) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamp.addAll(Arrays.asList(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey()));
            } catch (IOException e) {
                stamp.add(e.getClass().getName());
            }
        }
        return stamp;
    }
}
