package minihttp.http;

import static minihttp.http.ParseOutcome.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Property-style tests over generated inputs, seeded so that every failure names the seed that
 * rebuilds its input ({@code new Random(seed)}). The parser is pure, so "feeding" bytes means
 * what the connection does: keep a buffer, append what arrived, and parse the whole buffer again.
 */
class RequestParserPropertyTest {
    private static final RequestParser PARSER = new RequestParser(Limits.DEFAULTS);
    private static final long SEED = 0x5EED_2026L;
    private static final int GENERATED_REQUESTS = 300;
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @Test
    void generatedRequestParsesToWhatTheGeneratorMeant() {
        for (int i = 0; i < GENERATED_REQUESTS; i++) {
            long seed = SEED + i;
            RandomRequests.Generated g = RandomRequests.next(new Random(seed));
            String context = "seed " + seed + ", input " + printable(g.bytes());
            ParseResult result = PARSER.parse(g.bytes(), 0, g.bytes().length);
            if (!(result instanceof ParseResult.Complete complete)) {
                throw new AssertionError("expected Complete, got " + ParseOutcome.of(result) + describe(result) + "; " + context);
            }
            Request r = complete.request();
            assertEquals(g.headLength(), complete.consumed(), () -> "consumed; " + context);
            assertEquals(g.method(), r.method(), () -> "method; " + context);
            assertEquals(g.target(), r.target(), () -> "target; " + context);
            assertEquals(g.version(), r.version(), () -> "version; " + context);
            assertEquals(g.segments(), r.pathSegments(), () -> "segments; " + context);
            assertEquals("/" + String.join("/", g.segments()), r.path(), () -> "path; " + context);
            assertEquals(g.rawQuery(), r.rawQuery(), () -> "raw query; " + context);
            assertEquals(g.query(), r.query(), () -> "query; " + context);
            assertEquals(List.copyOf(g.query().keySet()), List.copyOf(r.query().keySet()), () -> "query order; " + context);
            assertEquals(g.headers(), r.headers(), () -> "headers; " + context);
            assertEquals(g.framing(), r.framing(), () -> "framing; " + context);
            assertEquals(g.contentLength(), r.contentLength(), () -> "content length; " + context);
        }
    }

    @Test
    void splitAtEveryByteBoundaryGivesTheOneShotResult() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < GENERATED_REQUESTS; i++) {
                long seed = SEED + i;
                byte[] bytes = RandomRequests.next(new Random(seed)).bytes();
                ParseOutcome oneShot = oneShot(bytes);
                for (int split = 1; split < bytes.length; split++) {
                    int at = split;
                    assertEquals(oneShot, feed(bytes, new int[] {split, bytes.length}, "seed " + seed),
                            () -> "seed " + seed + ", split at " + at + ", input " + printable(bytes));
                }
            }
        });
    }

    @Test
    void randomMultiSplitsGiveTheOneShotResult() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < GENERATED_REQUESTS; i++) {
                long seed = SEED + i;
                byte[] bytes = RandomRequests.next(new Random(seed)).bytes();
                ParseOutcome oneShot = oneShot(bytes);
                Random splits = new Random(seed ^ 0xC0FFEE);
                for (int pattern = 0; pattern < 25; pattern++) {
                    int[] cuts = randomCuts(splits, bytes.length);
                    assertEquals(oneShot, feed(bytes, cuts, "seed " + seed),
                            () -> "seed " + seed + ", cuts " + Arrays.toString(cuts) + ", input " + printable(bytes));
                }
            }
        });
    }

    @Test
    void oneByteAtATimeGivesTheOneShotResult() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < GENERATED_REQUESTS; i++) {
                long seed = SEED + i;
                byte[] bytes = RandomRequests.next(new Random(seed)).bytes();
                int[] cuts = new int[bytes.length];
                for (int j = 0; j < cuts.length; j++) cuts[j] = j + 1;
                assertEquals(oneShot(bytes), feed(bytes, cuts, "seed " + seed),
                        () -> "seed " + seed + ", one byte at a time, input " + printable(bytes));
            }
        });
    }

    @Test
    void randomBytesGiveOnlyTheThreeOutcomes() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < 4000; i++) {
                long seed = SEED * 31 + i;
                byte[] bytes = i % 4 == 0 ? RandomRequests.randomBytes(new Random(seed), new Random(seed).nextInt(300))
                        : httpLikeBytes(new Random(seed));
                checkContract(PARSER, bytes, "seed " + seed + " (" + (i % 4 == 0 ? "raw bytes" : "HTTP-like bytes") + ")");
            }
        });
    }

    @Test
    void mutatedRequestsGiveOnlyTheThreeOutcomes() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < 3000; i++) {
                long seed = SEED * 17 + i;
                Random random = new Random(seed);
                byte[] bytes = mutate(random, RandomRequests.next(random).bytes());
                checkContract(PARSER, bytes, "seed " + seed + " (mutated request)");
            }
        });
    }

    @Test
    void verdictsAreFinalAtTheEdgesOfTightLimits() {
        // Limits small enough that generated heads often end right at them, where off-by-one
        // slips between the partial and the complete checks would show.
        RequestParser tight = new RequestParser(new Limits(40, 120, 5, 1000));
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < 3000; i++) {
                long seed = SEED * 23 + i;
                Random random = new Random(seed);
                byte[] bytes = RandomRequests.next(random).bytes();
                if (random.nextBoolean()) bytes = mutate(random, bytes);
                checkContract(tight, bytes, "seed " + seed + " (tight limits)");
            }
        });
    }

    @Test
    void oversizedInputsAreRefusedNotBuffered() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < 40; i++) {
                long seed = SEED * 7 + i;
                Random random = new Random(seed);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(RandomRequests.next(random).bytes());
                while (out.size() < 40_000) out.writeBytes(httpLikeBytes(random));
                byte[] bytes = mutate(random, out.toByteArray());
                ParseOutcome whole = checkedOutcome(PARSER, bytes, bytes.length, "seed " + seed);
                // With no head finished within the limits, the parser must have given up: a caller
                // never needs to buffer more than the request line and header limits allow.
                if (whole.isIncomplete()) {
                    throw new AssertionError("40 kB without a verdict; seed " + seed + ", input " + printable(bytes, 200) + "...");
                }
            }
        });
    }

    /**
     * The contract on any input: only Complete, Incomplete or Invalid with a 4xx/5xx status; no
     * other exception. And verdicts are final: a prefix that is Complete is the whole input's
     * result, and a prefix that is Invalid stays Invalid however the input goes on.
     */
    private static void checkContract(RequestParser parser, byte[] bytes, String seed) {
        ParseOutcome whole = checkedOutcome(parser, bytes, bytes.length, seed);
        for (int length = 0; length < bytes.length; length++) {
            ParseOutcome prefix = checkedOutcome(parser, bytes, length, seed);
            boolean consistent = prefix.isIncomplete()
                    || prefix.isComplete() && prefix.equals(whole)
                    || prefix.isInvalid() && whole.isInvalid();
            if (!consistent) {
                throw new AssertionError(seed + ": prefix of " + length + " bytes gave " + prefix
                        + " but the whole input gave " + whole + "; input " + printable(bytes));
            }
        }
    }

    private static ParseOutcome checkedOutcome(RequestParser parser, byte[] bytes, int length, String seed) {
        ParseResult result;
        try {
            result = parser.parse(bytes, 0, length);
        } catch (RuntimeException | Error e) {
            throw new AssertionError(seed + ": parse threw on " + printable(bytes, length), e);
        }
        ParseOutcome outcome = ParseOutcome.of(result);
        if (outcome.isInvalid() && (outcome.status() < 400 || outcome.status() > 599)) {
            throw new AssertionError(seed + ": status " + outcome.status() + " on " + printable(bytes, length));
        }
        if (outcome.isComplete() && (outcome.view().consumed() <= 0 || outcome.view().consumed() > length)) {
            throw new AssertionError(seed + ": consumed " + outcome.view().consumed() + " of " + length);
        }
        return outcome;
    }

    private static ParseOutcome oneShot(byte[] bytes) {
        return ParseOutcome.of(PARSER.parse(bytes, 0, bytes.length));
    }

    /**
     * Plays the connection: the bytes arrive in pieces ending at each cut; after each piece the
     * whole buffer so far is parsed. Until the last piece only Incomplete is acceptable, unless
     * the head is already Complete, which ends the feeding as it would in the server.
     */
    static ParseOutcome feed(byte[] bytes, int[] cuts, String seed) {
        byte[] buffer = new byte[bytes.length];
        Arrays.fill(buffer, (byte) 0xA5); // what has not arrived yet must not be read
        int filled = 0;
        ParseOutcome outcome = null;
        for (int cut : cuts) {
            System.arraycopy(bytes, filled, buffer, filled, cut - filled);
            filled = cut;
            outcome = ParseOutcome.of(PARSER.parse(buffer, 0, filled));
            if (outcome.isComplete()) return outcome;
            if (outcome.isInvalid()) {
                throw new AssertionError(seed + ": a valid request was refused after " + filled + " bytes: "
                        + outcome + "; input " + printable(bytes));
            }
        }
        return outcome;
    }

    /** Between one and eight cut points, ascending, the last one at the end. */
    static int[] randomCuts(Random random, int length) {
        TreeSet<Integer> cuts = new TreeSet<>();
        int count = random.nextInt(8);
        for (int i = 0; i < count && length > 1; i++) cuts.add(1 + random.nextInt(length - 1));
        cuts.add(length);
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static final String[] VOCABULARY = {"GET", "POST", "OPTIONS", "CONNECT", " ", " ", "/", "/", "*", "?", "&",
        "=", "+", "%", "%2", "%C3%A9", "%ff", "..", ".", "#", "http://", "h", "a", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0",
        "\r\n", "\r\n", "\r\n", "\n", "\r", "\t", ":", ": ", "Host", "Host: h\r\n", "Content-Length", "Content-Length: 5\r\n",
        "Transfer-Encoding", "Transfer-Encoding: chunked\r\n", "chunked", "gzip", ",", "0", "5", "-1",
        "99999999999999999999", "\u0000", "\u007f", "\u00e9", "\r\n\r\n"};

    /** Concatenations of HTTP words, punctuation and odd bytes: closer to the parser's edges than noise. */
    static byte[] httpLikeBytes(Random random) {
        StringBuilder out = new StringBuilder();
        int words = random.nextInt(40);
        for (int i = 0; i < words; i++) {
            if (random.nextInt(10) == 0) out.append((char) random.nextInt(256));
            else out.append(RandomRequests.pick(random, VOCABULARY));
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final byte[] INTERESTING = {'\r', '\n', ' ', '\t', ':', '%', '/', '?', '#', ',', 0, 0x7F, (byte) 0x80, (byte) 0xFF};

    /** One to four edits: flip a bit, replace, insert or delete a byte, duplicate or cut a range. */
    static byte[] mutate(Random random, byte[] original) {
        byte[] bytes = original;
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(6)) {
                case 0 -> {
                    bytes = bytes.clone();
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
                case 1 -> {
                    bytes = bytes.clone();
                    bytes[at] = random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) random.nextInt(256);
                }
                case 2 -> {
                    byte inserted = random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) random.nextInt(256);
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = inserted;
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
                case 3 -> {
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                    bytes = shorter;
                }
                case 4 -> {
                    int length = Math.min(bytes.length - at, 1 + random.nextInt(16));
                    byte[] longer = new byte[bytes.length + length];
                    System.arraycopy(bytes, 0, longer, 0, at + length);
                    System.arraycopy(bytes, at, longer, at + length, bytes.length - at);
                    bytes = longer;
                }
                default -> bytes = Arrays.copyOf(bytes, at);
            }
        }
        return bytes;
    }

    private static String describe(ParseResult result) {
        return result instanceof ParseResult.Invalid invalid ? " (" + invalid.error().getMessage() + ")" : "";
    }
}
