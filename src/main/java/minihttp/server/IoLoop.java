package minihttp.server;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import minihttp.http.WireBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One I/O thread and its {@link Selector}: it holds its share of the connections, reads those
 * that have bytes, answers the requests that cannot block on the spot, and closes connections
 * past their deadlines (checked every {@value #SWEEP_MILLIS} ms). Other threads talk to it only
 * through {@link #execute}. Its scratch buffers are used only on its own thread.
 */
final class IoLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(IoLoop.class);
    private static final long SWEEP_MILLIS = 100;
    /** Read scratch for the default limits: the largest head and pipelined requests behind it. */
    private static final int READ_BYTES = 64 * 1024;

    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final byte[] readBytes;
    private final WireBuffer wire = new WireBuffer(8 * 1024);
    private volatile boolean running = true;
    private volatile boolean draining;

    /** @param maxHeadBytes the most bytes of one unfinished head that a connection may hold */
    IoLoop(int maxHeadBytes) throws IOException {
        this.selector = Selector.open();
        // What a connection held is moved to the front before each read, so a read always has room.
        this.readBytes = new byte[Math.max(READ_BYTES, maxHeadBytes + 8 * 1024)];
    }

    Selector selector() {
        return selector;
    }

    byte[] readBytes() {
        return readBytes;
    }

    WireBuffer wire() {
        return wire;
    }

    /** Runs {@code task} on this loop's thread soon. Any thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Takes a new connection; it is registered on the loop's thread. Any thread. */
    void adopt(Connection connection) {
        connections.add(connection);
        execute(() -> {
            try {
                connection.register();
            } catch (IOException e) {
                connection.close();
            }
        });
    }

    void forget(Connection connection) {
        connections.remove(connection);
    }

    /** Stop accepting work: serve what already arrived, close the idle, finish what is in flight. */
    void drain() {
        draining = true;
        execute(() -> {
            try {
                selector.selectNow(this::onSelected);
            } catch (IOException e) {
                LOG.warn("could not serve the last requests: {}", e.toString());
            }
            for (Connection connection : new ArrayList<>(connections)) connection.closeIfIdle();
        });
    }

    /** Closes every connection left and ends the thread. Any thread. */
    void shutdown() {
        running = false;
        selector.wakeup();
    }

    boolean isEmpty() {
        return connections.isEmpty();
    }

    @Override
    public void run() {
        long nextSweep = System.nanoTime();
        try {
            while (running) {
                selector.select(this::onSelected, SWEEP_MILLIS);
                runTasks();
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    for (SelectionKey key : selector.keys()) {
                        if (key.isValid()) ((Connection) key.attachment()).expireIfOverdue(now);
                    }
                    if (draining) {
                        for (Connection connection : new ArrayList<>(connections)) connection.closeIfIdle();
                    }
                    nextSweep = now + SWEEP_MILLIS * 1_000_000;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("I/O loop failed; its connections are closed", e);
        } finally {
            runTasks();
            for (Connection connection : new ArrayList<>(connections)) connection.close();
            try {
                selector.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    private void onSelected(SelectionKey key) {
        if (!key.isValid()) return;
        Connection connection = (Connection) key.attachment();
        try {
            connection.onReady();
        } catch (RuntimeException e) {
            // One connection's bug must not end the loop, and with it every other connection.
            LOG.error("connection failed on the I/O thread", e);
            connection.close();
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) task.run();
    }
}
