package minihttp.server;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the open connections, in all and per client address, and says whether one more may
 * open: at most {@code maxConnections} in all and {@code maxPerClient} from one address.
 * {@link #admit} answers a {@link Slot}, which the connection holds until it closes, or a
 * {@link Refusal}. A slot gives its place back exactly once however often, and from whichever
 * threads, it is released, so every path that closes a connection may release it. An address is
 * removed as its last connection closes, so the map holds only addresses with open connections
 * (at most {@code maxConnections}). A refusal allocates nothing. Thread-safe, without locks.
 */
final class ConnectionLimits {

    /** What {@link #admit} answers: a slot to hold, or why there is none. */
    sealed interface Admission permits Slot, Refusal {
    }

    /** Why a connection was refused. */
    enum Refusal implements Admission {
        /** {@code maxConnections} are open. */
        SERVER_FULL,
        /** {@code maxPerClient} are open from this client's address. */
        CLIENT_FULL
    }

    /** One open connection's place under the limits. */
    final class Slot implements Admission {
        private final InetAddress client;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(InetAddress client) {
            this.client = client;
        }

        /** Gives the place back; only the first call counts. Any thread. */
        void release() {
            if (!released.compareAndSet(false, true)) return;
            leave(client);
            open.decrementAndGet();
        }
    }

    private final int maxConnections;
    private final int maxPerClient;
    private final AtomicInteger open = new AtomicInteger();
    /** Open connections per client address; never holds an address with none. */
    private final ConcurrentMap<InetAddress, Integer> perClient = new ConcurrentHashMap<>();

    ConnectionLimits(int maxConnections, int maxPerClient) {
        if (maxConnections < 1 || maxPerClient < 1) throw new IllegalArgumentException("limits must be positive");
        this.maxConnections = maxConnections;
        this.maxPerClient = maxPerClient;
    }

    /** A slot for a new connection from {@code client}, or why not. Any thread. */
    Admission admit(InetAddress client) {
        int count;
        do {
            count = open.get();
            if (count >= maxConnections) return Refusal.SERVER_FULL;
        } while (!open.compareAndSet(count, count + 1));
        if (!enter(client)) {
            open.decrementAndGet();
            return Refusal.CLIENT_FULL;
        }
        return new Slot(client);
    }

    /**
     * One more for this address unless it holds its share. Compare-and-set on the map's values,
     * so that a count and the removal of an address at zero never interleave with another thread's.
     */
    private boolean enter(InetAddress client) {
        while (true) {
            Integer count = perClient.putIfAbsent(client, 1);
            if (count == null) return true;
            if (count >= maxPerClient) return false;
            if (perClient.replace(client, count, count + 1)) return true;
        }
    }

    private void leave(InetAddress client) {
        while (true) {
            Integer count = perClient.get(client);
            if (count == null) throw new IllegalStateException("released more connections than admitted");
            if (count == 1 ? perClient.remove(client, 1) : perClient.replace(client, count, count - 1)) return;
        }
    }

    int maxConnections() {
        return maxConnections;
    }

    int maxPerClient() {
        return maxPerClient;
    }

    /** Connections open now. */
    int open() {
        return open.get();
    }

    /** Connections open now from this address. */
    int openFrom(InetAddress client) {
        return perClient.getOrDefault(client, 0);
    }

    /** Addresses with a connection open now: the size of the per-client map. */
    int clients() {
        return perClient.size();
    }
}
