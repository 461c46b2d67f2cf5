package minihttp.cli;

import java.io.IOException;
import java.net.BindException;
import java.util.concurrent.CountDownLatch;
import minihttp.server.TlsIdentity;
import minihttp.store.StoreException;
import sun.misc.Signal;

/**
 * Reads the command line, wires the parts and runs until SIGTERM or Ctrl-C. Exit codes: 0 after a
 * graceful stop or for --help/--version, 1 when the server cannot start (port in use), 2 for a
 * bad command line.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            System.err.println("minihttp: " + e.getMessage());
            System.err.println(Options.USAGE);
            return 2;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return 0;
        }
        if (options.version()) {
            System.out.println("minihttp " + version());
            return 0;
        }

        Launcher.Running running;
        try {
            running = Launcher.start(options);
        } catch (BindException e) {
            System.err.println("minihttp: cannot listen on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage());
            return 1;
        } catch (StoreException | TlsIdentity.Refused e) {
            System.err.println("minihttp: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            System.err.println("minihttp: cannot start: " + e.getMessage());
            return 1;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            try {
                running.close();
            } finally {
                stopped.countDown();
            }
        };
        // Handling the signals ourselves (instead of a shutdown hook) lets a requested stop exit 0.
        Signal.handle(new Signal("TERM"), signal -> new Thread(stop, "minihttp-stop").start());
        Signal.handle(new Signal("INT"), signal -> new Thread(stop, "minihttp-stop").start());
        // The usual signal to take renewed certificates (as nginx and HAProxy do).
        Signal.handle(new Signal("HUP"), signal -> new Thread(running::reloadCertificates, "minihttp-reload").start());

        System.out.println("minihttp " + version() + " listening on " + running.baseUri() + " (items in "
                + running.storage() + ")");
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
