package minihttp.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import minihttp.app.Application;
import minihttp.app.Cors;
import minihttp.http.Limits;
import minihttp.server.Server;
import minihttp.server.ServerConfig;

/**
 * Builds and starts a whole minihttp from command-line arguments: the wiring that both
 * {@link Main} and the tests use, so that tests run exactly what users run.
 */
public final class Launcher {

    /** A started minihttp; {@link #close()} stops it gracefully and releases what it opened. */
    public static final class Running implements AutoCloseable {
        private final Server server;

        private Running(Server server) {
            this.server = server;
        }

        public InetSocketAddress address() {
            return server.address();
        }

        /** http://HOST:PORT/ with the real port. */
        public URI baseUri() {
            String host = address().getAddress().getHostAddress();
            return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address().getPort() + "/");
        }

        @Override
        public void close() {
            server.stop();
        }
    }

    private Launcher() {
    }

    /** Starts a server for these arguments (see {@link Options#USAGE}). */
    public static Running start(String... args) throws Options.UsageException, IOException {
        return start(Options.parse(args));
    }

    static Running start(Options options) throws IOException {
        Server server = new Server(serverConfig(options), Application.create());
        server.start();
        return new Running(server);
    }

    static ServerConfig serverConfig(Options options) {
        return new ServerConfig(options.host(), options.port(), options.threads(), options.queue(),
                options.idleTimeout(), options.headerTimeout(), Main.SHUTDOWN_GRACE,
                Limits.DEFAULTS.withMaxBodyBytes(options.maxBody()), Cors.everyResponse());
    }
}
