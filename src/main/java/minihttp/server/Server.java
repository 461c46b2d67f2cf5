package minihttp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import minihttp.http.Handler;
import minihttp.http.RequestParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server: one acceptor thread, one {@link Poller} thread for connections waiting for
 * bytes, and a fixed pool of workers with a bounded queue for connections with a request ready.
 * The thread count never depends on the number of clients. {@link #start} binds and returns;
 * {@link #stop} stops accepting, lets requests in flight finish within the grace period, and closes
 * everything. Thread-safe.
 */
public final class Server {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    private static final int BACKLOG = 1024;

    private final ServerConfig config;
    private final Handler handler;
    private final RequestParser parser;
    private final DateClock dateClock = new DateClock(Clock.systemUTC());
    private final Set<Connection> live = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ThreadPoolExecutor workers;
    private final Poller poller;
    private ServerSocketChannel listener;
    private Thread acceptorThread;
    private Thread pollerThread;

    public Server(ServerConfig config, Handler handler) throws IOException {
        this.config = config;
        this.handler = handler;
        this.parser = new RequestParser(config.limits());
        this.workers = new ThreadPoolExecutor(config.threads(), config.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.queueCapacity()), namedThreads("minihttp-worker-"),
                new ThreadPoolExecutor.AbortPolicy());
        this.workers.prestartAllCoreThreads();
        this.poller = new Poller(workers, this::closeStalledWrites);
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
        pollerThread = new Thread(poller, "minihttp-poller");
        pollerThread.start();
        acceptorThread = new Thread(this::acceptLoop, "minihttp-acceptor");
        acceptorThread.start();
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
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                Connection connection = new Connection(channel, this, clientOf(channel));
                live.add(connection);
                connection.parkNew();
            } catch (IOException e) {
                closeQuietly(channel);
            }
        }
    }

    /**
     * Stops accepting, lets requests in flight finish within the grace period, then closes every
     * connection. Idle connections are closed at once. Returns when all is closed.
     */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) return;
        closeQuietly(listener);
        poller.shutdown();
        try {
            join(pollerThread); // it hands its last ready connections to the workers first
            workers.shutdown();
            if (!workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("requests still running after {} s; closing their connections",
                        config.shutdownGrace().toSeconds());
                workers.shutdownNow();
            }
            join(acceptorThread);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection connection : live) connection.close();
    }

    private static void join(Thread thread) throws InterruptedException {
        if (thread != null) thread.join(5000);
    }

    private void closeStalledWrites() {
        long now = System.nanoTime();
        for (Connection connection : live) connection.closeIfWriteStalled(now);
    }

    boolean isStopping() {
        return stopping.get();
    }

    ServerConfig config() {
        return config;
    }

    Handler handler() {
        return handler;
    }

    RequestParser parser() {
        return parser;
    }

    Poller poller() {
        return poller;
    }

    String date() {
        return dateClock.now();
    }

    void forget(Connection connection) {
        live.remove(connection);
    }

    private static String clientOf(SocketChannel channel) {
        try {
            InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
            return remote.getAddress().getHostAddress() + ":" + remote.getPort();
        } catch (IOException | RuntimeException e) {
            return "-";
        }
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
