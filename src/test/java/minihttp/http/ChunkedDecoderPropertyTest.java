package minihttp.http;

import static minihttp.http.ParseOutcome.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Property-style tests of {@link ChunkedDecoder}, seeded: a failure names the seed that rebuilds
 * its input. The decoder keeps state between calls, so here feeding is literal: each piece is
 * handed to the same decoder, and what it does not use after the end belongs to the next request.
 */
class ChunkedDecoderPropertyTest {
    private static final long SEED = 0xC4_0E_2026L;
    private static final int GENERATED_BODIES = 400;
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static final byte[] NEXT_REQUEST = "GET /next HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /** What a whole feeding came to: data, whether the body ended, bytes used, or the refusal. */
    record Outcome(String data, boolean done, int used, int status) {
        @Override
        public String toString() {
            return status != 0 ? "refused " + status + " after data " + data : "data " + data + ", done " + done + ", used " + used;
        }
    }

    @Test
    void validBodySplitAtEveryBoundaryDecodesTheSameAndLeavesWhatFollows() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < GENERATED_BODIES; i++) {
                long seed = SEED + i;
                RandomChunkedBodies.Generated body = RandomChunkedBodies.next(new Random(seed));
                byte[] input = concat(body.encoded(), NEXT_REQUEST);
                Outcome expected = new Outcome(hex(body.decoded()), true, body.encoded().length, 0);
                for (int split = 0; split <= input.length; split++) {
                    int[] cuts = split == 0 || split == input.length ? new int[] {input.length} : new int[] {split, input.length};
                    assertEquals(expected, feed(Limits.DEFAULTS, input, cuts),
                            () -> "seed " + seed + ", cuts " + Arrays.toString(cuts) + ", input " + printable(input));
                }
            }
        });
    }

    @Test
    void validBodyInRandomPiecesOrOneByteAtATimeDecodesTheSame() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < GENERATED_BODIES; i++) {
                long seed = SEED + i;
                RandomChunkedBodies.Generated body = RandomChunkedBodies.next(new Random(seed));
                byte[] input = concat(body.encoded(), NEXT_REQUEST);
                Outcome expected = new Outcome(hex(body.decoded()), true, body.encoded().length, 0);
                Random splits = new Random(seed ^ 0xC0FFEE);
                for (int pattern = 0; pattern < 25; pattern++) {
                    int[] cuts = RequestParserPropertyTest.randomCuts(splits, input.length);
                    assertEquals(expected, feed(Limits.DEFAULTS, input, cuts),
                            () -> "seed " + seed + ", cuts " + Arrays.toString(cuts) + ", input " + printable(input));
                }
                assertEquals(expected, feed(Limits.DEFAULTS, input, everyByte(input.length)),
                        () -> "seed " + seed + ", one byte at a time, input " + printable(input));
            }
        });
    }

    @Test
    void randomAndMutatedInputGivesOnlyDataOrARefusal() {
        // Tight limits, so that 413 and 431 are reachable from short inputs.
        Limits tight = new Limits(8192, 64, 3, 100);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < 6000; i++) {
                long seed = SEED * 13 + i;
                Random random = new Random(seed);
                byte[] input = switch (i % 3) {
                    case 0 -> RandomRequests.randomBytes(random, random.nextInt(200));
                    case 1 -> chunkedLikeBytes(random);
                    default -> RequestParserPropertyTest.mutate(random, concat(RandomChunkedBodies.next(random).encoded(), NEXT_REQUEST));
                };
                Supplier<String> context = () -> "seed " + seed + ", input " + printable(input);
                Outcome whole = feed(tight, input, new int[] {input.length});
                if (whole.status() != 0 && !Set.of(400, 413, 431).contains(whole.status())) {
                    throw new AssertionError("status " + whole.status() + "; " + context.get());
                }
                // The decoder's answer may not depend on how the bytes were split.
                assertEquals(whole, feed(tight, input, everyByte(input.length)), () -> "one byte at a time; " + context.get());
                int[] cuts = RequestParserPropertyTest.randomCuts(random, input.length);
                assertEquals(whole, feed(tight, input, cuts), () -> "cuts " + Arrays.toString(cuts) + "; " + context.get());
            }
        });
    }

    /**
     * Hands the pieces ending at each cut to one decoder, as the connection does with each read;
     * anything but a {@link ProtocolException} escapes as a test failure.
     */
    static Outcome feed(Limits limits, byte[] input, int[] cuts) {
        ChunkedDecoder decoder = new ChunkedDecoder(limits);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        int used = 0;
        int from = 0;
        try {
            for (int cut : cuts) {
                byte[] piece = Arrays.copyOfRange(input, from, cut);
                int took = decoder.decode(piece, 0, piece.length, sink);
                if (took < 0 || took > piece.length || took < piece.length && !decoder.isDone()) {
                    throw new AssertionError("used " + took + " of a " + piece.length + "-byte piece, done " + decoder.isDone());
                }
                used += took;
                from = cut;
                if (decoder.isDone()) break;
            }
        } catch (ProtocolException e) {
            return new Outcome(hex(sink.toByteArray()), false, -1, e.status().code());
        }
        return new Outcome(hex(sink.toByteArray()), decoder.isDone(), used, 0);
    }

    private static int[] everyByte(int length) {
        int[] cuts = new int[Math.max(length, 1)];
        for (int i = 0; i < length; i++) cuts[i] = i + 1;
        return cuts;
    }

    private static final String[] VOCABULARY = {"0", "1", "5", "a", "A", "f", "ff", "g", "-", "10", "\r\n", "\r\n", "\n",
        "\r", ";", ";x=y", " ", "\t", "\"", "hello", "X: v", ":", "\u0000", "\u00ff", "fffffffffffffffffff", "0\r\n\r\n"};

    private static byte[] chunkedLikeBytes(Random random) {
        StringBuilder out = new StringBuilder();
        int words = random.nextInt(30);
        for (int i = 0; i < words; i++) out.append(RandomRequests.pick(random, VOCABULARY));
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
