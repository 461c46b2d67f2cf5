package minihttp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import minihttp.http.Handler;
import minihttp.http.Headers;
import minihttp.http.Limits;
import minihttp.http.Response;
import minihttp.http.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The server's promises about threads, failures and the access log, over real loopback sockets. */
class ServerTest {
    private Server server;

    @AfterEach
    void stop() {
        if (server != null) server.stop();
    }

    private InetSocketAddress start(int threads, Handler handler) throws IOException {
        return start(threads, Duration.ofSeconds(30), handler);
    }

    private InetSocketAddress start(int threads, Duration idleTimeout, Handler handler) throws IOException {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, threads, 16, idleTimeout,
                Duration.ofSeconds(10), Duration.ofSeconds(2), Limits.DEFAULTS,
                new Headers().add("Access-Control-Allow-Origin", "*"));
        server = new Server(config, handler);
        server.start();
        return server.address();
    }

    private static String exchange(Socket socket, String target) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + target + " HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readResponse(socket.getInputStream());
    }

    /** Reads one response with a Content-Length body; ConnectionLimitsTest reads with it too. */
    static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("closed after " + head);
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void aFailingHandlerGivesA500WithAGenericErrorAndTheServerGoesOn() throws IOException {
        InetSocketAddress address = start(2, request -> {
            if (request.path().equals("/boom")) throw new IllegalStateException("secret detail");
            return Response.text(Status.OK_200, "fine");
        });
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(5000);
            String failed = exchange(socket, "/boom");
            assertTrue(failed.startsWith("HTTP/1.1 500 "), failed);
            assertTrue(failed.endsWith("{\"error\":\"internal server error\"}"), failed);
            assertTrue(!failed.contains("secret detail") && !failed.contains("IllegalStateException"), failed);
            assertTrue(failed.contains("Access-Control-Allow-Origin: *"), failed);
            String next = exchange(socket, "/");
            assertTrue(next.startsWith("HTTP/1.1 200 ") && next.endsWith("fine"), next);
        }
    }

    @Test
    void manyIdleKeepAliveConnectionsHoldNoWorkerThread() throws IOException {
        Set<String> handlerThreads = ConcurrentHashMap.newKeySet();
        InetSocketAddress address = start(2, request -> {
            handlerThreads.add(Thread.currentThread().getName());
            return Response.text(Status.OK_200, "ok");
        });
        List<Socket> sockets = new ArrayList<>();
        try {
            // Each connection is served once and then left open and idle: with two workers, a
            // thread-per-connection server would stall at the third.
            for (int i = 0; i < 300; i++) {
                Socket socket = new Socket(address.getAddress(), address.getPort());
                socket.setSoTimeout(5000);
                sockets.add(socket);
                assertTrue(exchange(socket, "/").startsWith("HTTP/1.1 200 "));
            }
            for (Socket socket : sockets) assertTrue(exchange(socket, "/again").startsWith("HTTP/1.1 200 "));
            assertTrue(handlerThreads.size() <= 2, "handled on " + handlerThreads);
        } finally {
            for (Socket socket : sockets) socket.close();
        }
    }

    @Test
    void aClientThatStopsReadingLosesItsConnectionAndFreesTheWorker() throws IOException {
        byte[] megabyte = new byte[1 << 20];
        InetSocketAddress address = start(1, Duration.ofSeconds(1), request -> request.path().equals("/big")
                ? Response.streamed(Status.OK_200, "application/octet-stream", 64L << 20, out -> {
                    for (int i = 0; i < 64; i++) out.write(megabyte);
                })
                : Response.text(Status.OK_200, "small"));
        try (Socket stalled = new Socket(address.getAddress(), address.getPort());
             Socket next = new Socket(address.getAddress(), address.getPort())) {
            stalled.setReceiveBufferSize(4096);
            stalled.getOutputStream().write("GET /big HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            // The one worker is now stuck writing to a client that reads nothing, until the
            // sweep notices the stall (idle timeout 1 s) and closes that connection.
            next.setSoTimeout(10_000);
            String answer = exchange(next, "/small");
            assertTrue(answer.startsWith("HTTP/1.1 200 ") && answer.endsWith("small"), answer);
        }
    }

    @Test
    void everyRequestGetsOneAccessLogLineWithItsFields() throws IOException {
        Logger access = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER_NAME);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        access.setLevel(Level.INFO);
        try {
            InetSocketAddress address = start(2, request -> Response.text(Status.OK_200, "12345"));
            try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
                socket.setSoTimeout(5000);
                exchange(socket, "/a%0d%0aforged");
                exchange(socket, "/b");
            }
            server.stop();
            assertEquals(2, lines.list.size(), lines.list.toString());
            String line = lines.list.get(0).getFormattedMessage();
            assertTrue(line.matches("127\\.0\\.0\\.1:\\d+ \"GET /a%0d%0aforged HTTP/1\\.1\" 200 5 \\d+\\.\\d\\dms"), line);
        } finally {
            access.detachAppender(lines);
            access.setLevel(null);
        }
    }

    @Test
    void controlCharactersAndQuotesAreEscapedInTheLog() {
        assertEquals("GET /\\x0d\\x0aFAKE \\\"x\\\" \\\\ \\x1b[31m \\xe9", AccessLog.escape("GET /\r\nFAKE \"x\" \\ \u001b[31m é"));
        assertEquals("plain", AccessLog.escape("plain"));
    }
}
