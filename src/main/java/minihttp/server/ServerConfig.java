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
 */
public record ServerConfig(String host, int port, int threads, int queueCapacity, Duration idleTimeout,
                           Duration headerTimeout, Duration shutdownGrace, Limits limits, Headers commonHeaders,
                           int ioThreads) {

    public static final int DEFAULT_THREADS = Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
    public static final int DEFAULT_QUEUE = 1024;
    public static final int DEFAULT_IO_THREADS = Runtime.getRuntime().availableProcessors();

    public ServerConfig {
        if (threads < 1 || queueCapacity < 1 || ioThreads < 1) {
            throw new IllegalArgumentException("threads, queue and I/O threads must be positive");
        }
    }

    /** With one I/O thread per core. */
    public ServerConfig(String host, int port, int threads, int queueCapacity, Duration idleTimeout,
                        Duration headerTimeout, Duration shutdownGrace, Limits limits, Headers commonHeaders) {
        this(host, port, threads, queueCapacity, idleTimeout, headerTimeout, shutdownGrace, limits, commonHeaders,
                DEFAULT_IO_THREADS);
    }
}
