package minihttp.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The chunk coding written for responses of unknown length, byte for byte. */
class ChunkedOutputStreamTest {

    /** Writes to the stream under test, then finishes it. */
    @FunctionalInterface
    interface Writes {
        void apply(ChunkedOutputStream out) throws IOException;
    }

    static Stream<Arguments> encodings() {
        return Stream.of(
            arguments("empty body is only the last chunk", 16, (Writes) out -> { }, "0\r\n\r\n"),
            arguments("small write becomes one chunk", 16, (Writes) out -> out.write(bytes("hello")), "5\r\nhello\r\n0\r\n\r\n"),
            arguments("small writes are gathered into one chunk", 16, (Writes) out -> { out.write(bytes("hel")); out.write(bytes("lo")); }, "5\r\nhello\r\n0\r\n\r\n"),
            arguments("single bytes are gathered too", 16, (Writes) out -> { out.write('a'); out.write('b'); }, "2\r\nab\r\n0\r\n\r\n"),
            arguments("size in lowercase hex", 1024, (Writes) out -> out.write(new byte[255]), "ff\r\n" + "\u0000".repeat(255) + "\r\n0\r\n\r\n"),
            arguments("write larger than a chunk is split", 4, (Writes) out -> out.write(bytes("abcdefghij")), "4\r\nabcd\r\n4\r\nefgh\r\n2\r\nij\r\n0\r\n\r\n"),
            arguments("exactly one full chunk", 4, (Writes) out -> out.write(bytes("abcd")), "4\r\nabcd\r\n0\r\n\r\n"),
            arguments("write with offset and length", 16, (Writes) out -> out.write(bytes("xxhelloyy"), 2, 5), "5\r\nhello\r\n0\r\n\r\n"),
            arguments("flush sends what is buffered as a chunk", 16, (Writes) out -> { out.write(bytes("ab")); out.flush(); out.write(bytes("c")); }, "2\r\nab\r\n1\r\nc\r\n0\r\n\r\n"),
            arguments("flush with nothing buffered sends no empty chunk", 16, (Writes) out -> { out.flush(); out.write(bytes("a")); out.flush(); out.flush(); }, "1\r\na\r\n0\r\n\r\n"),
            arguments("zero-length write sends nothing", 16, (Writes) out -> out.write(new byte[0]), "0\r\n\r\n"),
            arguments("CRLF in data is plain data", 16, (Writes) out -> out.write(bytes("0\r\n\r\n")), "5\r\n0\r\n\r\n\r\n0\r\n\r\n")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void bodyIsEncodedExactly(String name, int chunkSize, Writes writes, String expected) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutputStream out = new ChunkedOutputStream(wire, chunkSize);
        writes.apply(out);
        out.finish();
        assertEquals(expected, wire.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void finishWritesTheLastChunkOnce() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutputStream out = new ChunkedOutputStream(wire, 16);
        out.write(bytes("a"));
        out.finish();
        out.finish();
        out.close();
        assertEquals("1\r\na\r\n0\r\n\r\n", wire.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void closeFinishesTheBodyButLeavesTheConnectionOpen() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream wire = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ChunkedOutputStream out = new ChunkedOutputStream(wire, 16);
        out.write(bytes("abc"));
        out.close();
        assertEquals("3\r\nabc\r\n0\r\n\r\n", wire.toString(StandardCharsets.ISO_8859_1));
        assertFalse(closed[0], "the connection's stream must stay open for the next response");
    }

    @Test
    void whatIsWrittenDecodesBackToTheSameBytes() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            ChunkedOutputStream out = new ChunkedOutputStream(wire, 1 + random.nextInt(64));
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            for (int w = random.nextInt(10); w > 0; w--) {
                byte[] data = RandomRequests.randomBytes(random, random.nextInt(100));
                out.write(data);
                written.writeBytes(data);
                if (random.nextInt(4) == 0) out.flush();
            }
            out.finish();
            byte[] encoded = wire.toByteArray();
            ChunkedDecoder decoder = new ChunkedDecoder(Limits.DEFAULTS);
            ByteArrayOutputStream decoded = new ByteArrayOutputStream();
            assertEquals(encoded.length, decoder.decode(encoded, 0, encoded.length, decoded), "round " + round);
            assertTrue(decoder.isDone(), "round " + round);
            assertArrayEquals(written.toByteArray(), decoded.toByteArray(), "round " + round);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
