package minihttp.spec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLSocket;
import minihttp.server.TestCertificates;

/**
 * The switch that runs the scenarios over HTTPS: with the system property {@value #PROPERTY}
 * set to true (the second Failsafe run of {@code mvn verify} sets it), the server of each
 * scenario gets a certificate made at test time and every client speaks TLS to it, so the
 * protocol, data and static scenarios check the TLS transport as they check plain TCP.
 */
final class OverTls {
    static final String PROPERTY = "minihttp.tls";

    private OverTls() {
    }

    static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** The flags that make the server speak HTTPS. */
    static List<String> serverFlags() {
        TestCertificates.Pair pair = TestCertificates.shared().server("cucumber", "EC", 30);
        return List.of("--tls-cert=" + pair.certificate(), "--tls-key=" + pair.key());
    }

    /** TLS over an open connection, the handshake done. */
    static Socket wrap(Socket tcp, InetSocketAddress server) throws IOException {
        SSLSocket tls = (SSLSocket) TestCertificates.shared().clientContext().getSocketFactory()
                .createSocket(tcp, "localhost", server.getPort(), true);
        tls.setSoTimeout(tcp.getSoTimeout());
        tls.startHandshake();
        return tls;
    }
}
