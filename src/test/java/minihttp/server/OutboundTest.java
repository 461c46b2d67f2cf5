package minihttp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import minihttp.http.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sending what a connection has queued, over an in-memory transport. */
class OutboundTest {
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final InMemoryTransport transport = new InMemoryTransport();
    private final Outbound out = new Outbound();
    private Thread opener;

    @TempDir
    Path folder;

    @AfterEach
    void cleanUp() throws InterruptedException {
        out.discard();
        if (opener != null) opener.join(5000);
    }

    private static ByteBuffer bytes(String latin1) {
        return ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The client starts reading again after {@code millis}, from another thread. */
    private void openWindowLater(long millis) {
        opener = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            transport.window(InMemoryTransport.UNLIMITED);
        });
        opener.start();
    }

    private Path fileOf(int length) throws IOException {
        byte[] content = new byte[length];
        new Random(length).nextBytes(content);
        return Files.write(folder.resolve("body.bin"), content);
    }

    @Test
    void partialWritesUnderASmallWindowKeepTheOrderAndFlushSaysWhenAllWent() throws IOException {
        out.add(bytes("abc"));
        out.add(bytes("def"));
        out.add(bytes("ghi"));

        transport.window(4);
        assertFalse(out.flush(transport));
        assertEquals("abcd", transport.written());

        transport.window(4);
        assertFalse(out.flush(transport));
        assertEquals("abcdefgh", transport.written());

        transport.window(4);
        assertTrue(out.flush(transport));
        assertEquals("abcdefghi", transport.written());
        assertTrue(out.isEmpty());
    }

    @Test
    void flushNeverWaitsForAClientThatStoppedReading() throws IOException {
        transport.window(0);
        out.add(bytes("abc"));

        assertFalse(out.flush(transport));

        assertEquals("", transport.written());
        assertFalse(out.isEmpty());
    }

    @Test
    void flushAllWaitsForTheWindowToOpen() throws IOException {
        transport.window(2);
        out.add(bytes("hello"));
        openWindowLater(100);

        out.flushAll(transport, STALL_NANOS);

        assertEquals("hello", transport.written());
        assertTrue(out.isEmpty());
    }

    @Test
    void aWindowThatNeverOpensIsAStalledClientAfterTheStallTimeout() {
        long stall = TimeUnit.MILLISECONDS.toNanos(100);
        transport.window(0);
        out.add(bytes("hello"));
        long start = System.nanoTime();

        assertThrows(Outbound.StalledClientException.class, () -> out.flushAll(transport, stall));

        assertTrue(System.nanoTime() - start >= stall, "gave up before the stall timeout");
    }

    @Test
    void aFileRegionIsSentWholeBetweenTheBuffersAroundIt() throws IOException {
        Path file = fileOf(200_000);
        byte[] content = Files.readAllBytes(file);
        out.add(bytes("head"));
        out.addFile(new Response.FileRegion(file, 10, 150_000));
        out.add(bytes("tail"));
        transport.window(1000);
        openWindowLater(20);

        out.flushAll(transport, STALL_NANOS);

        byte[] sent = transport.writtenBytes();
        assertEquals("head", new String(sent, 0, 4, StandardCharsets.ISO_8859_1));
        assertArrayEquals(Arrays.copyOfRange(content, 10, 150_010), Arrays.copyOfRange(sent, 4, 150_004));
        assertEquals("tail", new String(sent, 150_004, sent.length - 150_004, StandardCharsets.ISO_8859_1));
    }

    @Test
    void aFileShorterThanItsRegionFailsTheSend() throws IOException {
        Path file = fileOf(100);
        out.addFile(new Response.FileRegion(file, 0, 150));

        assertThrows(IOException.class, () -> out.flush(transport));
    }

    @Test
    void writtenCountsEveryByteSentFilesIncluded() throws IOException {
        Path file = fileOf(1000);
        out.add(bytes("head"));
        out.addFile(new Response.FileRegion(file, 0, 1000));
        transport.window(500);
        out.flush(transport);
        assertEquals(500, out.written());

        transport.window(InMemoryTransport.UNLIMITED);
        out.flush(transport);

        assertEquals(1004, out.written());
    }
}
