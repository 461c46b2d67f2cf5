package minihttp.server;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import minihttp.http.CommonFields;
import minihttp.http.Handler;
import minihttp.http.Headers;
import minihttp.http.Limits;
import minihttp.http.Request;
import minihttp.http.RequestParser;
import minihttp.http.Response;
import minihttp.http.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The keep-alive loop of one connection over an in-memory transport. The {@link IoLoop} is never
 * started: the test thread plays its thread, calling {@link Connection#onReady} for a readiness
 * event and {@link Connection#expireIfOverdue} for the sweep, and decides when a worker runs what
 * was handed to it.
 */
class ConnectionTest {
    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final Duration HEADER = Duration.ofSeconds(10);
    private static final String DATE = "Date: Thu, 01 Jan 1970 00:00:00 GMT\r\n";
    private static final String GET_FAST = "GET /fast HTTP/1.1\r\nHost: t\r\n\r\n";
    private static final String GET_SLOW = "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n";
    private static final String FAST = ok("fast");
    private static final String SLOW = ok("slow");

    /** A body shared by every response that sends it, as cached files are, larger than a head. */
    private static final ByteBuffer SHARED = ByteBuffer.allocateDirect(40_000);

    static {
        for (int i = 0; i < SHARED.capacity(); i++) SHARED.put(i, (byte) ('a' + i % 26));
    }

    /** How many times what a /held response holds was released. */
    private static final AtomicInteger RELEASED = new AtomicInteger();
    private static final int HELD_BYTES = 100_000;

    /**
     * /fast never blocks; /slow may; /upload echoes its body; /shared answers SHARED, /shared-part
     * its start; /held (which may block) streams HELD_BYTES and holds something to release.
     */
    private static final Handler ROUTES = new Handler() {
        @Override
        public Response handle(Request request) {
            return switch (request.path()) {
                case "/fast" -> Response.text(Status.OK_200, "fast");
                case "/shared" -> Response.shared(Status.OK_200, "text/plain", SHARED.asReadOnlyBuffer());
                case "/shared-part" -> Response.shared(Status.OK_200, "text/plain", SHARED.slice(0, 4));
                case "/held" -> Response.streamed(Status.OK_200, "text/plain", HELD_BYTES,
                        out -> out.write(new byte[HELD_BYTES])).releasing(RELEASED::incrementAndGet);
                case "/slow" -> Response.text(Status.OK_200, "slow");
                case "/upload" -> Response.text(Status.OK_200, new String(request.body(), StandardCharsets.UTF_8));
                default -> Response.error(Status.NOT_FOUND_404, "no such route");
            };
        }

        @Override
        public boolean mayBlock(Request head) {
            return head.path().equals("/slow") || head.path().equals("/held");
        }
    };

    private final InMemoryTransport transport = new InMemoryTransport();
    /** What the connection handed to a worker and no worker ran yet. */
    private final List<Runnable> handedToWorkers = new ArrayList<>();
    private IoLoop loop;
    private Connection connection;
    private volatile boolean stopping;

    @AfterEach
    void endLoop() {
        if (loop != null) runLoopTasksAndEnd();
    }

    private static String ok(String text) {
        return "HTTP/1.1 200 OK\r\n" + DATE + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + text.length() + "\r\n\r\n" + text;
    }

    /** A registered connection whose requests that may block go to {@code workers}. */
    private void connect(Executor workers) throws IOException {
        connect(workers, IDLE);
    }

    /** @param idle the idle timeout, which is also how long a body read may stall */
    private void connect(Executor workers, Duration idle) throws IOException {
        loop = new IoLoop(Limits.DEFAULTS.maxHeadBytes());
        ServerConfig config = new ServerConfig("127.0.0.1", 0, 1, 1, idle, HEADER, Duration.ofSeconds(1),
                Limits.DEFAULTS, new Headers(), 1);
        ConnectionContext context = new ConnectionContext(config, ROUTES, new RequestParser(Limits.DEFAULTS),
                new DateClock(() -> 0), CommonFields.NONE, workers, () -> stopping);
        connection = new Connection(transport, loop, context);
        connection.register();
    }

    /** Workers that only queue the task: the test runs it with {@link #runWorker}. */
    private void connectWithRecordedWorkers() throws IOException {
        connect(handedToWorkers::add);
    }

    private void runWorker() {
        handedToWorkers.remove(0).run();
    }

    /**
     * Runs what other threads queued for the loop (a worker re-arming a paused connection), as
     * its thread would, by letting the never-started loop run once with nothing to select: that
     * runs its tasks and closes its selector. The connection was registered directly, not adopted,
     * so the loop does not close it on the way out, and its own methods still work afterwards.
     */
    private void runLoopTasksAndEnd() {
        loop.shutdown();
        loop.run();
    }

    private int interestOps() {
        return transport.key().interestOps();
    }

    /** A sweep time one second past {@code timeout} from now. */
    private static long after(Duration timeout) {
        return System.nanoTime() + timeout.toNanos() + 1_000_000_000L;
    }

    /** The head of the first response written, without its final empty line. */
    private String firstHead() {
        String written = transport.written();
        return written.substring(0, written.indexOf("\r\n\r\n"));
    }

    @Test
    void twoPipelinedRequestsForANonBlockingRouteAreAnsweredInOneWrite() throws IOException {
        connect(Runnable::run);
        transport.arrive(GET_FAST + GET_FAST);

        connection.onReady();

        assertEquals(FAST + FAST, transport.written());
        assertEquals(1, transport.writes());
    }

    @Test
    void aSharedBodyIsSentWholeToEachClientThatAsksAndStaysIntact() throws IOException {
        connect(Runnable::run);
        String get = "GET /shared HTTP/1.1\r\nHost: t\r\n\r\n";
        transport.arrive(get + get);

        connection.onReady();

        String content = StandardCharsets.ISO_8859_1.decode(SHARED.duplicate()).toString();
        String answer = "HTTP/1.1 200 OK\r\n" + DATE + "Content-Type: text/plain\r\nContent-Length: 40000\r\n\r\n"
                + content;
        assertEquals(answer + answer, transport.written());
        assertEquals(0, SHARED.position());
        assertEquals(40_000, SHARED.limit());
    }

    @Test
    void aSmallSharedBodyGoesOutInTheSameWriteAsItsHead() throws IOException {
        connect(Runnable::run);
        transport.arrive("GET /shared-part HTTP/1.1\r\nHost: t\r\n\r\n");

        connection.onReady();

        assertEquals("HTTP/1.1 200 OK\r\n" + DATE + "Content-Type: text/plain\r\nContent-Length: 4\r\n\r\nabcd",
                transport.written());
        assertEquals(1, transport.writes());
    }

    @Test
    void whatAStreamedResponseHoldsIsReleasedOnceItIsSent() throws IOException {
        RELEASED.set(0);
        connect(Runnable::run);
        transport.arrive("GET /held HTTP/1.1\r\nHost: t\r\n\r\n");

        connection.onReady();

        assertTrue(transport.written().endsWith("\r\n\r\n" + "\0".repeat(HELD_BYTES)));
        assertEquals(1, RELEASED.get());
    }

    @Test
    void whatAResponseToHeadHoldsIsReleasedThoughNoBodyIsSent() throws IOException {
        RELEASED.set(0);
        connect(Runnable::run);
        transport.arrive("HEAD /held HTTP/1.1\r\nHost: t\r\n\r\n");

        connection.onReady();

        assertTrue(transport.written().endsWith("Content-Length: " + HELD_BYTES + "\r\n\r\n"));
        assertEquals(1, RELEASED.get());
    }

    @Test
    void whatAResponseHoldsIsReleasedWhenTheClientStopsReadingHalfway() throws IOException {
        RELEASED.set(0);
        connect(Runnable::run, Duration.ofMillis(200));
        transport.window(20_000);
        transport.arrive("GET /held HTTP/1.1\r\nHost: t\r\n\r\n");

        connection.onReady();

        assertTrue(transport.isClosed());
        assertEquals(1, RELEASED.get());
    }

    @Test
    void aHeadSplitAcrossTwoReadinessEventsIsAnsweredAfterTheSecond() throws IOException {
        connect(Runnable::run);
        transport.arrive("GET /fast HTTP/1.1\r\nHo");
        connection.onReady();
        assertEquals("", transport.written());

        transport.arrive("st: t\r\n\r\n");
        connection.onReady();

        assertEquals(FAST, transport.written());
    }

    @Test
    void aRequestThatMayBlockAndThePipelinedOneBehindItAreServedByTheWorker() throws IOException {
        connectWithRecordedWorkers();
        transport.arrive(GET_SLOW + GET_FAST);
        connection.onReady();
        assertEquals("", transport.written(), "nothing answered on the loop");
        assertEquals(1, handedToWorkers.size());

        runWorker();

        assertEquals(SLOW + FAST, transport.written());
        assertTrue(handedToWorkers.isEmpty());
    }

    @Test
    void answersAheadOfARequestHandedToAWorkerGoOutBeforeItsAnswer() throws IOException {
        connectWithRecordedWorkers();
        transport.arrive(GET_FAST + GET_SLOW);
        connection.onReady();

        runWorker();

        assertEquals(FAST + SLOW, transport.written());
    }

    @Test
    void aRequestWithABodyGoesToAWorkerEvenForARouteThatNeverBlocks() throws IOException {
        connectWithRecordedWorkers();
        transport.arrive("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhe");
        connection.onReady();
        assertEquals(1, handedToWorkers.size());
        transport.arrive("llo");

        runWorker();

        assertEquals(ok("hello"), transport.written());
    }

    @Test
    void theWorkerGivesTheConnectionBackAndTheLoopServesTheNextRequest() throws IOException {
        connectWithRecordedWorkers();
        transport.arrive(GET_SLOW);
        connection.onReady();
        runWorker();

        transport.arrive(GET_FAST);
        connection.onReady();

        assertEquals(SLOW + FAST, transport.written());
        assertTrue(handedToWorkers.isEmpty());
    }

    @Test
    void aWorkerThatReturnsWithNoReadinessMeanwhileLeavesTheRegistrationAlone() throws IOException {
        connectWithRecordedWorkers();
        transport.arrive(GET_SLOW);
        connection.onReady();

        runWorker();
        runLoopTasksAndEnd();

        assertEquals(List.of(SelectionKey.OP_READ), transport.key().history());
    }

    @Test
    void readinessWhileAWorkerOwnsTheConnectionPausesItWithoutReading() throws IOException {
        connectWithRecordedWorkers();
        transport.arrive(GET_SLOW);
        connection.onReady();
        transport.arrive(GET_FAST);

        connection.onReady();

        assertEquals(0, interestOps());
        assertEquals(GET_FAST.length(), transport.unread());
    }

    @Test
    void theWorkersReturnReArmsAPausedConnectionForReading() throws IOException {
        connectWithRecordedWorkers();
        transport.arrive(GET_SLOW);
        connection.onReady();
        transport.arrive(GET_FAST);
        connection.onReady();

        runWorker();
        runLoopTasksAndEnd();

        assertEquals(SelectionKey.OP_READ, interestOps());
    }

    @Test
    void anInvalidRequestIsAnsweredWith400AndConnectionClose() throws IOException {
        connect(Runnable::run);
        transport.arrive("GET  /fast HTTP/1.1\r\nHost: t\r\n\r\n");

        connection.onReady();

        String head = firstHead();
        assertTrue(head.startsWith("HTTP/1.1 400 Bad Request\r\n"), head);
        assertTrue(head.endsWith("\r\nConnection: close"), head);
    }

    @Test
    void afterARefusalOurSideIsShutButTheConnectionStaysOpenToReadWhatFollows() throws IOException {
        connect(Runnable::run);
        transport.arrive("GET  /fast HTTP/1.1\r\nHost: t\r\n\r\n");

        connection.onReady();

        assertTrue(transport.outputShut());
        assertFalse(transport.isClosed());
        assertEquals(SelectionKey.OP_READ, interestOps());
    }

    @Test
    void aLingeringCloseReadsAwayWhatFollowsAndClosesAtTheClientsEnd() throws IOException {
        connect(Runnable::run);
        transport.arrive("GET  /fast HTTP/1.1\r\nHost: t\r\n\r\n");
        connection.onReady();
        transport.arrive("the rest of an upload").end();

        connection.onReady();

        assertTrue(transport.isClosed());
        assertEquals(0, transport.unread());
    }

    @Test
    void whenNoWorkerCanTakeTheRequestTheClientGets503WithRetryAfterAndTheConnectionCloses() throws IOException {
        connect(task -> {
            throw new RejectedExecutionException("queue full");
        });
        transport.arrive(GET_SLOW);

        connection.onReady();

        String body = "{\"error\":\"server busy, try again\"}";
        assertEquals("HTTP/1.1 503 Service Unavailable\r\n" + DATE + "Content-Type: application/json\r\n"
                + "Retry-After: 1\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body,
                transport.written());
        assertTrue(transport.outputShut());
    }

    @Test
    void aClientThatStopsReadingMakesTheConnectionWaitForWritability() throws IOException {
        connect(Runnable::run);
        transport.window(10);
        transport.arrive(GET_FAST);

        connection.onReady();

        assertEquals(FAST.substring(0, 10), transport.written());
        assertEquals(SelectionKey.OP_WRITE, interestOps());
    }

    @Test
    void whenTheWindowOpensTheAnswerIsFinishedAndTheConnectionReadsAgain() throws IOException {
        connect(Runnable::run);
        transport.window(10);
        transport.arrive(GET_FAST);
        connection.onReady();

        transport.window(InMemoryTransport.UNLIMITED);
        connection.onReady();

        assertEquals(FAST, transport.written());
        assertEquals(List.of(SelectionKey.OP_READ, SelectionKey.OP_WRITE, SelectionKey.OP_READ),
                transport.key().history());
    }

    @Test
    void aRequestThatArrivedWhileAnAnswerWasStuckIsServedOnceItIsOut() throws IOException {
        connect(Runnable::run);
        transport.window(10);
        transport.arrive(GET_FAST + "GET /fast HTTP/1.1\r\n");
        connection.onReady();
        transport.arrive("Host: t\r\n\r\n");

        transport.window(InMemoryTransport.UNLIMITED);
        connection.onReady();
        connection.onReady();

        assertEquals(FAST + FAST, transport.written());
    }

    @Test
    void aHalfHeadPastTheHeaderDeadlineGets408AndTheConnectionCloses() throws IOException {
        connect(Runnable::run);
        transport.arrive("GET /fast HT");
        connection.onReady();

        connection.expireIfOverdue(after(HEADER));

        String body = "{\"error\":\"timed out waiting for the request head\"}";
        assertEquals("HTTP/1.1 408 Request Timeout\r\n" + DATE + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body, transport.written());
        assertTrue(transport.isClosed());
    }

    @Test
    void aHalfHeadBeforeTheHeaderDeadlineIsLeftToFinish() throws IOException {
        connect(Runnable::run);
        transport.arrive("GET /fast HT");
        connection.onReady();

        connection.expireIfOverdue(System.nanoTime());

        assertEquals("", transport.written());
        assertFalse(transport.isClosed());
    }

    @Test
    void anIdleConnectionPastTheIdleDeadlineIsClosedWithoutAWord() throws IOException {
        connect(Runnable::run);
        transport.arrive(GET_FAST);
        connection.onReady();

        connection.expireIfOverdue(after(IDLE));

        assertEquals(FAST, transport.written());
        assertTrue(transport.isClosed());
    }

    @Test
    void anIdleConnectionHasTheIdleTimeoutNotTheHeaderTimeout() throws IOException {
        connect(Runnable::run);
        transport.arrive(GET_FAST);
        connection.onReady();

        connection.expireIfOverdue(after(HEADER));

        assertFalse(transport.isClosed());
    }

    @Test
    void aRequestFollowedByTheClientsEndIsAnsweredAndThenTheConnectionCloses() throws IOException {
        connect(Runnable::run);
        transport.arrive(GET_FAST).end();

        connection.onReady();
        connection.onReady(); // the selector reports the end as readable once the request was read

        assertEquals(FAST, transport.written());
        assertTrue(transport.isClosed());
    }

    @Test
    void aClientAskingToCloseGetsConnectionCloseAndIsClosedAtOnceWhenNothingIsUnread() throws IOException {
        connect(Runnable::run);
        transport.arrive("GET /fast HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");

        connection.onReady();

        assertTrue(firstHead().endsWith("\r\nConnection: close"), firstHead());
        assertTrue(transport.isClosed());
    }

    @Test
    void bytesSentAfterARequestThatClosesAreReadAwayBeforeTheClose() throws IOException {
        connect(Runnable::run);
        transport.arrive("GET /fast HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n" + GET_FAST);

        connection.onReady();

        assertTrue(firstHead().endsWith("\r\nConnection: close"), firstHead());
        assertTrue(transport.outputShut(), "a lingering close starts with our FIN");
        assertFalse(transport.isClosed());
    }

    @Test
    void aClientWaitingFor100ContinueGetsItBeforeTheAnswer() throws IOException {
        connectWithRecordedWorkers();
        transport.arrive("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
        connection.onReady();
        transport.arrive("hello");

        runWorker();

        assertEquals("HTTP/1.1 100 Continue\r\n\r\n" + ok("hello"), transport.written());
    }

    @Test
    void aBodyNobodyReadsFromAClientWaitingFor100ContinueIsNeverInvitedAndTheConnectionCloses() throws IOException {
        connectWithRecordedWorkers();
        transport.arrive("POST /fast HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
        connection.onReady();

        runWorker();

        assertTrue(transport.written().startsWith("HTTP/1.1 200 OK\r\n"), transport.written());
        assertTrue(firstHead().endsWith("\r\nConnection: close"), firstHead());
        assertTrue(transport.outputShut());
    }

    @Test
    void aSmallBodyNobodyReadsIsSkippedAndThePipelinedRequestBehindItAnswered() throws IOException {
        connectWithRecordedWorkers();
        transport.arrive("POST /fast HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello" + GET_FAST);
        connection.onReady();

        runWorker();

        assertEquals(FAST + FAST, transport.written());
        assertFalse(transport.outputShut());
    }

    @Test
    void aBodyThatStallsGets408AndConnectionClose() throws IOException {
        connect(handedToWorkers::add, Duration.ofMillis(100));
        transport.arrive("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhe");
        connection.onReady();

        runWorker();

        assertTrue(firstHead().startsWith("HTTP/1.1 408 Request Timeout\r\n"), firstHead());
        assertTrue(firstHead().endsWith("\r\nConnection: close"), firstHead());
    }

    @Test
    void anInvalidRequestBehindOneServedByTheWorkerGets400AndALingeringClose() throws IOException {
        connectWithRecordedWorkers();
        transport.arrive(GET_SLOW + "GET  /fast HTTP/1.1\r\nHost: t\r\n\r\n");
        connection.onReady();

        runWorker();

        String second = transport.written().substring(SLOW.length());
        assertTrue(second.startsWith("HTTP/1.1 400 Bad Request\r\n"), second);
        assertTrue(transport.outputShut());
        assertFalse(transport.isClosed());
    }

    @Test
    void aClientThatStoppedReadingPastTheIdleDeadlineIsClosed() throws IOException {
        connect(Runnable::run);
        transport.window(0);
        transport.arrive(GET_FAST);
        connection.onReady();

        connection.expireIfOverdue(after(IDLE));

        assertTrue(transport.isClosed());
    }

    @Test
    void aLingeringCloseThatRunsOutOfTimeIsClosed() throws IOException {
        connect(Runnable::run);
        transport.arrive("GET  /fast HTTP/1.1\r\nHost: t\r\n\r\n");
        connection.onReady();

        connection.expireIfOverdue(after(Duration.ofSeconds(2)));

        assertTrue(transport.isClosed());
    }

    @Test
    void theSweepLeavesAConnectionAWorkerHoldsAlone() throws IOException {
        connectWithRecordedWorkers();
        transport.arrive(GET_SLOW);
        connection.onReady();

        connection.expireIfOverdue(after(IDLE));

        assertFalse(transport.isClosed());
    }

    @Test
    void onStopAnIdleConnectionIsClosed() throws IOException {
        connect(Runnable::run);
        transport.arrive(GET_FAST);
        connection.onReady();

        connection.closeIfIdle();

        assertTrue(transport.isClosed());
    }

    @Test
    void onStopAConnectionAWorkerHoldsIsLeftToFinish() throws IOException {
        connectWithRecordedWorkers();
        transport.arrive(GET_SLOW);
        connection.onReady();

        connection.closeIfIdle();

        assertFalse(transport.isClosed());
    }

    @Test
    void whileTheServerStopsAnAnswerCarriesConnectionClose() throws IOException {
        connect(Runnable::run);
        stopping = true;
        transport.arrive(GET_FAST);

        connection.onReady();

        assertTrue(firstHead().endsWith("\r\nConnection: close"), firstHead());
        assertTrue(transport.isClosed());
    }

    @Test
    void aReadinessEventRacingAWorkersCloseStaysInsideTheConnection() throws IOException {
        connectWithRecordedWorkers();
        // HTTP/1.0 without keep-alive: the worker closes the connection after its answer.
        transport.arrive("GET /slow HTTP/1.0\r\n\r\n");
        connection.onReady();
        // The loop saw the key valid and is about to call onReady when the worker closes.
        runWorker();
        assertTrue(transport.isClosed());

        assertDoesNotThrow(connection::onReady);
    }
}
