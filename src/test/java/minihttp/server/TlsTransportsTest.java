package minihttp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renewal without a restart: the files are watched, and a bad new pair leaves the old one in use. */
class TlsTransportsTest {
    private static final TestCertificates CERTIFICATES = TestCertificates.shared();

    @TempDir
    Path folder;

    @Test
    void renewedFilesAreTakenOnceTheyChangeWithoutASignal() throws Exception {
        TestCertificates.Pair first = CERTIFICATES.server("watched-first", "EC", 20);
        TestCertificates.Pair renewed = CERTIFICATES.server("watched-renewed", "EC", 25);
        Path certificate = Files.copy(first.certificate(), folder.resolve("server.pem"));
        Path key = Files.copy(first.key(), folder.resolve("server.key"));
        try (TlsTransports transports = TlsTransports.load(certificate, key)) {
            Instant before = transports.identity().notAfter();
            transports.watch(Duration.ofMillis(100));
            Files.copy(renewed.certificate(), certificate, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewed.key(), key, StandardCopyOption.REPLACE_EXISTING);

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (transports.identity().notAfter().equals(before) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertNotEquals(before, transports.identity().notAfter());
        }
    }

    @Test
    void aRenewalThatCannotBeUsedKeepsTheCertificateInUse() throws IOException {
        TestCertificates.Pair first = CERTIFICATES.server("watched-first", "EC", 20);
        TestCertificates.Pair other = CERTIFICATES.server("watched-other", "EC", 25);
        Path certificate = Files.copy(first.certificate(), folder.resolve("server.pem"));
        Path key = Files.copy(first.key(), folder.resolve("server.key"));
        try (TlsTransports transports = TlsTransports.load(certificate, key)) {
            Instant before = transports.identity().notAfter();
            // Half a renewal: a new certificate beside the old key.
            Files.copy(other.certificate(), certificate, StandardCopyOption.REPLACE_EXISTING);

            assertFalse(transports.reload());
            assertEquals(before, transports.identity().notAfter());

            Files.copy(other.key(), key, StandardCopyOption.REPLACE_EXISTING);
            assertTrue(transports.reload());
            assertNotEquals(before, transports.identity().notAfter());
        }
    }
}
