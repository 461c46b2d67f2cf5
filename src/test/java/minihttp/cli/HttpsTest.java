package minihttp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import minihttp.server.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server over HTTPS, as users run it, checked with real clients: Java's HttpClient,
 * curl and openssl (each skipped where it is not installed), and raw TLS sockets for what
 * clients hide (pipelining, a renewed certificate, a handshake left half done).
 */
class HttpsTest {
    private static final TestCertificates CERTIFICATES = TestCertificates.shared();

    @TempDir
    Path folder;
    private Path certificate;
    private Path key;
    private Launcher.Running server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    /** A server on copies of a fresh pair, so that a test may replace them. */
    private void start(String... more) throws Exception {
        TestCertificates.Pair pair = CERTIFICATES.server("https-test", "EC", 20);
        certificate = Files.copy(pair.certificate(), folder.resolve("server.pem"));
        key = Files.copy(pair.key(), folder.resolve("server.key"));
        List<String> args = new ArrayList<>(List.of("--port=0", "--db=mem", "--quiet", "--log-level=error",
                "--tls-cert=" + certificate, "--tls-key=" + key));
        args.addAll(List.of(more));
        server = Launcher.start(args.toArray(new String[0]));
    }

    private URI uri(String path) {
        return URI.create("https://localhost:" + server.address().getPort() + path);
    }

    private HttpClient client() {
        return HttpClient.newBuilder().sslContext(CERTIFICATES.clientContext()).version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private SSLSocket tlsSocket() throws IOException {
        SSLSocket socket = (SSLSocket) CERTIFICATES.clientContext().getSocketFactory()
                .createSocket("localhost", server.address().getPort());
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    @Test
    void javasHttpClientUsesEveryKindOfRouteOverHttp11() throws Exception {
        start();
        HttpClient client = client();
        HttpResponse<String> welcome = client.send(HttpRequest.newBuilder(uri("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, welcome.statusCode());
        // Offered HTTP/2 by ALPN, the server picks HTTP/1.1.
        assertEquals(HttpClient.Version.HTTP_1_1, welcome.version());
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(uri("/data"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode());
        HttpResponse<String> listed = client.send(HttpRequest.newBuilder(uri("/data")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("[" + created.body() + "]", listed.body());
        HttpResponse<String> file = client.send(HttpRequest.newBuilder(uri("/static/hello.txt"))
                .header("Range", "bytes=0-4").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(206, file.statusCode());
    }

    @Test
    void aLargeFileAndALargeBodyCrossIntact() throws Exception {
        Path staticFolder = Files.createDirectory(folder.resolve("static"));
        byte[] content = new byte[3 << 20];
        new Random(7).nextBytes(content);
        Files.write(staticFolder.resolve("big.bin"), content);
        start("--static=" + staticFolder);
        HttpResponse<byte[]> file = client().send(HttpRequest.newBuilder(uri("/static/big.bin")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(content, file.body());
        String json = "{\"text\":\"" + "x".repeat(1 << 20) + "\"}";
        HttpResponse<String> created = client().send(HttpRequest.newBuilder(uri("/data"))
                .header("Content-Type", "application/json").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        start();
        try (SSLSocket socket = tlsSocket()) {
            socket.getOutputStream().write(("GET /echo?message=one HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /echo?message=two HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answers.indexOf("{\"message\":\"one\"}") < answers.indexOf("{\"message\":\"two\"}"), answers);
        }
    }

    @Test
    void aPlainHttpRequestGetsAPlainTextRefusal() throws Exception {
        start();
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
            assertTrue(answer.contains("Connection: close\r\n") && answer.contains("HTTPS"), answer);
        }
    }

    @Test
    void aHandshakeLeftHalfDoneHoldsNoWorkerAndEndsAtTheHeaderTimeout() throws Exception {
        start("--threads=1", "--header-timeout=1", "--idle-timeout=5");
        try (Socket stuck = new Socket("127.0.0.1", server.address().getPort())) {
            // The start of a ClientHello record that promises 512 bytes and never sends them.
            stuck.getOutputStream().write(new byte[] {0x16, 3, 1, 2, 0, 1, 0, 1, (byte) 0xfc, 3, 3});
            stuck.setSoTimeout(10_000);
            // The one worker is free for a store request meanwhile.
            HttpResponse<String> listed = client().send(HttpRequest.newBuilder(uri("/data")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, listed.statusCode());
            long started = System.nanoTime();
            assertEquals(-1, stuck.getInputStream().read());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(waited < 4000, "closed after " + waited + " ms");
        }
    }

    @Test
    void aRenewedCertificateServesNewConnectionsWhileOpenOnesGoOn() throws Exception {
        TestCertificates.Pair renewed = CERTIFICATES.server("https-renewed", "EC", 20);
        start("--idle-timeout=60");
        try (SSLSocket before = tlsSocket()) {
            BigInteger first = serial(before);
            Files.copy(renewed.certificate(), certificate, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewed.key(), key, StandardCopyOption.REPLACE_EXISTING);
            server.reloadCertificates();
            try (SSLSocket after = tlsSocket()) {
                assertNotEquals(first, serial(after));
            }
            assertTrue(echo(before, "still").contains("{\"message\":\"still\"}"));
        }
    }

    @Test
    void aBadRenewalIsRefusedAndTheCertificateInUseStays() throws Exception {
        start();
        BigInteger first;
        try (SSLSocket before = tlsSocket()) {
            first = serial(before);
        }
        Files.writeString(certificate, "not a certificate");
        server.reloadCertificates();
        try (SSLSocket after = tlsSocket()) {
            assertEquals(first, serial(after));
        }
    }

    @Test
    void aConnectionPastTheLimitIsClosedWithoutAHandshake() throws Exception {
        start("--max-connections=1");
        try (SSLSocket first = tlsSocket()) {
            assertTrue(echo(first, "held").contains("{\"message\":\"held\"}"));
            try (Socket second = new Socket("127.0.0.1", server.address().getPort())) {
                second.setSoTimeout(5000);
                // No plain-text 503 on an HTTPS port: the refused connection just ends.
                assertEquals(-1, second.getInputStream().read());
            }
        }
    }

    @Test
    void curlWithTheCaCertificateGetsAnAnswer() throws Exception {
        assumeTrue(onPath("curl"), "curl is not installed");
        start();
        String output = run("curl", "-sS", "--cacert", CERTIFICATES.caCertificate().toString(),
                uri("/echo?message=curl").toString());
        assertEquals("{\"message\":\"curl\"}", output);
    }

    @Test
    void opensslIsRefusedTls11AndGetsTls13WithAlpnHttp11() throws Exception {
        assumeTrue(onPath("openssl"), "openssl is not installed");
        start();
        String address = "127.0.0.1:" + server.address().getPort();
        String old = run("openssl", "s_client", "-connect", address, "-tls1_1");
        assertTrue(old.contains("alert protocol version") || old.contains("no protocols available"), old);
        String current = run("openssl", "s_client", "-connect", address, "-alpn", "http/1.1",
                "-CAfile", CERTIFICATES.caCertificate().toString());
        assertTrue(current.contains("Protocol  : TLSv1.3") || current.contains("TLSv1.3"), current);
        assertTrue(current.contains("ALPN protocol: http/1.1"), current);
        assertTrue(current.contains("Verify return code: 0 (ok)"), current);
    }

    private static BigInteger serial(SSLSocket socket) throws IOException {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }

    private static String echo(SSLSocket socket, String message) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /echo?message=" + message + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            while (!answer.toString(StandardCharsets.US_ASCII).contains("}")) {
                int b = in.read();
                if (b < 0) break;
                answer.write(b);
            }
        } catch (SocketTimeoutException e) {
            // what came so far is the answer
        }
        return answer.toString(StandardCharsets.US_ASCII);
    }

    private static boolean onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(folder, program))) return true;
        }
        return false;
    }

    /** Runs a client to its end, bounded, with nothing on its input; its output and errors. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
        return new String(output, StandardCharsets.UTF_8).strip();
    }
}
