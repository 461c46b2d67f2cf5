package minihttp.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made at test time with the JDK's keytool, so that nothing secret is committed
 * and no other tool is needed: a throwaway CA, and server certificates it signs for
 * {@code localhost} and 127.0.0.1, each with its PKCS#8 key in PEM as a user would get them.
 * Made once per test JVM in a temporary folder, deleted at exit.
 */
public final class TestCertificates {
    private static final String PASSWORD = "changeit";
    private static TestCertificates shared;

    /** A certificate chain file and its key file. */
    public record Pair(Path certificate, Path key) {
    }

    private final Path folder;
    private final Path caPem;

    private TestCertificates(Path folder) throws IOException {
        this.folder = folder;
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=minihttp test CA", "-ext", "bc:c", "-validity", "30",
                "-keystore", folder.resolve("ca.p12").toString());
        caPem = folder.resolve("ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", folder.resolve("ca.p12").toString(),
                "-file", caPem.toString());
    }

    /** The certificates of this test JVM, made on first use. */
    public static synchronized TestCertificates shared() {
        if (shared == null) {
            try {
                Path folder = Files.createTempDirectory("minihttp-tls");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(folder)));
                shared = new TestCertificates(folder);
            } catch (IOException e) {
                throw new IllegalStateException("cannot make test certificates", e);
            }
        }
        return shared;
    }

    /** The CA's certificate in PEM, for clients to trust (curl --cacert). */
    public Path caCertificate() {
        return caPem;
    }

    /** A server certificate valid from now for {@code days}, with its RSA or EC key; made once per name. */
    public synchronized Pair server(String name, String keyAlgorithm, int days) {
        return server(name, keyAlgorithm, null, days);
    }

    /**
     * A server certificate signed by the CA, valid from {@code start} (keytool's -startdate, e.g.
     * "-10d"; null for now) for {@code days}, and its key; made once per name.
     */
    public synchronized Pair server(String name, String keyAlgorithm, String start, int days) {
        Pair pair = new Pair(folder.resolve(name + ".pem"), folder.resolve(name + ".key"));
        if (Files.exists(pair.certificate())) return pair;
        try {
            Path store = folder.resolve(name + ".p12");
            List<String> generate = new ArrayList<>(List.of("-genkeypair", "-alias", "server", "-dname", "CN=localhost",
                    "-keystore", store.toString()));
            generate.addAll(keyAlgorithm.equals("EC") ? List.of("-keyalg", "EC", "-groupname", "secp256r1")
                    : List.of("-keyalg", "RSA", "-keysize", "2048"));
            keytool(generate.toArray(new String[0]));
            Path request = folder.resolve(name + ".csr");
            keytool("-certreq", "-alias", "server", "-keystore", store.toString(), "-file", request.toString());
            Path signed = folder.resolve(name + ".signed.pem");
            List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca",
                    "-keystore", folder.resolve("ca.p12").toString(), "-infile", request.toString(),
                    "-outfile", signed.toString(), "-validity", String.valueOf(days),
                    "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext", "eku=serverAuth"));
            if (start != null) sign.addAll(List.of("-startdate", start));
            keytool(sign.toArray(new String[0]));
            // The chain as a CA hands it out: the server's certificate, then the CA's.
            Files.writeString(pair.certificate(), Files.readString(signed) + Files.readString(caPem));
            Files.writeString(pair.key(), pkcs8Pem(store));
            return pair;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the certificate " + name, e);
        }
    }

    /** A client context that trusts only the test CA. */
    public SSLContext clientContext() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            try (InputStream in = Files.newInputStream(caPem)) {
                Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
                trusted.setCertificateEntry("ca", ca);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a client context", e);
        }
    }

    private static String pkcs8Pem(Path store) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        Key key = keys.getKey("server", PASSWORD.toCharArray());
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        // Only the commands that use a key take its password.
        if (!arguments[0].equals("-exportcert")) command.addAll(List.of("-keypass", PASSWORD));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish: " + command);
            }
            if (process.exitValue() != 0) throw new IOException("keytool failed: " + command + "\n" + output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        } catch (IOException e) {
            // a temporary folder; the system cleans it eventually
        }
    }
}
