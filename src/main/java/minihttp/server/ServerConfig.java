package minihttp.server;

import java.time.Duration;
import minihttp.http.Headers;
import minihttp.http.Limits;

/**
 * How the server listens and how much it takes on.
 *
 * @param host          address to bind
 * @param port          port to bind; 0 picks a free one
 * @param threads       worker threads: the most requests that may block handled at once
 * @param queueCapacity connections with a request ready that may wait for a worker; past that, 503
 * @param idleTimeout   how long a keep-alive connection may sit between requests, and how long a
 *                      body read may stall
 * @param headerTimeout how long a client has to send a whole request head once it started (else 408)
 * @param shutdownGrace how long a stop waits for requests in flight
 * @param limits        protocol size limits
 * @param commonHeaders fields added to every response, errors included (CORS)
 * @param ioThreads     I/O threads, each with its own selector: one per core by default
 * @param maxConnections          connections held at once; past that a new one is answered 503 and closed
 * @param maxConnectionsPerClient connections held at once from one client address, likewise
 */
public record ServerConfig(String host, int port, int threads, int queueCapacity, Duration idleTimeout,
                           Duration headerTimeout, Duration shutdownGrace, Limits limits, Headers commonHeaders,
                           int ioThreads, int maxConnections, int maxConnectionsPerClient) {

    public static final int DEFAULT_THREADS = Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
    public static final int DEFAULT_QUEUE = 1024;
    public static final int DEFAULT_IO_THREADS = Runtime.getRuntime().availableProcessors();
    /**
     * Each connection is an open file; 10,000 leave half of a 20,000-file limit (this machine's; often far
     * more, as the JVM raises its soft limit to the hard one) for the rest: a selector per worker and per
     * I/O thread, files being sent, the database, the jars. Ten thousand idle keep-alive connections are
     * measured to cost no thread and no throughput to speak of (README, Performance).
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /**
     * One address may hold a tenth: ten hosts are needed to fill the server. Not lower, because many
     * users share an address (an office, a carrier's NAT), each browser opening up to six connections,
     * and a load tool such as wrk opens hundreds from one host.
     */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 1_000;

    public ServerConfig {
        if (threads < 1 || queueCapacity < 1 || ioThreads < 1) {
            throw new IllegalArgumentException("threads, queue and I/O threads must be positive");
        }
        if (maxConnections < 1 || maxConnectionsPerClient < 1) {
            throw new IllegalArgumentException("connection limits must be positive");
        }
    }

    /** With the default connection limits. */
    public ServerConfig(String host, int port, int threads, int queueCapacity, Duration idleTimeout,
                        Duration headerTimeout, Duration shutdownGrace, Limits limits, Headers commonHeaders,
                        int ioThreads) {
        this(host, port, threads, queueCapacity, idleTimeout, headerTimeout, shutdownGrace, limits, commonHeaders,
                ioThreads, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_CLIENT);
    }

    /** With one I/O thread per core and the default connection limits. */
    public ServerConfig(String host, int port, int threads, int queueCapacity, Duration idleTimeout,
                        Duration headerTimeout, Duration shutdownGrace, Limits limits, Headers commonHeaders) {
        this(host, port, threads, queueCapacity, idleTimeout, headerTimeout, shutdownGrace, limits, commonHeaders,
                DEFAULT_IO_THREADS);
    }

    /** The same with other connection limits. */
    public ServerConfig withConnectionLimits(int maxConnections, int maxConnectionsPerClient) {
        return new ServerConfig(host, port, threads, queueCapacity, idleTimeout, headerTimeout, shutdownGrace, limits,
                commonHeaders, ioThreads, maxConnections, maxConnectionsPerClient);
    }
}
