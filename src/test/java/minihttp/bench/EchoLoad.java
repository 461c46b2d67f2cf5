package minihttp.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A client for {@code GET /echo?message=...} over keep-alive HTTP/1.1 connections, all driven by
 * one {@link Selector} on the calling thread, with one request in flight per connection (no
 * pipelining): a new request goes out as soon as the previous answer is complete.
 *
 * <p>Every answer must be {@code 200} with a {@code Content-Length}, no {@code Connection: close}
 * and exactly the expected JSON body, and nothing may follow it. Anything else is an error: another
 * status, a malformed or over-long head, a close by the server, a socket error, bytes nobody asked
 * for, or no answer within {@link #STALL_LIMIT}. A connection with an error is closed and sends no
 * more. Connections that are not being driven stay open and unregistered, costing this process
 * nothing but a descriptor. Not thread-safe: one thread uses an instance.
 */
final class EchoLoad {
    static final Duration STALL_LIMIT = Duration.ofSeconds(5);
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(5);
    /** An echo answer is about 250 bytes; its head must fit here. */
    private static final int READ_BYTES = 4096;
    private static final long CHECK_NANOS = 100_000_000L;
    /** Latencies kept per run for the percentiles: 16 MiB, more than 10 s of loopback echo. */
    private static final int LATENCY_SAMPLES = 4_000_000;
    private static final int ERRORS_KEPT = 5;

    private final InetSocketAddress server;

    EchoLoad(InetSocketAddress server) {
        this.server = server;
    }

    /** Opens {@code count} connections one after the other; on a failure closes those opened and throws. */
    List<SocketChannel> connect(int count) throws IOException {
        List<SocketChannel> opened = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                SocketChannel channel = SocketChannel.open();
                opened.add(channel);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.socket().connect(server, (int) CONNECT_LIMIT.toMillis());
                channel.configureBlocking(false);
            }
            return opened;
        } catch (IOException e) {
            closeAll(opened);
            throw new IOException("could not open connection " + opened.size() + " of " + count + ": " + e, e);
        }
    }

    static void closeAll(List<SocketChannel> channels) {
        for (SocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** One request on each connection. */
    Tally once(List<SocketChannel> connections, String message) throws IOException {
        long now = System.nanoTime();
        return drive(connections, message, 1, now, now + STALL_LIMIT.toNanos());
    }

    /**
     * Requests back to back on every connection for {@code duration}. Answers still in flight at the
     * end are awaited (up to the stall limit) for errors but do not count toward the rate.
     */
    Tally load(List<SocketChannel> connections, String message, Duration duration) throws IOException {
        long now = System.nanoTime();
        return drive(connections, message, Integer.MAX_VALUE, now, now + duration.toNanos());
    }

    private Tally drive(List<SocketChannel> connections, String message, int perConnection, long measureFrom,
                        long stopSending) throws IOException {
        if (!message.matches("[a-z-]+")) throw new IllegalArgumentException("message must be [a-z-]+");
        byte[] request = ("GET /echo?message=" + message + " HTTP/1.1\r\nHost: " + server.getHostString() + ":"
                + server.getPort() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.US_ASCII);
        Tally tally = new Tally(measureFrom, stopSending);
        Run run = new Run(request, body, perConnection, stopSending, tally);
        try (Selector selector = Selector.open()) {
            List<Exchange> exchanges = new ArrayList<>(connections.size());
            for (SocketChannel channel : connections) {
                if (!channel.isOpen()) {
                    tally.error("connection was already closed");
                    continue;
                }
                Exchange exchange = new Exchange(channel);
                exchange.key = channel.register(selector, 0, exchange);
                exchanges.add(exchange);
                run.send(exchange, System.nanoTime());
            }
            long hardStop = stopSending + STALL_LIMIT.toNanos();
            long nextCheck = System.nanoTime() + CHECK_NANOS;
            while (run.inFlight > 0) {
                long now = System.nanoTime();
                if (now - hardStop >= 0) break;
                selector.select(key -> run.onReady((Exchange) key.attachment()), 100);
                now = System.nanoTime();
                if (now - nextCheck >= 0) {
                    for (Exchange exchange : exchanges) {
                        if (exchange.sentAt != 0 && now - exchange.sentAt > STALL_LIMIT.toNanos()) {
                            run.fail(exchange, "no answer within " + STALL_LIMIT.toSeconds() + " s");
                        }
                    }
                    nextCheck = now + CHECK_NANOS;
                }
            }
            for (Exchange exchange : exchanges) {
                if (exchange.sentAt != 0) run.fail(exchange, "no answer by the end of the run");
            }
        }
        // Closing the selector deregistered every channel; they stay open and non-blocking.
        return tally;
    }

    /** One connection during one run. */
    private static final class Exchange {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(READ_BYTES);
        ByteBuffer out;
        SelectionKey key;
        /** When the request in flight was sent; 0 when none is. */
        long sentAt;
        int sent;

        Exchange(SocketChannel channel) {
            this.channel = channel;
        }
    }

    /** The state of one {@link #drive} call. */
    private static final class Run {
        final byte[] request;
        final byte[] body;
        final int perConnection;
        final long stopSending;
        final Tally tally;
        int inFlight;

        Run(byte[] request, byte[] body, int perConnection, long stopSending, Tally tally) {
            this.request = request;
            this.body = body;
            this.perConnection = perConnection;
            this.stopSending = stopSending;
            this.tally = tally;
        }

        void send(Exchange exchange, long now) {
            if (exchange.sent >= perConnection || now - stopSending >= 0) {
                exchange.key.interestOps(SelectionKey.OP_READ); // an unasked-for byte or a close is still an error
                return;
            }
            exchange.sent++;
            exchange.sentAt = now;
            inFlight++;
            exchange.out = ByteBuffer.wrap(request);
            try {
                exchange.channel.write(exchange.out);
            } catch (IOException e) {
                fail(exchange, "write failed: " + e);
                return;
            }
            exchange.key.interestOps(exchange.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        void onReady(Exchange exchange) {
            try {
                if (exchange.key.isWritable()) {
                    exchange.channel.write(exchange.out);
                    if (!exchange.out.hasRemaining()) exchange.key.interestOps(SelectionKey.OP_READ);
                    return;
                }
                if (!exchange.key.isReadable()) return;
                int n = exchange.channel.read(exchange.in);
                if (n < 0) {
                    fail(exchange, "closed by the server after " + (exchange.sent - 1) + " answer(s)");
                    return;
                }
                if (exchange.sentAt == 0) {
                    fail(exchange, "bytes arrived with no request in flight");
                    return;
                }
                if (!isWholeAnswer(exchange.in, body)) return;
                long now = System.nanoTime();
                tally.answered(now, now - exchange.sentAt);
                exchange.sentAt = 0;
                exchange.in.clear();
                inFlight--;
                send(exchange, now);
            } catch (BadAnswer e) {
                fail(exchange, e.getMessage());
            } catch (IOException e) {
                fail(exchange, "socket error: " + e);
            }
        }

        void fail(Exchange exchange, String reason) {
            tally.error(reason);
            if (exchange.sentAt != 0) inFlight--;
            exchange.sentAt = 0;
            try {
                exchange.channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** Whether {@code in} holds a whole valid answer, and nothing more. @throws BadAnswer if it cannot become one */
    private static boolean isWholeAnswer(ByteBuffer in, byte[] body) throws BadAnswer {
        byte[] bytes = in.array();
        int end = in.position();
        int headEnd = -1;
        for (int i = 3; i < end; i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                headEnd = i + 1;
                break;
            }
        }
        if (headEnd < 0) {
            if (end == bytes.length) throw new BadAnswer("head longer than " + bytes.length + " bytes");
            return false;
        }
        String[] lines = new String(bytes, 0, headEnd - 4, StandardCharsets.ISO_8859_1).split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 ")) throw new BadAnswer("bad status line: " + lines[0]);
        if (!lines[0].startsWith("HTTP/1.1 200 ")) throw new BadAnswer("status " + lines[0].substring(9));
        long length = -1;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) throw new BadAnswer("bad header line: " + lines[i]);
            String name = lines[i].substring(0, colon).toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            if (name.equals("content-length")) {
                try {
                    length = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new BadAnswer("bad Content-Length: " + value);
                }
            } else if (name.equals("transfer-encoding")) {
                throw new BadAnswer("Transfer-Encoding " + value + " where a Content-Length was expected");
            } else if (name.equals("connection") && value.toLowerCase(Locale.ROOT).contains("close")) {
                throw new BadAnswer("Connection: close on a keep-alive request");
            }
        }
        if (length != body.length) throw new BadAnswer("Content-Length " + length + ", expected " + body.length);
        if (end < headEnd + length) return false;
        if (end > headEnd + length) throw new BadAnswer((end - headEnd - length) + " bytes after the answer");
        if (!Arrays.equals(bytes, headEnd, end, body, 0, body.length)) {
            throw new BadAnswer("body " + new String(bytes, headEnd, end - headEnd, StandardCharsets.ISO_8859_1));
        }
        return true;
    }

    private static final class BadAnswer extends Exception {
        private static final long serialVersionUID = 1L;

        BadAnswer(String message) {
            super(message);
        }
    }

    /** What one run counted: answers, errors, and the rate and latencies while requests were being sent. */
    static final class Tally {
        private final long measureFrom;
        private final long measureTo;
        private final long[] perSecond;
        private int[] latencies = new int[1024];
        private int latencyCount;
        private long answers;
        private long measured;
        private long errors;
        private final List<String> firstErrors = new ArrayList<>();

        private Tally(long measureFrom, long measureTo) {
            this.measureFrom = measureFrom;
            this.measureTo = measureTo;
            this.perSecond = new long[(int) Math.max(1, (measureTo - measureFrom + 999_999_999L) / 1_000_000_000L)];
        }

        private void answered(long at, long latencyNanos) {
            answers++;
            if (at - measureFrom < 0 || at - measureTo >= 0) return;
            measured++;
            perSecond[(int) ((at - measureFrom) / 1_000_000_000L)]++;
            if (latencyCount == latencies.length && latencyCount < LATENCY_SAMPLES) {
                latencies = Arrays.copyOf(latencies, Math.min(LATENCY_SAMPLES, 2 * latencyCount));
            }
            if (latencyCount < latencies.length) latencies[latencyCount++] = (int) Math.min(Integer.MAX_VALUE, latencyNanos / 1000);
        }

        private void error(String reason) {
            errors++;
            if (firstErrors.size() < ERRORS_KEPT) firstErrors.add(reason);
        }

        long answers() {
            return answers;
        }

        long errors() {
            return errors;
        }

        List<String> firstErrors() {
            return List.copyOf(firstErrors);
        }

        /** Answers per second within the measured window. */
        double rate() {
            return measured / ((measureTo - measureFrom) / 1e9);
        }

        long[] perSecond() {
            return perSecond.clone();
        }

        /** The latency below which {@code fraction} of the measured answers came, in microseconds. */
        long latencyMicros(double fraction) {
            if (latencyCount == 0) return -1;
            int[] sorted = Arrays.copyOf(latencies, latencyCount);
            Arrays.sort(sorted);
            return sorted[Math.min(latencyCount - 1, (int) (fraction * latencyCount))];
        }
    }
}
