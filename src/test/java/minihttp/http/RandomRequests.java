package minihttp.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Generates valid requests together with what a correct parser must read from them: a model to
 * check the parser against, not a second parser. Deterministic for a given {@link Random}.
 */
final class RandomRequests {
    private static final String TCHAR = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";
    private static final String PCHAR_EXTRA = "!$&'()*+,;=:@";
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PURGE", "M-SEARCH"};
    private static final String[] HOSTS = {"example.com", "localhost:8080", "127.0.0.1", "[::1]:80", "h"};
    /** Decoded characters a segment or query part may hold, with the awkward ones over-represented. */
    private static final String[] CHARACTERS = {"a", "b", "z", "A", "0", "9", "-", ".", "_", "~", "!", "$", "&", "'",
        "(", ")", "*", "+", ",", ";", "=", ":", "@", "/", "?", "#", "%", " ", "\"", "<", "[", "]", "\u00e9", "\u20ac",
        "\uD83D\uDE00", "\u0000", "\u007f"};

    /** One generated request: its bytes and the fields a parser must find. */
    record Generated(byte[] bytes, int headLength, String method, String target, String version,
                     List<String> segments, String rawQuery, Map<String, List<String>> query, Headers headers,
                     Request.Framing framing, long contentLength, byte[] body) {
    }

    private RandomRequests() {
    }

    static Generated next(Random random) {
        StringBuilder head = new StringBuilder();
        if (random.nextInt(10) == 0) {
            for (int i = random.nextInt(3); i >= 0; i--) head.append(random.nextBoolean() ? "\r\n" : "\n");
        }
        String method = switch (random.nextInt(12)) {
            case 0 -> token(random, 1, 12);
            case 1 -> token(random, 25, 32); // up to the longest method the parser takes
            default -> pick(random, METHODS);
        };
        boolean http10 = random.nextInt(5) == 0;
        String version = http10 ? "HTTP/1.0" : "HTTP/1.1";
        String host = pick(random, HOSTS);

        List<String> segments = new ArrayList<>();
        StringBuilder target = new StringBuilder();
        if (random.nextInt(7) == 0) {
            target.append(random.nextBoolean() ? "http://" : "HTTP://").append(host);
        }
        int segmentCount = random.nextInt(5);
        if (segmentCount == 0) {
            target.append('/');
            segments.add("");
        }
        for (int i = 0; i < segmentCount; i++) {
            if (random.nextInt(8) == 0) target.append("/.");
            if (random.nextInt(8) == 0) target.append("/zz/..");
            String segment = random.nextInt(10) == 0 ? "" : text(random, 1, 8);
            target.append('/').append(encodePathSegment(random, segment));
            segments.add(segment);
        }
        if (segmentCount > 0 && random.nextInt(4) == 0) {
            target.append('/');
            segments.add("");
        }
        String rawQuery = null;
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            StringBuilder raw = new StringBuilder();
            int pairs = random.nextInt(4);
            for (int i = 0; i < pairs; i++) {
                if (i > 0) raw.append('&');
                String name = random.nextInt(3) == 0 ? pick(random, new String[] {"a", "b"}) : text(random, 1, 6);
                String value = random.nextInt(4) == 0 ? "" : text(random, 1, 8);
                raw.append(encodeQueryPart(random, name));
                if (!value.isEmpty() || random.nextBoolean()) raw.append('=').append(encodeQueryPart(random, value));
                query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            rawQuery = raw.toString();
            target.append('?').append(rawQuery);
        }
        head.append(method).append(' ').append(target).append(' ').append(version).append(eol(random));

        List<String[]> fields = new ArrayList<>();
        if (!http10 || random.nextBoolean()) fields.add(new String[] {mixCase(random, "Host"), host});
        int extra = random.nextInt(9);
        for (int i = 0; i < extra; i++) {
            String name;
            do {
                name = token(random, 1, 12);
            } while (isFramingOrHost(name));
            fields.add(new String[] {name, fieldValue(random)});
        }
        Request.Framing framing = Request.Framing.NONE;
        long contentLength = 0;
        byte[] body = new byte[0];
        int framingChoice = random.nextInt(5);
        if (framingChoice < 2) {
            body = randomBytes(random, random.nextInt(20));
            contentLength = body.length;
            framing = body.length > 0 ? Request.Framing.LENGTH : Request.Framing.NONE;
            String value = random.nextInt(6) == 0 ? body.length + ", " + body.length : String.valueOf(body.length);
            fields.add(new String[] {mixCase(random, "Content-Length"), value});
        } else if (framingChoice == 2 && !http10) {
            body = RandomChunkedBodies.next(random).encoded();
            contentLength = -1;
            framing = Request.Framing.CHUNKED;
            fields.add(new String[] {mixCase(random, "Transfer-Encoding"), random.nextBoolean() ? "chunked" : "Chunked"});
        }
        Collections.shuffle(fields, random);

        Headers headers = new Headers();
        for (String[] field : fields) {
            head.append(field[0]).append(':').append(ows(random)).append(field[1]).append(ows(random)).append(eol(random));
            headers.add(field[0], field[1]);
        }
        head.append(eol(random));

        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(headBytes);
        all.writeBytes(body);
        if (random.nextInt(3) == 0) all.writeBytes("GET /next HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return new Generated(all.toByteArray(), headBytes.length, method, target.toString(), version,
                List.copyOf(segments), rawQuery, query, headers, framing,
                framing == Request.Framing.CHUNKED ? -1 : contentLength, body);
    }

    private static boolean isFramingOrHost(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("host") || lower.equals("content-length") || lower.equals("transfer-encoding");
    }

    static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    static String token(Random random, int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) out.append(TCHAR.charAt(random.nextInt(TCHAR.length())));
        return out.toString();
    }

    private static String text(Random random, int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) out.append(pick(random, CHARACTERS));
        return out.toString();
    }

    private static String mixCase(Random random, String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            out.append(random.nextInt(4) == 0 ? Character.toUpperCase(c) : random.nextInt(3) == 0 ? Character.toLowerCase(c) : c);
        }
        return out.toString();
    }

    /** A field value with no leading or trailing whitespace: VCHAR, obs-text, inner SP and HTAB. */
    private static String fieldValue(Random random) {
        int length = random.nextInt(12);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            boolean inner = i > 0 && i < length - 1;
            if (kind == 0 && inner) out.append(random.nextBoolean() ? ' ' : '\t');
            else if (kind == 1) out.append((char) (0x80 + random.nextInt(0x80)));
            else out.append((char) (0x21 + random.nextInt(0x7E - 0x21 + 1)));
        }
        return out.toString();
    }

    private static String ows(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "\t";
            case 2 -> "  ";
            case 3 -> " \t ";
            default -> " ";
        };
    }

    private static String eol(Random random) {
        return random.nextInt(6) == 0 ? "\n" : "\r\n";
    }

    /**
     * Percent-encodes a decoded segment so that it decodes back to itself: characters that would
     * change the meaning are always escaped, safe ones only sometimes, and a segment that is a
     * dot-segment is escaped so it stays a name.
     */
    private static String encodePathSegment(Random random, String segment) {
        boolean isDotSegment = segment.equals(".") || segment.equals("..");
        StringBuilder out = new StringBuilder();
        segment.codePoints().forEach(cp -> {
            boolean safe = cp < 0x80 && (UNRESERVED.indexOf(cp) >= 0 || PCHAR_EXTRA.indexOf(cp) >= 0);
            if (safe && !(isDotSegment && cp == '.') && random.nextInt(4) != 0) out.appendCodePoint(cp);
            else escape(random, cp, out);
        });
        return out.toString();
    }

    private static String encodeQueryPart(Random random, String part) {
        StringBuilder out = new StringBuilder();
        part.codePoints().forEach(cp -> {
            boolean safe = cp < 0x80 && cp != '&' && cp != '=' && cp != '+'
                    && (UNRESERVED.indexOf(cp) >= 0 || PCHAR_EXTRA.indexOf(cp) >= 0 || cp == '/' || cp == '?');
            if (cp == ' ' && random.nextBoolean()) out.append('+');
            else if (safe && random.nextInt(4) != 0) out.appendCodePoint(cp);
            else escape(random, cp, out);
        });
        return out.toString();
    }

    private static void escape(Random random, int codePoint, StringBuilder out) {
        for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
            String hex = String.format("%02X", b & 0xFF);
            out.append('%').append(random.nextBoolean() ? hex : hex.toLowerCase(Locale.ROOT));
        }
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
