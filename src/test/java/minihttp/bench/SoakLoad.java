package minihttp.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak's clients: a fixed set of threads, each driving one kind of traffic at one server
 * until the phase ends, all at once, and tallying what it saw. The well-behaved kinds (reads,
 * writes, static files, new connections) count as an error anything but the exact answer
 * expected: another status (a {@code 503} included), other bytes, a close, a reset, a timeout.
 * The hostile kinds count as an error only what the server must never do: let a head sent slower
 * than the header timeout through, or time it out far too early or late; keep serving a client
 * that stopped reading for longer than the idle timeout, or drop one that paused for less; answer
 * garbage with anything but a 4xx, {@code 501} or {@code 505} (a close or a reset is fine); or
 * leave any client without an answer or a close for the read timeout.
 *
 * <p>Writers keep a steady pace, all of them together the given writes per second; the other
 * clients go as fast as the answers come. Every wait is bounded by the read timeout, every loop
 * by the end of the phase; an exchange under way when the phase ends is cut short (the socket
 * closed), not counted. Writes are recorded in {@link AcknowledgedWrites}. Thread-safe:
 * {@link #start} may be called again for the next phase, and the tallies add up.
 */
final class SoakLoad {
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** A head sent one byte at this interval takes about 10 s, five times the soak's header timeout. */
    private static final Duration SLOW_BYTE_INTERVAL = Duration.ofMillis(100);
    private static final int STALLED_RECEIVE_BUFFER = 8 * 1024;
    /** Pipelined requests for the large file by a client that stops reading: more than the kernel buffers hold. */
    private static final int STALLED_REQUESTS = 8;
    /** How long, past the end of a phase, a client thread may take to notice it (its longest wait). */
    private static final Duration FINISH_LIMIT = READ_TIMEOUT.plusSeconds(5);
    private static final int ERRORS_KEPT = 5;
    private static final String HOST = "Host: 127.0.0.1\r\n";
    private static final Pattern LOCATION = Pattern.compile("/data/(\\d+)");

    /** The kinds of client and how many threads each gets. */
    enum Kind {
        KEEP_ALIVE_READS("keep-alive reads", 2),
        WRITES("writes", 2),
        STATIC_FILES("static files", 1),
        NEW_CONNECTIONS("new connection per request", 1),
        SLOW_HEADS("slow heads", 2),
        STALLED_READERS("stalled readers", 2),
        GARBAGE("garbage", 1);

        final String label;
        final int threads;

        Kind(String label, int threads) {
            this.label = label;
            this.threads = threads;
        }
    }

    /**
     * Requests (or exchanges, for the hostile kinds) done, errors, how the hostile exchanges ended,
     * and the first few errors in words. Thread-safe.
     */
    static final class Tally {
        private final LongAdder requests = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final Map<String, LongAdder> outcomes = new ConcurrentSkipListMap<>();
        private final List<String> firstErrors = new ArrayList<>();

        void requests(int count) {
            requests.add(count);
        }

        void outcome(String what) {
            outcomes.computeIfAbsent(what, key -> new LongAdder()).increment();
            requests.increment();
        }

        void error(String what) {
            errors.increment();
            synchronized (firstErrors) {
                if (firstErrors.size() < ERRORS_KEPT) firstErrors.add(what);
            }
        }

        long requests() {
            return requests.sum();
        }

        long errors() {
            return errors.sum();
        }

        Map<String, Long> outcomes() {
            Map<String, Long> counts = new TreeMap<>();
            outcomes.forEach((what, count) -> counts.put(what, count.sum()));
            return counts;
        }

        List<String> firstErrors() {
            synchronized (firstErrors) {
                return List.copyOf(firstErrors);
            }
        }
    }

    /** The static files served during the soak: a small text file and a binary one of about 1 MiB. */
    record StaticContent(byte[] small, byte[] large) {
        static final String SMALL = "small.txt";
        static final String LARGE = "large.bin";

        /** Writes both files into {@code folder}, their content drawn from {@code seed}. */
        static StaticContent create(Path folder, long seed) throws IOException {
            Random random = new Random(seed);
            StringBuilder text = new StringBuilder();
            while (text.length() < 2000) text.append("line ").append(random.nextInt(1_000_000)).append(" of the small file\n");
            byte[] large = new byte[(1 << 20) + 4321];
            random.nextBytes(large);
            StaticContent content = new StaticContent(text.toString().getBytes(StandardCharsets.UTF_8), large);
            Files.createDirectories(folder);
            Files.write(folder.resolve(SMALL), content.small());
            Files.write(folder.resolve(LARGE), content.large());
            return content;
        }
    }

    /** The server's answer was not the one expected; the message says what was asked and what came. */
    static final class WrongAnswer extends Exception {
        private static final long serialVersionUID = 1L;

        WrongAnswer(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    private interface KeepAliveStep {
        /** One exchange or a few on an open connection; returns how many requests it made. */
        int run(ClientConnection connection, Random random) throws IOException, WrongAnswer;
    }

    @FunctionalInterface
    private interface Exchange {
        /** One exchange on a connection of its own; records its outcome or its requests in the tally. */
        void run(Random random, Tally tally, long endNanos) throws IOException, WrongAnswer;
    }

    private final InetSocketAddress address;
    private final StaticContent files;
    private final AcknowledgedWrites acknowledged;
    private final Duration headerTimeout;
    private final Duration idleTimeout;
    private final int writesPerSecond;
    private final long seed;
    private final Map<Kind, Tally> tallies = new EnumMap<>(Kind.class);
    private int phases;

    /**
     * The timeouts are the server's, which the hostile clients check; {@code writesPerSecond} paces
     * the writers (all of them together; 0: as fast as answers come).
     */
    SoakLoad(InetSocketAddress address, StaticContent files, AcknowledgedWrites acknowledged, Duration headerTimeout,
             Duration idleTimeout, int writesPerSecond, long seed) {
        this.address = address;
        this.writesPerSecond = writesPerSecond;
        this.files = files;
        this.acknowledged = acknowledged;
        this.headerTimeout = headerTimeout;
        this.idleTimeout = idleTimeout;
        this.seed = seed;
        for (Kind kind : Kind.values()) tallies.put(kind, new Tally());
    }

    Map<Kind, Tally> tallies() {
        return tallies;
    }

    int threads() {
        return Arrays.stream(Kind.values()).mapToInt(kind -> kind.threads).sum();
    }

    /** A phase under way: its client threads. */
    final class Phase {
        private final Map<Thread, Kind> threads;
        private final long endNanos;

        private Phase(Map<Thread, Kind> threads, long endNanos) {
            this.threads = threads;
            this.endNanos = endNanos;
        }

        /**
         * Waits for every client thread, at most {@link #FINISH_LIMIT} past the end of the phase. A
         * thread still running then counts as an error of its kind (and is interrupted).
         */
        void await() throws InterruptedException {
            long limit = endNanos + FINISH_LIMIT.toNanos();
            for (Map.Entry<Thread, Kind> entry : threads.entrySet()) {
                Thread thread = entry.getKey();
                thread.join(Math.max(1, (limit - System.nanoTime()) / 1_000_000));
                if (thread.isAlive()) {
                    tallies.get(entry.getValue()).error(thread.getName() + " still running " + FINISH_LIMIT.toSeconds()
                            + " s after the end of the phase");
                    thread.interrupt();
                }
            }
        }
    }

    /** Starts every client thread; they stop starting exchanges after {@code length}. */
    synchronized Phase start(Duration length) {
        int phase = phases++;
        long endNanos = System.nanoTime() + length.toNanos();
        Map<Thread, Kind> threads = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < kind.threads; i++) {
                Random random = new Random(seed * 31 + phase * 1000L + kind.ordinal() * 100L + i);
                String name = "soak-" + kind.name() + "-" + i;
                Runnable body = client(kind, i, name, random, tallies.get(kind), endNanos);
                Thread thread = new Thread(body, name);
                thread.setDaemon(true);
                threads.put(thread, kind);
            }
        }
        threads.keySet().forEach(Thread::start);
        return new Phase(threads, endNanos);
    }

    private Runnable client(Kind kind, int index, String name, Random random, Tally tally, long endNanos) {
        return switch (kind) {
            case KEEP_ALIVE_READS -> () -> keepAlive(random, tally, endNanos, this::read);
            case WRITES -> {
                int[] count = {0};
                long interval = writesPerSecond == 0 ? 0 : 1_000_000_000L * Kind.WRITES.threads / writesPerSecond;
                long[] next = {System.nanoTime()};
                yield () -> keepAlive(random, tally, endNanos, (connection, r) -> {
                    // A steady pace, the same on any machine; no burst to catch up after a slow answer.
                    next[0] = Math.max(next[0] + interval, System.nanoTime());
                    sleepUntil(Math.min(next[0], endNanos));
                    return write(connection, r, name + "-" + count[0]++, false);
                });
            }
            case STATIC_FILES -> () -> keepAlive(random, tally, endNanos, this::staticFile);
            case NEW_CONNECTIONS -> {
                int[] count = {0};
                yield () -> exchanges(random, tally, endNanos, (r, t, end) -> newConnection(r, t, name + "-" + count[0]++));
            }
            case SLOW_HEADS -> () -> exchanges(random, tally, endNanos, this::slowHead);
            // One thread pauses for less than the idle timeout, the other for more.
            case STALLED_READERS -> () -> exchanges(random, tally, endNanos, (r, t, end) -> stalledReader(t, end, index % 2 == 0));
            case GARBAGE -> () -> exchanges(random, tally, endNanos, (r, t, end) -> garbage(r, t));
        };
    }

    private void keepAlive(Random random, Tally tally, long endNanos, KeepAliveStep step) {
        ClientConnection connection = null;
        try {
            while (before(endNanos)) {
                try {
                    if (connection == null) connection = ClientConnection.open(address, READ_TIMEOUT);
                    tally.requests(step.run(connection, random));
                } catch (IOException | WrongAnswer e) {
                    tally.error(describe(e));
                    if (connection != null) connection.close();
                    connection = null;
                    pauseAfterError();
                }
            }
        } catch (RuntimeException e) {
            tally.error(describe(e));
        } finally {
            if (connection != null) connection.close();
        }
    }

    private void exchanges(Random random, Tally tally, long endNanos, Exchange exchange) {
        while (before(endNanos)) {
            try {
                exchange.run(random, tally, endNanos);
            } catch (IOException | WrongAnswer | RuntimeException e) {
                tally.error(describe(e));
                pauseAfterError();
            }
        }
    }

    // ---- well-behaved clients

    private int read(ClientConnection connection, Random random) throws IOException, WrongAnswer {
        int choice = random.nextInt(10);
        if (choice < 6) return readItem(connection, random, false);
        if (choice < 8) return welcome(connection, false);
        if (choice < 9) return listPage(connection, random);
        // Two requests in one write: the answers must come back in order.
        long id = acknowledged.pick(random);
        if (id < 0) return welcome(connection, false);
        connection.send(concat(request("GET", "/", false, "", null), request("GET", "/data/" + id, false, "", null)));
        checkWelcome(connection.read(false), false);
        checkItem(connection.read(false), id, false);
        return 2;
    }

    private int welcome(ClientConnection connection, boolean close) throws IOException, WrongAnswer {
        connection.send(request("GET", "/", close, "", null));
        checkWelcome(connection.read(false), close);
        return 1;
    }

    private static void checkWelcome(ClientConnection.Response response, boolean close) throws WrongAnswer {
        expect(response, 200, "GET /", close);
        if (!response.bodyText().startsWith("Welcome to minihttp!")) {
            throw new WrongAnswer("GET / answered " + ClientConnection.abbreviate(response.bodyText()));
        }
    }

    private int readItem(ClientConnection connection, Random random, boolean close) throws IOException, WrongAnswer {
        long id = acknowledged.pick(random);
        if (id < 0) return welcome(connection, close);
        connection.send(request("GET", "/data/" + id, close, "", null));
        checkItem(connection.read(false), id, close);
        return 1;
    }

    private void checkItem(ClientConnection.Response response, long id, boolean close) throws WrongAnswer {
        expect(response, 200, "GET /data/" + id, close);
        byte[] expected = acknowledged.body(id);
        if (!Arrays.equals(response.body(), expected)) {
            throw new WrongAnswer("GET /data/" + id + " answered " + ClientConnection.abbreviate(response.bodyText())
                    + ", not the acknowledged " + ClientConnection.abbreviate(new String(expected, StandardCharsets.UTF_8)));
        }
    }

    private int listPage(ClientConnection connection, Random random) throws IOException, WrongAnswer {
        long after = Math.max(0, acknowledged.pick(random) - 1);
        String target = "/data?after=" + after + "&limit=5";
        connection.send(request("GET", target, false, "", null));
        ClientConnection.Response response = connection.read(false);
        expect(response, 200, "GET " + target, false);
        List<byte[]> items = AcknowledgedWrites.splitArray(response.body());
        for (byte[] item : items) {
            long id = AcknowledgedWrites.leadingId(item);
            byte[] expected = acknowledged.body(id);
            // An item written but not yet acknowledged may be listed already.
            if (id <= after || (expected != null && !Arrays.equals(item, expected))) {
                throw new WrongAnswer("GET " + target + " listed " + ClientConnection.abbreviate(new String(item, StandardCharsets.UTF_8)));
            }
        }
        return 1;
    }

    /**
     * {@code POST /data} with a new item (a chunked body one time in four); the answer must be
     * {@code 201} with the item as sent, its id put first, and a matching {@code Location}.
     */
    private int write(ClientConnection connection, Random random, String label, boolean close)
            throws IOException, WrongAnswer {
        String json = "{\"soak\":\"" + label + "\",\"n\":" + random.nextInt(1_000_000) + ",\"price\":1.10,\"text\":\""
                + text(random) + "\",\"tags\":[1,\"two\",{\"three\":null}]}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String type = "Content-Type: application/json\r\n";
        if (random.nextInt(4) == 0) {
            int cut = random.nextInt(body.length);
            String head = "POST /data HTTP/1.1\r\n" + HOST + type + "Transfer-Encoding: chunked\r\n"
                    + (close ? "Connection: close\r\n" : "") + "\r\n";
            connection.send(concat(head.getBytes(StandardCharsets.US_ASCII), chunk(body, 0, cut), chunk(body, cut, body.length),
                    "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        } else {
            connection.send(request("POST", "/data", close, type, body));
        }
        ClientConnection.Response response = connection.read(false);
        expect(response, 201, "POST /data", close);
        String location = response.header("Location");
        Matcher matcher = LOCATION.matcher(location == null ? "" : location);
        if (!matcher.matches()) throw new WrongAnswer("POST /data answered 201 with Location " + location);
        long id = Long.parseLong(matcher.group(1));
        byte[] expected = ("{\"id\":" + id + "," + json.substring(1)).getBytes(StandardCharsets.UTF_8);
        if (!Arrays.equals(response.body(), expected)) {
            throw new WrongAnswer("POST /data answered " + ClientConnection.abbreviate(response.bodyText()) + " for "
                    + ClientConnection.abbreviate(json));
        }
        acknowledged.add(id, response.body());
        return 1;
    }

    private int staticFile(ClientConnection connection, Random random) throws IOException, WrongAnswer {
        int choice = random.nextInt(10);
        if (choice < 4) return smallFile(connection, false);
        if (choice < 6) {
            connection.send(request("GET", "/static/" + StaticContent.LARGE, false, "", null));
            ClientConnection.Response response = connection.read(false);
            expect(response, 200, "GET /static/" + StaticContent.LARGE, false);
            if (!Arrays.equals(response.body(), files.large())) throw new WrongAnswer("GET /static/large.bin: other bytes");
            return 1;
        }
        if (choice < 9) {
            byte[] content = choice < 8 ? files.large() : files.small();
            String name = choice < 8 ? StaticContent.LARGE : StaticContent.SMALL;
            int first = random.nextInt(content.length);
            int last = first + random.nextInt(Math.min(content.length - first, 256 * 1024));
            connection.send(request("GET", "/static/" + name, false, "Range: bytes=" + first + "-" + last + "\r\n", null));
            ClientConnection.Response response = connection.read(false);
            expect(response, 206, "GET /static/" + name + " bytes " + first + "-" + last, false);
            String range = "bytes " + first + "-" + last + "/" + content.length;
            if (!range.equals(response.header("Content-Range"))
                    || !Arrays.equals(response.body(), Arrays.copyOfRange(content, first, last + 1))) {
                throw new WrongAnswer("GET /static/" + name + " bytes " + first + "-" + last + " answered Content-Range "
                        + response.header("Content-Range") + " and " + response.body().length + " bytes");
            }
            return 1;
        }
        // Revalidation: the tag just received makes the next GET a 304.
        connection.send(request("GET", "/static/" + StaticContent.SMALL, false, "", null));
        ClientConnection.Response full = connection.read(false);
        expect(full, 200, "GET /static/small.txt", false);
        connection.send(request("GET", "/static/" + StaticContent.SMALL, false, "If-None-Match: " + full.header("ETag") + "\r\n", null));
        expect(connection.read(false), 304, "GET /static/small.txt with If-None-Match", false);
        return 2;
    }

    private int smallFile(ClientConnection connection, boolean close) throws IOException, WrongAnswer {
        connection.send(request("GET", "/static/" + StaticContent.SMALL, close, "", null));
        ClientConnection.Response response = connection.read(false);
        expect(response, 200, "GET /static/" + StaticContent.SMALL, close);
        if (!Arrays.equals(response.body(), files.small())) throw new WrongAnswer("GET /static/small.txt: other bytes");
        return 1;
    }

    /** One request with {@code Connection: close} on a new connection, which the server must then close. */
    private void newConnection(Random random, Tally tally, String label) throws IOException, WrongAnswer {
        try (ClientConnection connection = ClientConnection.open(address, READ_TIMEOUT)) {
            int choice = random.nextInt(4);
            int requests = switch (choice) {
                case 0 -> welcome(connection, true);
                case 1 -> readItem(connection, random, true);
                case 2 -> write(connection, random, label, true);
                default -> smallFile(connection, true);
            };
            if (!connection.closesWithoutMore()) {
                throw new WrongAnswer("the server sent more after answering a request with Connection: close");
            }
            tally.requests(requests);
        }
    }

    // ---- hostile clients

    /**
     * A head sent one byte at a time, slower than the header timeout allows: the server must
     * answer {@code 408} or close once the header timeout has passed since the first byte, not
     * much earlier or later.
     */
    private void slowHead(Random random, Tally tally, long endNanos) throws IOException, WrongAnswer {
        byte[] head = ("GET /data?limit=" + (1 + random.nextInt(9)) + " HTTP/1.1\r\n" + HOST
                + "User-Agent: minihttp-soak (a slow head)\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (ClientConnection connection = ClientConnection.open(address, READ_TIMEOUT)) {
            long started = System.nanoTime();
            String outcome = null;
            for (int i = 0; i < head.length && outcome == null; i++) {
                if (!before(endNanos)) {
                    return; // cut short by the end of the phase
                }
                try {
                    connection.send(head, i, 1);
                    ClientConnection.Arrival arrival = connection.await(SLOW_BYTE_INTERVAL);
                    if (arrival == ClientConnection.Arrival.END) outcome = "closed";
                    else if (arrival == ClientConnection.Arrival.BYTES) outcome = Integer.toString(connection.read(false).status());
                } catch (SocketTimeoutException e) {
                    throw e;
                } catch (EOFException e) {
                    outcome = "closed";
                } catch (IOException e) {
                    outcome = "reset";
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (outcome == null) {
                throw new WrongAnswer("a head sent over " + String.format("%.1f", seconds) + " s was not timed out (header timeout "
                        + headerTimeout.toSeconds() + " s)");
            }
            if (!outcome.equals("408") && !outcome.equals("closed") && !outcome.equals("reset")) {
                throw new WrongAnswer("a head sent slower than the header timeout was answered " + outcome);
            }
            double timeout = headerTimeout.toMillis() / 1e3;
            // The lower bound allows for the time the first byte spends on the way; the upper one for the
            // server's sweep and a busy machine.
            if (seconds < timeout - 0.2 || seconds > timeout + 3) {
                throw new WrongAnswer(String.format("a slow head ended (%s) after %.2f s; the header timeout is %.0f s",
                        outcome, seconds, timeout));
            }
            tally.outcome(outcome);
        }
    }

    /**
     * Asks for the large file several times in one write, with a small receive window, then stops
     * reading. {@code resume}: for half the idle timeout, then reads every answer, which must all
     * be there, whole; else for the idle timeout and two seconds more, then reads what there is:
     * the server must have given up and closed before the last answer.
     */
    private void stalledReader(Tally tally, long endNanos, boolean resume) throws IOException, WrongAnswer {
        byte[] one = request("GET", "/static/" + StaticContent.LARGE, false, "", null);
        byte[] all = new byte[one.length * STALLED_REQUESTS];
        for (int i = 0; i < STALLED_REQUESTS; i++) System.arraycopy(one, 0, all, i * one.length, one.length);
        Duration pause = resume ? idleTimeout.dividedBy(2) : idleTimeout.plusSeconds(2);
        try (ClientConnection connection = ClientConnection.open(address, READ_TIMEOUT, STALLED_RECEIVE_BUFFER)) {
            connection.send(all);
            if (!sleepUntil(Math.min(System.nanoTime() + pause.toNanos(), endNanos)) || !before(endNanos)) {
                return; // cut short by the end of the phase: closed with answers unread
            }
            int complete = 0;
            try {
                for (; complete < STALLED_REQUESTS; complete++) {
                    ClientConnection.Response response = connection.read(false);
                    expect(response, 200, "GET /static/large.bin after a pause", false);
                    if (!Arrays.equals(response.body(), files.large())) {
                        throw new WrongAnswer("GET /static/large.bin after a pause: other bytes");
                    }
                }
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                if (resume) {
                    throw new IOException("after a pause of " + pause.toMillis() + " ms (idle timeout " + idleTimeout.toSeconds()
                            + " s) answer " + (complete + 1) + " of " + STALLED_REQUESTS + " failed: " + e, e);
                }
                tally.outcome("dropped after a pause past the idle timeout");
                return;
            }
            if (!resume) {
                throw new WrongAnswer("a client that stopped reading for " + pause.toSeconds() + " s (idle timeout "
                        + idleTimeout.toSeconds() + " s) still got all " + STALLED_REQUESTS + " answers");
            }
            tally.outcome("read all " + STALLED_REQUESTS + " answers after a short pause");
        }
    }

    /** Malformed requests; each must get a 4xx, 501 or 505, or a close. Nothing here may store an item. */
    private static final List<byte[]> MALFORMED = List.of(
            bytes("GET / HTTP/1.1\r\n" + HOST + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
            bytes("GET /\0 HTTP/1.1\r\n" + HOST + "\r\n"),
            bytes("GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n"),
            bytes("GET / HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n"),
            bytes("GET / HTTP/1.1\r\n" + HOST + " folded\r\n\r\n"),
            bytes("GET / HTTP/1.1\r\n\r\n"),
            bytes("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
            bytes("GET / HTTP/1.1\rHost: 127.0.0.1\r\n\r\n"),
            bytes("GET / HTTP/3.0\r\n" + HOST + "\r\n"),
            bytes("BREW /pot HTTP/1.1\r\n" + HOST + "\r\n"),
            bytes("GET /" + "a".repeat(9000) + " HTTP/1.1\r\n" + HOST + "\r\n"),
            bytes("GET / HTTP/1.1\r\n" + HOST + "X-Big: " + "b".repeat(17_000) + "\r\n\r\n"),
            bytes("GET / HTTP/1.1\r\n" + HOST + "Expect: tea\r\n\r\n"),
            bytes("GET / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: gzip\r\n\r\n"),
            bytes("GET / HTTP/1.1\r\n" + HOST + "Content-Length: -1\r\n\r\n"),
            bytes("\u00ff\u00fe\r\n\r\n"),
            bytes("POST /data HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "zz\r\n{}\r\n0\r\n\r\n"),
            bytes("POST /data HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "2\n{}\r\n0\r\n\r\n"),
            bytes("POST /data HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "2 \r\n{}\r\n0\r\n\r\n"),
            bytes("POST /data HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\nContent-Length: 99999999\r\n\r\n"),
            bytes("POST /data HTTP/1.1\r\n" + HOST + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi"),
            bytes("POST /data HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"a\":1,}x"),
            bytes("POST /data HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\n\r\n{}"),
            // A body cut short: 408 after the idle timeout, or a close after the half-close.
            bytes("POST /data HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\nContent-Length: 20\r\n\r\n{\"a\":"),
            bytes("GET /static/../../../etc/passwd HTTP/1.1\r\n" + HOST + "\r\n"));

    /**
     * Random bytes (one time in three) or a malformed request, sent on a new connection, half the
     * time followed by a half-close.
     */
    private void garbage(Random random, Tally tally) throws IOException, WrongAnswer {
        byte[] input;
        if (random.nextInt(3) == 0) {
            input = new byte[1 + random.nextInt(4096)];
            random.nextBytes(input);
        } else {
            input = MALFORMED.get(random.nextInt(MALFORMED.size()));
        }
        boolean halfClose = random.nextBoolean();
        try (ClientConnection connection = ClientConnection.open(address, READ_TIMEOUT)) {
            try {
                connection.send(input);
                if (halfClose) connection.shutdownOutput();
            } catch (IOException e) {
                // refused and closed before it took everything: whatever it answered still counts
            }
            String outcome;
            try {
                outcome = Integer.toString(connection.read(false).status());
            } catch (SocketTimeoutException e) {
                throw new WrongAnswer("no answer and no close within " + READ_TIMEOUT.toSeconds() + " s to "
                        + ClientConnection.abbreviate(new String(input, StandardCharsets.ISO_8859_1)));
            } catch (EOFException e) {
                outcome = "closed";
            } catch (IOException e) {
                outcome = "reset";
            }
            if (outcome.length() == 3) {
                int status = Integer.parseInt(outcome);
                if (status / 100 != 4 && status != 501 && status != 505) {
                    throw new WrongAnswer("garbage answered " + status + ": "
                            + ClientConnection.abbreviate(new String(input, StandardCharsets.ISO_8859_1)));
                }
            }
            tally.outcome(outcome);
        }
    }

    // ---- helpers

    private static void expect(ClientConnection.Response response, int status, String what, boolean close) throws WrongAnswer {
        if (response.status() != status) {
            throw new WrongAnswer(what + " answered " + response.status() + " (expected " + status + "): "
                    + ClientConnection.abbreviate(response.bodyText()));
        }
        if (!close && "close".equalsIgnoreCase(response.header("Connection"))) {
            throw new WrongAnswer(what + " answered with Connection: close on a keep-alive connection");
        }
    }

    private static byte[] request(String method, String target, boolean close, String fields, byte[] body) {
        String head = method + " " + target + " HTTP/1.1\r\n" + HOST + fields + (close ? "Connection: close\r\n" : "")
                + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "\r\n";
        return body == null ? bytes(head) : concat(bytes(head), body);
    }

    private static byte[] chunk(byte[] body, int from, int to) {
        return from == to ? new byte[0]
                : concat(bytes(Integer.toHexString(to - from) + "\r\n"), Arrays.copyOfRange(body, from, to), bytes("\r\n"));
    }

    /** JSON string content: letters, escapes, two- to four-byte UTF-8, mostly short, now and then 8 KiB or so. */
    private static String text(Random random) {
        String[] pieces = {"a", "b", "z", " ", "é", "✓", "😀", "\\\"", "\\\\", "\\n", "\\u00e9", "\\ud83d\\ude00", "{", "]", ","};
        int length = random.nextInt(50) == 0 ? 4000 + random.nextInt(4000) : random.nextInt(100);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) text.append(pieces[random.nextInt(pieces.length)]);
        return text.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) length += part.length;
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static boolean before(long endNanos) {
        return System.nanoTime() - endNanos < 0 && !Thread.currentThread().isInterrupted();
    }

    /** So that a server that is gone does not turn a client into a busy loop of errors. */
    private static void pauseAfterError() {
        sleepUntil(System.nanoTime() + 10_000_000L);
    }

    /** Sleeps until the time given; false if interrupted. */
    private static boolean sleepUntil(long nanos) {
        try {
            long left;
            while ((left = nanos - System.nanoTime()) > 0) Thread.sleep(Math.max(1, left / 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(Throwable e) {
        return e instanceof WrongAnswer ? e.getMessage() : e.toString();
    }
}
