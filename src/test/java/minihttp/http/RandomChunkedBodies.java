package minihttp.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

/**
 * Generates valid chunked bodies (RFC 9112 §7.1) with extensions (BWS, tokens and quoted-strings)
 * and trailers. Every framing line ends with CRLF, the only line end chunked framing takes.
 */
final class RandomChunkedBodies {
    private static final String CRLF = "\r\n";
    /** Quoted-strings (RFC 9110 §5.6.4) holding separators, escapes and obs-text. */
    private static final String[] QUOTED_VALUES = {"\"\"", "\"a b;c=d\\\"\"", "\"\\\\\"", "\"\t\\\t\u00e9\\\u00ff\"", "\"=;,\""};

    /** A chunked body on the wire and the data it carries. */
    record Generated(byte[] encoded, byte[] decoded) {
    }

    private RandomChunkedBodies() {
    }

    static Generated next(Random random) {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        int chunks = random.nextInt(5);
        for (int i = 0; i < chunks; i++) {
            byte[] data = RandomRequests.randomBytes(random, 1 + random.nextInt(40));
            write(encoded, sizeLine(random, data.length));
            encoded.writeBytes(data);
            write(encoded, CRLF);
            decoded.writeBytes(data);
        }
        write(encoded, sizeLine(random, 0));
        int trailers = random.nextInt(6) == 0 ? 1 + random.nextInt(3) : 0;
        for (int i = 0; i < trailers; i++) {
            write(encoded, RandomRequests.token(random, 1, 10) + ":" + (random.nextBoolean() ? " " : "")
                    + RandomRequests.token(random, 0, 10) + CRLF);
        }
        write(encoded, CRLF);
        return new Generated(encoded.toByteArray(), decoded.toByteArray());
    }

    private static String sizeLine(Random random, int size) {
        String hex = Integer.toHexString(size);
        if (random.nextBoolean()) hex = hex.toUpperCase(Locale.ROOT);
        if (random.nextInt(6) == 0) hex = "0".repeat(1 + random.nextInt(3)) + hex;
        StringBuilder line = new StringBuilder(hex);
        int extensions = random.nextInt(5) == 0 ? 1 + random.nextInt(3) : 0;
        for (int i = 0; i < extensions; i++) {
            line.append(bws(random)).append(';').append(bws(random)).append(RandomRequests.token(random, 1, 6));
            switch (random.nextInt(3)) {
                case 0 -> line.append(bws(random)).append('=').append(bws(random)).append(RandomRequests.token(random, 1, 6));
                case 1 -> line.append(bws(random)).append('=').append(bws(random)).append(QUOTED_VALUES[random.nextInt(QUOTED_VALUES.length)]);
                default -> { }
            }
        }
        return line.append(CRLF).toString();
    }

    /** BWS: mostly nothing, sometimes spaces and tabs. */
    private static String bws(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> " ";
            case 1 -> "\t ";
            default -> "";
        };
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
