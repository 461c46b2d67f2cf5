package minihttp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the certificate and key files: what is accepted, and the one line for each refusal. */
class TlsIdentityTest {
    private static final TestCertificates CERTIFICATES = TestCertificates.shared();

    @TempDir
    Path folder;

    private static String refusal(Path certificate, Path key) {
        return assertThrows(TlsIdentity.Refused.class, () -> TlsIdentity.load(certificate, key)).getMessage();
    }

    @Test
    void anRsaAndAnEcCertificateWithTheirPkcs8KeysAreTaken() throws IOException {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            TestCertificates.Pair pair = CERTIFICATES.server("valid-" + algorithm, algorithm, 20);
            TlsIdentity identity = TlsIdentity.load(pair.certificate(), pair.key());
            assertFalse(identity.expiresSoon(), algorithm);
        }
    }

    @Test
    void aCertificateThatExpiresWithinTwoWeeksIsTakenWithAWarning() throws IOException {
        TestCertificates.Pair pair = CERTIFICATES.server("soon", "EC", 5);
        assertTrue(TlsIdentity.load(pair.certificate(), pair.key()).expiresSoon());
    }

    @Test
    void aMissingFileIsNamed() {
        TestCertificates.Pair pair = CERTIFICATES.server("valid-EC", "EC", 20);
        Path missing = folder.resolve("nope.pem");
        assertEquals("TLS certificate " + missing + " does not exist", refusal(missing, pair.key()));
        assertEquals("TLS key " + missing + " does not exist", refusal(pair.certificate(), missing));
    }

    @Test
    void aFileWithoutPemIsNamed() throws IOException {
        TestCertificates.Pair pair = CERTIFICATES.server("valid-EC", "EC", 20);
        Path binary = Files.write(folder.resolve("cert.der"), new byte[] {0x30, (byte) 0x82, 1, 2, 3});
        assertTrue(refusal(binary, pair.key()).contains("holds no PEM certificate"));
        assertTrue(refusal(pair.certificate(), binary).contains("holds no PEM private key"));
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        TestCertificates.Pair one = CERTIFICATES.server("valid-EC", "EC", 20);
        TestCertificates.Pair other = CERTIFICATES.server("other-EC", "EC", 20);
        assertEquals("TLS key " + other.key() + " does not belong to the certificate in " + one.certificate(),
                refusal(one.certificate(), other.key()));
        TestCertificates.Pair rsa = CERTIFICATES.server("valid-RSA", "RSA", 20);
        assertTrue(refusal(one.certificate(), rsa.key()).contains("does not belong"));
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsRefused() {
        TestCertificates.Pair expired = CERTIFICATES.server("expired", "EC", "-10d", 1);
        assertTrue(refusal(expired.certificate(), expired.key()).contains(" expired on "));
        TestCertificates.Pair future = CERTIFICATES.server("future", "EC", "+2d", 10);
        assertTrue(refusal(future.certificate(), future.key()).contains(" is not valid before "));
    }

    @Test
    void aKeyInAnotherFormatIsRefusedWithHowToConvertIt() throws IOException {
        TestCertificates.Pair pair = CERTIFICATES.server("valid-RSA", "RSA", 20);
        for (String type : new String[] {"RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"}) {
            Path key = Files.writeString(folder.resolve("key.pem"),
                    "-----BEGIN " + type + "-----\nAAAA\n-----END " + type + "-----\n");
            String message = refusal(pair.certificate(), key);
            assertTrue(message.contains("openssl pkcs8 -topk8 -nocrypt"), message);
            assertFalse(message.contains("\n"), message);
        }
    }

    @Test
    void onlyForwardSecretAeadSuitesAreKept() {
        String[] offered = {"TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"};
        assertArrayEquals(new String[] {"TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
                TlsTransports.strongSuites(offered));
    }
}
