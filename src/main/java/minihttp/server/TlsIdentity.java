package minihttp.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server's certificate chain and private key, read from PEM files as a CA or openssl hands
 * them out (the chain: the server's certificate first, then intermediates; the key: PKCS#8, RSA
 * or EC), checked, and turned into an {@link SSLContext}. Every problem is a
 * {@link TlsIdentity.Refused} with one line naming the file and what is wrong, and, for a key in
 * another format, how to convert it. Immutable.
 */
public final class TlsIdentity {
    /** A certificate that expires sooner than this gets a warning at start. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final String TO_PKCS8 = "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8.pem";

    /** Files that cannot make an identity; the message is one line for the user. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final SSLContext context;
    private final X509Certificate certificate;

    private TlsIdentity(SSLContext context, X509Certificate certificate) {
        this.context = context;
        this.certificate = certificate;
    }

    /**
     * Reads and checks both files.
     *
     * @throws Refused when a file is missing or unreadable, holds no certificate or no PKCS#8
     *                 key, the key does not belong to the certificate, or the certificate is
     *                 expired or not yet valid
     */
    public static TlsIdentity load(Path certificateFile, Path keyFile) throws Refused {
        List<X509Certificate> chain = readChain(certificateFile);
        PrivateKey key = readKey(keyFile);
        X509Certificate leaf = chain.get(0);
        if (!belongTogether(key, leaf)) {
            throw new Refused("TLS key " + keyFile + " does not belong to the certificate in " + certificateFile);
        }
        Instant now = Instant.now();
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            throw new Refused("TLS certificate " + certificateFile + " expired on " + leaf.getNotAfter().toInstant());
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            throw new Refused("TLS certificate " + certificateFile + " is not valid before "
                    + leaf.getNotBefore().toInstant());
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("server", key, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return new TlsIdentity(context, leaf);
        } catch (GeneralSecurityException | IOException e) {
            throw new Refused("cannot use the TLS key and certificate " + certificateFile + ": " + e.getMessage(), e);
        }
    }

    public SSLContext context() {
        return context;
    }

    /** When the server's certificate expires. */
    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** Whether the certificate expires within {@link #EXPIRY_WARNING} of now. */
    public boolean expiresSoon() {
        return Instant.now().plus(EXPIRY_WARNING).isAfter(notAfter());
    }

    private static List<X509Certificate> readChain(Path file) throws Refused {
        String text = readText(file, "TLS certificate");
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Matcher block = PEM_BLOCK.matcher(text);
            while (block.find()) {
                if (!block.group(1).equals("CERTIFICATE")) continue;
                byte[] der = Base64.getMimeDecoder().decode(block.group(2));
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new Refused("TLS certificate " + file + " holds a certificate that cannot be read: "
                    + firstLine(e.getMessage()), e);
        }
        if (chain.isEmpty()) {
            throw new Refused("TLS certificate " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    private static PrivateKey readKey(Path file) throws Refused {
        String text = readText(file, "TLS key");
        Matcher block = PEM_BLOCK.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            switch (type) {
                case "PRIVATE KEY" -> {
                    return pkcs8(file, Base64.getMimeDecoder().decode(block.group(2)));
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new Refused(
                        "TLS key " + file + " is in the " + type + " format (PKCS#1/SEC1), not PKCS#8; " + TO_PKCS8);
                case "ENCRYPTED PRIVATE KEY" -> throw new Refused(
                        "TLS key " + file + " is encrypted; the server cannot ask for its passphrase; " + TO_PKCS8);
                default -> {
                    // EC PARAMETERS before the key, and the like: not the key.
                }
            }
        }
        throw new Refused("TLS key " + file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----); " + TO_PKCS8);
    }

    private static PrivateKey pkcs8(Path file, byte[] der) throws Refused {
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // try the next kind of key
            }
        }
        throw new Refused("TLS key " + file + " is not an RSA or EC key in PKCS#8 that can be read");
    }

    /** Signs a probe with the key and checks it with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            byte[] probe = "minihttp key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // A key of one kind and a certificate of another.
            return false;
        }
    }

    private static String readText(Path file, String what) throws Refused {
        try {
            // Latin-1 reads any bytes: a binary (DER) file then simply holds no PEM block.
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new Refused(what + " " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new Refused(what + " " + file + " cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new Refused(what + " " + file + " cannot be read: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message).strip();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
