package minihttp.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The warnings a start may print, one line each, for a configuration that works but that a user
 * should know to be risky. Pure functions: each answers its line, or empty when all is well.
 */
final class StartWarnings {
    /** A token shorter than this is accepted with a warning: it may be guessed. */
    static final int SHORT_TOKEN = 16;

    private StartWarnings() {
    }

    /**
     * Listening where other machines can connect without TLS or without a token. The store is then
     * open to whoever reaches the port, or its requests, the token's included, travel in clear text.
     *
     * @param host as --host gives it, resolved as the server resolves it to listen: a loopback
     *             address (127.0.0.0/8, ::1, localhost) warns of nothing; the wildcard (0.0.0.0, ::)
     *             and any other address do, and so does a name that no longer resolves
     */
    static Optional<String> exposure(String host, boolean tlsEnabled, boolean tokenConfigured) {
        if ((tlsEnabled && tokenConfigured) || isLoopback(host)) return Optional.empty();
        String where = "listening on " + host + ", which other machines can reach, ";
        if (tlsEnabled) {
            return Optional.of(where + "without a write token: anyone who reaches the port can change the store"
                    + " (set " + TokenSource.VARIABLE + " or --token-file)");
        }
        if (tokenConfigured) {
            return Optional.of(where + "without TLS: requests and answers travel in clear text, the token too");
        }
        return Optional.of(where + "without TLS and without a write token: anyone who reaches the port can change"
                + " the store, and requests travel in clear text (set " + TokenSource.VARIABLE + " or --token-file)");
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A token short enough to be guessed; the line gives its length, never the token. */
    static Optional<String> shortToken(String token) {
        if (token.length() >= SHORT_TOKEN) return Optional.empty();
        return Optional.of("the write token has only " + token.length() + " characters, few enough to be guessed:"
                + " use at least " + SHORT_TOKEN + " random ones (openssl rand -hex 32 makes 64)");
    }
}
