package minihttp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import minihttp.http.Headers;
import minihttp.http.Limits;
import minihttp.http.Response;
import minihttp.http.Status;
import minihttp.server.ConnectionLimits.Refusal;
import minihttp.server.ConnectionLimits.Slot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** --max-connections and --max-connections-per-client: the counting alone, then over loopback sockets. */
class ConnectionLimitsTest {
    private static final InetAddress ONE = address("192.0.2.1");
    private static final InetAddress TWO = address("192.0.2.2");

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class Counting {

        @Test
        void connectionsAreAdmittedUpToTheLimitAndThenRefused() {
            ConnectionLimits limits = new ConnectionLimits(3, 3);
            for (InetAddress client : List.of(ONE, TWO, ONE)) assertInstanceOf(Slot.class, limits.admit(client));

            assertEquals(Refusal.SERVER_FULL, limits.admit(TWO));
            assertEquals(3, limits.open());
        }

        @Test
        void oneAddressIsRefusedAtItsShareWhileOthersAreAdmitted() {
            ConnectionLimits limits = new ConnectionLimits(10, 2);
            limits.admit(ONE);
            limits.admit(ONE);

            assertEquals(Refusal.CLIENT_FULL, limits.admit(ONE));
            assertInstanceOf(Slot.class, limits.admit(TWO));
            assertEquals(3, limits.open());
            assertEquals(2, limits.openFrom(ONE));
        }

        @Test
        void aReleasedPlaceIsFreeAgain() {
            ConnectionLimits limits = new ConnectionLimits(1, 1);
            Slot slot = (Slot) limits.admit(ONE);
            slot.release();

            assertInstanceOf(Slot.class, limits.admit(ONE));
        }

        @Test
        void aSlotReleasedTwiceCountsOnce() {
            ConnectionLimits limits = new ConnectionLimits(5, 5);
            Slot first = (Slot) limits.admit(ONE);
            limits.admit(ONE);

            first.release();
            first.release();

            assertEquals(1, limits.open());
            assertEquals(1, limits.openFrom(ONE));
        }

        @Test
        void anAddressIsForgottenWhenItsLastConnectionCloses() {
            ConnectionLimits limits = new ConnectionLimits(5, 5);
            Slot first = (Slot) limits.admit(ONE);
            Slot second = (Slot) limits.admit(ONE);
            first.release();
            assertEquals(1, limits.clients());

            second.release();

            assertEquals(0, limits.clients());
            assertEquals(0, limits.open());
        }

        @Test
        void aRefusalLeavesTheCountsAsTheyWere() {
            ConnectionLimits limits = new ConnectionLimits(2, 1);
            limits.admit(ONE);
            limits.admit(ONE);
            limits.admit(TWO);
            limits.admit(TWO);

            assertEquals(2, limits.open());
            assertEquals(1, limits.openFrom(ONE));
            assertEquals(1, limits.openFrom(TWO));
        }

        /** Releases from many threads, doubled, racing admissions: the counts end at exactly zero. */
        @Test
        void countsStayExactUnderConcurrentAdmitsAndReleases() throws Exception {
            ConnectionLimits limits = new ConnectionLimits(50, 20);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    InetAddress client = t % 2 == 0 ? ONE : TWO;
                    runs.add(threads.submit(() -> {
                        for (int i = 0; i < 20_000; i++) {
                            if (limits.admit(client) instanceof Slot slot) {
                                assertTrue(limits.open() <= 50 && limits.openFrom(client) <= 20);
                                slot.release();
                                slot.release();
                            }
                        }
                    }));
                }
                for (Future<?> run : runs) run.get(30, TimeUnit.SECONDS);
            } finally {
                threads.shutdownNow();
            }
            assertEquals(0, limits.open());
            assertEquals(0, limits.clients());
        }
    }

    @Nested
    class OverLoopback {
        private final List<Socket> sockets = new ArrayList<>();
        private Server server;

        @AfterEach
        void stop() throws IOException {
            for (Socket socket : sockets) socket.close();
            if (server != null) server.stop();
        }

        private InetSocketAddress start(int maxConnections, int maxPerClient, Duration idleTimeout) throws IOException {
            ServerConfig config = new ServerConfig("127.0.0.1", 0, 2, 16, idleTimeout, idleTimeout,
                    Duration.ofSeconds(2), Limits.DEFAULTS, new Headers().add("Access-Control-Allow-Origin", "*"))
                    .withConnectionLimits(maxConnections, maxPerClient);
            server = new Server(config, request -> Response.text(Status.OK_200, "ok"));
            server.start();
            return server.address();
        }

        private Socket connect(InetSocketAddress server) throws IOException {
            return connect(server, null);
        }

        /** From {@code from} (another loopback address stands for another client), or 127.0.0.1. */
        private Socket connect(InetSocketAddress server, String from) throws IOException {
            Socket socket = new Socket();
            sockets.add(socket);
            if (from != null) {
                try {
                    socket.bind(new InetSocketAddress(from, 0));
                } catch (BindException e) {
                    assumeTrue(false, "needs the loopback address " + from + " (Linux answers on all of 127.0.0.0/8)");
                }
            }
            socket.connect(server, 5000);
            socket.setSoTimeout(5000);
            return socket;
        }

        /** A connection that has been served once, so the server has surely admitted it. */
        private Socket served(InetSocketAddress server, String from) throws IOException {
            Socket socket = connect(server, from);
            String answer = exchange(socket, "GET / HTTP/1.1\r\nHost: t\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
            return socket;
        }

        private String exchange(Socket socket, String request) throws IOException {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return ServerTest.readResponse(socket.getInputStream());
        }

        private void awaitOpen(int expected) throws InterruptedException {
            awaitCount("open connections", expected, () -> server.connectionLimits().open());
        }

        private void awaitCount(String what, int expected, IntSupplier count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (count.getAsInt() != expected && System.nanoTime() - deadline < 0) Thread.sleep(10);
            assertEquals(expected, count.getAsInt(), what);
        }

        @Test
        void aConnectionPastTheLimitGetsA503AtOnceAndIsClosed() throws IOException {
            InetSocketAddress address = start(3, 3, Duration.ofSeconds(30));
            for (int i = 0; i < 3; i++) served(address, null);

            Socket fourth = connect(address);
            long started = System.nanoTime();
            String answer = ServerTest.readResponse(fourth.getInputStream());

            assertTrue(answer.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), answer);
            assertTrue(answer.contains("\r\nRetry-After: 30\r\n") && answer.contains("\r\nConnection: close\r\n"), answer);
            assertTrue(answer.contains("\r\nAccess-Control-Allow-Origin: *\r\n"), answer);
            assertTrue(answer.endsWith("{\"error\":\"too many connections, try again later\"}"), answer);
            assertTrue(isClosed(fourth));
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2), "not at once");
            assertEquals(3, server.connectionLimits().open());
        }

        /** What an HTTP client does: it sends its request at once, and reads the 503 that was waiting. */
        @Test
        void aClientThatSendsItsRequestAtOnceReadsThe503() throws IOException {
            InetSocketAddress address = start(1, 1, Duration.ofSeconds(30));
            served(address, null);

            Socket second = connect(address);
            String answer = exchange(second, "GET / HTTP/1.1\r\nHost: t\r\n\r\n");

            assertTrue(answer.startsWith("HTTP/1.1 503 "), answer);
            assertTrue(isClosed(second));
        }

        @Test
        void onceAConnectionClosesANewOneIsServed() throws IOException, InterruptedException {
            InetSocketAddress address = start(2, 2, Duration.ofSeconds(30));
            Socket first = served(address, null);
            served(address, null);
            assertTrue(ServerTest.readResponse(connect(address).getInputStream()).startsWith("HTTP/1.1 503 "));

            first.close();
            awaitOpen(1);

            served(address, null);
        }

        @Test
        void oneAddressIsRefusedAtItsShareWhileAnotherIsServed() throws IOException {
            InetSocketAddress address = start(3, 2, Duration.ofSeconds(30));
            served(address, null);
            served(address, null);

            String refused = ServerTest.readResponse(connect(address).getInputStream());
            assertTrue(refused.startsWith("HTTP/1.1 503 "), refused);
            assertTrue(refused.endsWith("{\"error\":\"too many connections from your address, try again later\"}"), refused);
            served(address, "127.0.0.2");

            // Three are open now: the server's limit refuses the next one from any address.
            String full = ServerTest.readResponse(connect(address, "127.0.0.3").getInputStream());
            assertTrue(full.endsWith("{\"error\":\"too many connections, try again later\"}"), full);
            assertEquals(2, server.connectionLimits().openFrom(InetAddress.getByName("127.0.0.1")));
            assertEquals(1, server.connectionLimits().openFrom(InetAddress.getByName("127.0.0.2")));
        }

        /** Whichever side and whatever reason closes a connection, its place is given back exactly once. */
        @Test
        void theCountsReturnToZeroHoweverConnectionsClose() throws IOException, InterruptedException {
            InetSocketAddress address = start(10, 10, Duration.ofSeconds(1));
            Socket closedByClient = served(address, null);
            Socket idle = served(address, null);
            Socket badRequest = connect(address);
            String refusal = exchange(badRequest, "NOT HTTP\r\n\r\n");
            assertTrue(refusal.startsWith("HTTP/1.1 400 "), refusal);
            Socket halfHead = connect(address);
            halfHead.getOutputStream().write("GET / HTTP/1.1\r\nHost: t\r\n".getBytes(StandardCharsets.ISO_8859_1));
            Socket fromAnother = served(address, "127.0.0.2");
            awaitOpen(5);
            assertEquals(2, server.connectionLimits().clients());

            closedByClient.close();
            fromAnother.close();
            // The rest the server closes: the idle one after 1 s, the half head with a 408, the
            // 400 once its lingering close runs out, none of them closed by the client.
            awaitOpen(0);

            assertEquals(0, server.connectionLimits().clients());
            assertTrue(isClosed(idle) && isClosed(badRequest));
            assertTrue(ServerTest.readResponse(halfHead.getInputStream()).startsWith("HTTP/1.1 408 "));
        }

        @Test
        void theCountsReturnToZeroWhenTheServerStops() throws IOException {
            InetSocketAddress address = start(10, 10, Duration.ofSeconds(30));
            served(address, null);
            served(address, "127.0.0.2");

            server.stop();

            assertEquals(0, server.connectionLimits().open());
            assertEquals(0, server.connectionLimits().clients());
        }

        @Test
        void aFloodOfRefusalsLogsAtMostOneLineASecond() throws IOException {
            Logger log = (Logger) LoggerFactory.getLogger(ConnectionRefusals.class);
            ListAppender<ILoggingEvent> lines = new ListAppender<>();
            lines.start();
            log.addAppender(lines);
            try {
                InetSocketAddress address = start(1, 1, Duration.ofSeconds(30));
                served(address, null);
                long started = System.nanoTime();
                for (int i = 0; i < 50; i++) {
                    try (Socket refused = connect(address)) {
                        assertTrue(ServerTest.readResponse(refused.getInputStream()).startsWith("HTTP/1.1 503 "));
                    }
                }
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

                assertTrue(lines.list.size() >= 1 && lines.list.size() <= 1 + seconds, lines.list.toString());
                String first = lines.list.get(0).getFormattedMessage();
                assertTrue(first.startsWith("refused 1 new connection(s) with 503 (1 at --max-connections=1,"), first);
            } finally {
                log.detachAppender(lines);
            }
        }
    }

    /** True when the peer has closed: end of stream or a reset, within the read timeout. */
    private static boolean isClosed(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketException e) {
            return true; // reset
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

}
