package minihttp.server;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the connections that wait for bytes (new ones, idle keep-alive ones, and ones with half
 * a head) without holding a thread for each: one thread and a {@link Selector}. When bytes arrive
 * the connection goes to the worker pool; if the pool refuses, the client gets 503 at once. A
 * connection past its deadline is expired (408 or a plain close). {@link #park} may be called
 * from any thread.
 */
final class Poller implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    private static final long SWEEP_MILLIS = 100;

    private final Selector selector;
    private final Executor workers;
    private final Runnable busySweep;
    private final Queue<Connection> arriving = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    /** @param busySweep run with every sweep, for the connections workers hold */
    Poller(Executor workers, Runnable busySweep) throws IOException {
        this.selector = Selector.open();
        this.workers = workers;
        this.busySweep = busySweep;
    }

    /** Hands a non-blocking connection to the poller until it has bytes to read. */
    void park(Connection connection) {
        arriving.add(connection);
        selector.wakeup();
    }

    void shutdown() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        long nextSweep = System.nanoTime();
        try {
            while (running) {
                selector.select(SWEEP_MILLIS);
                registerArrivals();
                dispatchReady();
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    expireOverdue(now);
                    busySweep.run();
                    nextSweep = now + SWEEP_MILLIS * 1_000_000;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("poller failed; parked connections are closed", e);
        } finally {
            closeAll();
        }
    }

    private void registerArrivals() {
        Connection connection;
        while ((connection = arriving.poll()) != null) {
            try {
                connection.channel().register(selector, SelectionKey.OP_READ, connection);
            } catch (ClosedChannelException e) {
                connection.close();
            }
        }
    }

    /** Hands every connection the last select found readable to the workers. */
    private void dispatchReady() throws IOException {
        if (selector.selectedKeys().isEmpty()) return;
        List<Connection> ready = new ArrayList<>();
        for (SelectionKey key : selector.selectedKeys()) {
            key.cancel();
            ready.add((Connection) key.attachment());
        }
        selector.selectedKeys().clear();
        // A channel goes back to blocking mode on the worker only once its key is really
        // deregistered, which takes one more select.
        selector.selectNow();
        selector.selectedKeys().clear();
        for (Connection connection : ready) dispatch(connection);
    }

    private void dispatch(Connection connection) {
        try {
            workers.execute(connection::serve);
        } catch (RejectedExecutionException e) {
            connection.refuseBusy();
        }
    }

    private void expireOverdue(long now) {
        for (SelectionKey key : selector.keys()) {
            Connection connection = (Connection) key.attachment();
            if (key.isValid() && now - connection.deadlineNanos() > 0) {
                key.cancel();
                connection.expire();
            }
        }
    }

    /**
     * On stop: a connection whose request bytes have already arrived is in flight, so it still
     * goes to a worker; the idle rest are closed.
     */
    private void closeAll() {
        registerArrivals();
        try {
            selector.selectNow();
            dispatchReady();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not hand the last requests to workers: {}", e.toString());
        }
        for (SelectionKey key : selector.keys()) {
            if (key.isValid()) ((Connection) key.attachment()).close();
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
