package minihttp.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import minihttp.http.CommonFields;
import minihttp.http.Handler;
import minihttp.http.RequestParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server: one acceptor thread, one {@link IoLoop} per core that reads its share of
 * the connections and answers the requests that cannot block on the spot, and a fixed pool of
 * workers with a bounded queue for the requests that may block (the store, bodies still to
 * come). The thread count never depends on the number of clients; an idle or slow client holds
 * no thread; when the queue is full the client gets 503 at once. The acceptor admits a
 * connection only under the {@link ConnectionLimits} (in all, per client address) and answers
 * the others with 503 on the spot ({@link ConnectionRefusals}); a connection gives its place
 * back when it closes, whichever path closes it. {@link #start} binds and returns; {@link #stop}
 * stops accepting, lets requests in flight finish within the grace period, and closes
 * everything. Thread-safe.
 */
public final class Server {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    private static final int BACKLOG = 1024;

    private final ServerConfig config;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ThreadPoolExecutor workers;
    private final ConnectionContext context;
    private final ConnectionLimits connectionLimits;
    private final ConnectionRefusals refusals;
    private final List<IoLoop> loops = new ArrayList<>();
    private final List<Thread> loopThreads = new ArrayList<>();
    private final TransportFactory transports;
    private int nextLoop;
    private ServerSocketChannel listener;
    private Thread acceptorThread;

    public Server(ServerConfig config, Handler handler) throws IOException {
        this(config, handler, TransportFactory.PLAIN);
    }

    /** A server whose connections speak through {@code transports} (plain TCP, or TLS). */
    public Server(ServerConfig config, Handler handler, TransportFactory transports) throws IOException {
        this.config = config;
        this.transports = transports;
        this.workers = new ThreadPoolExecutor(config.threads(), config.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.queueCapacity()), namedThreads("minihttp-worker-"),
                new ThreadPoolExecutor.AbortPolicy());
        this.workers.prestartAllCoreThreads();
        this.context = new ConnectionContext(config, handler, new RequestParser(config.limits()),
                new DateClock(System::currentTimeMillis), new CommonFields(config.commonHeaders()), workers,
                stopping::get);
        for (int i = 0; i < config.ioThreads(); i++) loops.add(new IoLoop(config.limits().maxHeadBytes()));
        this.connectionLimits = new ConnectionLimits(config.maxConnections(), config.maxConnectionsPerClient());
        this.refusals = new ConnectionRefusals(connectionLimits, Math.max(1, config.idleTimeout().toSeconds()),
                context.commonFields());
    }

    /** Binds the port and starts serving. @throws IOException if the address cannot be bound */
    public synchronized void start() throws IOException {
        listener = ServerSocketChannel.open();
        listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        try {
            listener.bind(new InetSocketAddress(config.host(), config.port()), BACKLOG);
        } catch (IOException e) {
            listener.close();
            workers.shutdownNow();
            throw e;
        }
        for (int i = 0; i < loops.size(); i++) {
            Thread thread = new Thread(loops.get(i), "minihttp-io-" + (i + 1));
            thread.start();
            loopThreads.add(thread);
        }
        acceptorThread = new Thread(this::acceptLoop, "minihttp-acceptor");
        acceptorThread.start();
        warnIfFilesRunOutFirst();
    }

    /** The bound address, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("server is not bound", e);
        }
    }

    private void acceptLoop() {
        while (!stopping.get()) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // e.g. out of file descriptors: back off instead of spinning
                LOG.warn("accept failed: {}", e.toString());
                pause();
                continue;
            }
            InetAddress client;
            try {
                client = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
            } catch (IOException e) {
                closeQuietly(channel);
                continue;
            }
            ConnectionLimits.Admission admission = connectionLimits.admit(client);
            if (admission instanceof ConnectionLimits.Refusal refusal) {
                refusals.refuse(channel, refusal, client, transports.speaksPlainHttp());
                continue;
            }
            ConnectionLimits.Slot slot = (ConnectionLimits.Slot) admission;
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                IoLoop loop = loops.get(nextLoop++ % loops.size());
                loop.adopt(new Connection(transports.open(channel), loop, context, slot::release));
            } catch (IOException | RuntimeException e) {
                // Not adopted, so no Connection will close it: release here.
                closeQuietly(channel);
                slot.release();
                if (e instanceof RuntimeException) LOG.error("could not take a connection from {}", client, e);
            }
        }
    }

    /**
     * Past the open-file limit accept() fails instead of the client getting a 503; say so at start
     * when the connection limit leaves too little room under it for the server's own files (two per
     * selector: one per worker and per I/O thread; the database, jars, and files being sent).
     */
    private void warnIfFilesRunOutFirst() {
        if (!(ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean system)) return;
        long ownFiles = 2L * (config.threads() + config.ioThreads()) + 256;
        long room = system.getMaxFileDescriptorCount() - ownFiles;
        if (config.maxConnections() > room) {
            LOG.warn("--max-connections={} is more than the open-file limit ({}) leaves room for; past about {}"
                            + " connections new ones fail instead of getting 503: raise ulimit -n or lower --max-connections",
                    config.maxConnections(), system.getMaxFileDescriptorCount(), Math.max(0, room));
        }
    }

    /** The connection counts, for tests. */
    ConnectionLimits connectionLimits() {
        return connectionLimits;
    }

    /**
     * Stops accepting, lets requests in flight finish within the grace period, then closes every
     * connection. Idle connections are closed at once. Returns when all is closed.
     */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) return;
        closeQuietly(listener);
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        try {
            join(acceptorThread);
            for (IoLoop loop : loops) loop.drain();
            workers.shutdown();
            if (!workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("requests still running after {} s; closing their connections",
                        config.shutdownGrace().toSeconds());
                workers.shutdownNow();
            }
            // Answers still going out from the loops get the rest of the grace period.
            while (System.nanoTime() - deadline < 0 && loops.stream().anyMatch(loop -> !loop.isEmpty())) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (IoLoop loop : loops) loop.shutdown();
        try {
            for (Thread thread : loopThreads) join(thread);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) throws InterruptedException {
        if (thread != null) thread.join(5000);
    }
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            if (closeable != null) closeable.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static java.util.concurrent.ThreadFactory namedThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
