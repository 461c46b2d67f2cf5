package minihttp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import minihttp.http.Limits;
import minihttp.http.ParseResult;
import minihttp.http.ProtocolException;
import minihttp.http.Request;
import minihttp.http.RequestParser;
import minihttp.http.ResponseWriter;
import minihttp.http.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reading one request body on a worker, over an in-memory transport. */
class BodyReaderTest {
    private static final Limits LIMITS = Limits.DEFAULTS;
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final String CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";
    private static final String PIPELINED = "GET /next HTTP/1.1\r\nHost: t\r\n\r\n";

    private final InMemoryTransport transport = new InMemoryTransport();
    private final Inbound in = new Inbound();
    /** How many reads the transport had seen at each 100 Continue. */
    private final List<Integer> continues = new ArrayList<>();
    private final List<Thread> senders = new ArrayList<>();

    @AfterEach
    void joinSenders() throws InterruptedException {
        for (Thread sender : senders) {
            sender.interrupt(); // a trickle the reader gave up on need not run its course
            sender.join(5000);
        }
    }

    /** Parses the head at the start of {@code received}; what follows it stays buffered, as after the loop's read. */
    private Request received(String received) {
        byte[] bytes = received.getBytes(StandardCharsets.ISO_8859_1);
        ParseResult.Complete complete = (ParseResult.Complete) new RequestParser(LIMITS).parse(bytes, 0, bytes.length);
        in.keep(bytes, complete.consumed(), bytes.length - complete.consumed());
        return complete.request();
    }

    private BodyReader reader(Request head) {
        return reader(head, STALL_NANOS);
    }

    private BodyReader reader(Request head, long stallNanos) {
        return new BodyReader(head, in, transport, LIMITS, stallNanos, () -> {
            continues.add(transport.reads());
            transport.write(ByteBuffer.wrap(ResponseWriter.continueHead()));
        });
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private String buffered() {
        return in.isEmpty() ? "" : new String(in.bytes(), in.start(), in.available(), StandardCharsets.ISO_8859_1);
    }

    /** The client sends {@code bytes} after {@code millis}, from another thread. */
    private void arriveLater(String bytes, long millis) {
        Thread sender = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            transport.arrive(bytes);
        });
        sender.start();
        senders.add(sender);
    }

    private static String post(String fields) {
        return "POST /upload HTTP/1.1\r\nHost: t\r\n" + fields + "\r\n";
    }

    @Test
    void aFixedLengthBodyIsWhatCameWithTheHeadFollowedByWhatArrivesLater() throws IOException {
        Request head = received(post("Content-Length: 11\r\n") + "hel");
        transport.arrive("lo w");
        arriveLater("orld", 50);

        assertEquals("hello world", text(reader(head).read()));
    }

    @Test
    void aFixedLengthBodyLeavesThePipelinedRequestBehindItBuffered() throws IOException {
        Request head = received(post("Content-Length: 5\r\n") + "hello" + PIPELINED);

        assertEquals("hello", text(reader(head).read()));
        assertEquals(PIPELINED, buffered());
    }

    @Test
    void aChunkedBodySplitAcrossArrivalsIsDecodedWhole() throws IOException {
        Request head = received(post("Transfer-Encoding: chunked\r\n") + "5\r\nhel");
        transport.arrive("lo\r\n6\r\n wor");
        arriveLater("ld\r\n0\r\n\r\n", 50);

        assertEquals("hello world", text(reader(head).read()));
    }

    @Test
    void aChunkedBodyStopsAfterItsLastChunkLeavingThePipelinedRequestBuffered() throws IOException {
        Request head = received(post("Transfer-Encoding: chunked\r\n") + "5\r\nhel");
        transport.arrive("lo\r\n0\r\n\r\n" + PIPELINED);

        assertEquals("hello", text(reader(head).read()));
        assertEquals(PIPELINED, buffered());
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413WithNoContinueAndNoByteRead() {
        Request head = received(post("Content-Length: " + (LIMITS.maxBodyBytes() + 1) + "\r\nExpect: 100-continue\r\n"));
        transport.arrive("x");

        ProtocolException refused = assertThrows(ProtocolException.class, () -> reader(head).read());

        assertEquals(Status.CONTENT_TOO_LARGE_413, refused.status());
        assertEquals("", transport.written());
        assertEquals(0, transport.reads());
    }

    @Test
    void aClientWaitingFor100ContinueGetsItAtTheFirstReadBeforeAnythingIsRead() throws IOException {
        Request head = received(post("Content-Length: 5\r\nExpect: 100-continue\r\n"));
        BodyReader reader = reader(head);
        transport.arrive("hello");
        assertEquals("", transport.written(), "nothing before the handler asks for the body");

        assertEquals("hello", text(reader.read()));

        assertEquals(List.of(0), continues);
        assertEquals(CONTINUE, transport.written());
    }

    @Test
    void oneContinueIsSentHoweverManyPiecesTheBodyArrivesIn() throws IOException {
        Request head = received(post("Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n"));
        transport.arrive("5\r\nhel").arrive("lo\r\n").arrive("6\r\n wor");
        arriveLater("ld\r\n0\r\n\r\n", 50);

        assertEquals("hello world", text(reader(head).read()));

        assertEquals(CONTINUE, transport.written());
    }

    @Test
    void noContinueIsSentWhenPartOfTheBodyCameWithTheHead() throws IOException {
        // RFC 9110 §10.1.1: a server MAY omit 100 Continue once it has received some of the content.
        Request head = received(post("Content-Length: 5\r\nExpect: 100-continue\r\n") + "he");
        transport.arrive("llo");

        assertEquals("hello", text(reader(head).read()));

        assertEquals("", transport.written());
    }

    @Test
    void noContinueIsSentToAClientThatDidNotAskForIt() throws IOException {
        Request head = received(post("Content-Length: 5\r\n"));
        transport.arrive("hello");

        assertEquals("hello", text(reader(head).read()));

        assertEquals("", transport.written());
    }

    @Test
    void aBodyThatStallsIsRefusedWith408AfterTheStallTimeout() {
        long stall = TimeUnit.MILLISECONDS.toNanos(100);
        Request head = received(post("Content-Length: 10\r\n") + "abc");
        BodyReader reader = reader(head, stall);
        long start = System.nanoTime();

        ProtocolException refused = assertThrows(ProtocolException.class, reader::read);

        assertEquals(Status.REQUEST_TIMEOUT_408, refused.status());
        assertTrue(System.nanoTime() - start >= stall, "gave up before the stall timeout");
        assertFalse(reader.clientGone());
    }

    /** The client sends {@code count} pieces of {@code piece}, one every {@code millis}, from another thread. */
    private void trickle(String piece, int count, long millis) {
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    Thread.sleep(millis);
                    transport.arrive(piece);
                }
            } catch (InterruptedException e) {
                // the test is over
            }
        });
        sender.start();
        senders.add(sender);
    }

    @Test
    void aBodyTrickledSlowerThanTheMinimumRateIsRefusedWith408ThoughItNeverStalls() {
        // A byte every 40 ms never stalls for 300 ms, but is 25 bytes a second against a minimum of 100:
        // past the first 300 ms its allowance (10 ms a byte) runs out long before the 4 s it would take.
        Request head = received(post("Content-Length: 100\r\n"));
        trickle("x", 100, 40);
        BodyReader reader = new BodyReader(head, in, transport, LIMITS, TimeUnit.MILLISECONDS.toNanos(300), 100,
                () -> { });

        ProtocolException refused = assertThrows(ProtocolException.class, reader::read);

        assertEquals(Status.REQUEST_TIMEOUT_408, refused.status());
        assertTrue(refused.getMessage().contains("slower than 100 bytes a second"), refused.getMessage());
    }

    @Test
    void aSlowBodyAboveTheMinimumRateIsReadWhole() throws IOException {
        // 10 bytes every 40 ms: 250 bytes a second against a minimum of 100.
        Request head = received(post("Content-Length: 100\r\n"));
        trickle("0123456789", 10, 40);
        BodyReader reader = new BodyReader(head, in, transport, LIMITS, TimeUnit.MILLISECONDS.toNanos(300), 100,
                () -> { });

        assertEquals("0123456789".repeat(10), text(reader.read()));
    }

    @Test
    void endOfInputInAFixedLengthBodyMeansTheClientIsGone() {
        Request head = received(post("Content-Length: 10\r\n") + "abc");
        transport.arrive("def").end();
        BodyReader reader = reader(head);

        assertThrows(IOException.class, reader::read);

        assertTrue(reader.clientGone());
    }

    @Test
    void endOfInputInAChunkedBodyMeansTheClientIsGone() {
        Request head = received(post("Transfer-Encoding: chunked\r\n") + "5\r\nhel");
        transport.arrive("lo\r\n").end();
        BodyReader reader = reader(head);

        assertThrows(IOException.class, reader::read);

        assertTrue(reader.clientGone());
    }

    @Test
    void aSmallUnreadBodyIsReadAwayExactlyKeepingThePipelinedRequest() throws IOException {
        Request head = received(post("Content-Length: 11\r\n") + "hel");
        transport.arrive("lo w").arrive("orld" + PIPELINED);

        assertTrue(reader(head).skipUnread());

        assertEquals(PIPELINED, buffered());
        assertEquals(0, transport.unread());
    }

    @Test
    void aSmallUnreadChunkedBodyIsReadAwayExactlyKeepingThePipelinedRequest() throws IOException {
        Request head = received(post("Transfer-Encoding: chunked\r\n") + "5\r\nhel");
        transport.arrive("lo\r\n0\r\n").arrive("\r\n" + PIPELINED);

        assertTrue(reader(head).skipUnread());

        assertEquals(PIPELINED, buffered());
    }

    @Test
    void anUnreadBodyOverTheSkipLimitIsLeftAndTheConnectionMustClose() throws IOException {
        Request head = received(post("Content-Length: " + (BodyReader.SKIP_LIMIT + 1) + "\r\n") + "abc");
        transport.arrive("def");

        assertFalse(reader(head).skipUnread());

        assertEquals(0, transport.reads());
    }

    @Test
    void anUnreadChunkedBodyOverTheSkipLimitMakesTheConnectionClose() throws IOException {
        Request head = received(post("Transfer-Encoding: chunked\r\n")
                + Integer.toHexString(BodyReader.SKIP_LIMIT + 1) + "\r\nabc");

        assertFalse(reader(head).skipUnread());
    }

    @Test
    void aClientStillWaitingFor100ContinueIsNotInvitedToSendABodyNobodyWants() throws IOException {
        Request head = received(post("Content-Length: 5\r\nExpect: 100-continue\r\n"));

        assertFalse(reader(head).skipUnread());

        assertEquals("", transport.written());
        assertEquals(0, transport.reads());
    }

    @Test
    void aBodyRefusedHalfwayCannotBeSkipped() throws IOException {
        Request head = received(post("Content-Length: 10\r\n") + "abc");
        BodyReader reader = reader(head, TimeUnit.MILLISECONDS.toNanos(20));
        assertThrows(ProtocolException.class, reader::read);
        transport.arrive("defghij");

        assertFalse(reader.skipUnread());
    }

    @Test
    void aBodyReadWholeNeedsNoSkipping() throws IOException {
        Request head = received(post("Content-Length: 5\r\n") + "hello");
        BodyReader reader = reader(head);
        reader.read();
        transport.arrive(PIPELINED);

        assertTrue(reader.skipUnread());

        assertEquals(0, transport.reads());
    }
}
