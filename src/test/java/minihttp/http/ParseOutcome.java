package minihttp.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a parse produced, as a value: two outcomes are equal when a caller could not tell them
 * apart (same request fields and bytes used, or the same status). Test helper.
 */
record ParseOutcome(String kind, View view, int status) {

    /** Every field of a parsed head that a caller can read, plus the bytes the head used. */
    record View(String method, String target, String version, String path, List<String> segments,
                String rawQuery, List<Map.Entry<String, List<String>>> query, Headers headers,
                Request.Framing framing, long contentLength, int consumed) {
    }

    static ParseOutcome of(ParseResult result) {
        if (result instanceof ParseResult.Complete complete) {
            Request r = complete.request();
            View view = new View(r.method(), r.target(), r.version(), r.path(), r.pathSegments(),
                    r.rawQuery(), List.copyOf(r.query().entrySet()), r.headers(), r.framing(),
                    r.contentLength(), complete.consumed());
            return new ParseOutcome("Complete", view, 0);
        }
        if (result instanceof ParseResult.Invalid invalid) {
            return new ParseOutcome("Invalid", null, invalid.error().status().code());
        }
        if (result instanceof ParseResult.Incomplete) {
            return new ParseOutcome("Incomplete", null, 0);
        }
        throw new AssertionError("not a ParseResult the contract knows: " + result);
    }

    boolean isComplete() {
        return kind.equals("Complete");
    }

    boolean isIncomplete() {
        return kind.equals("Incomplete");
    }

    boolean isInvalid() {
        return kind.equals("Invalid");
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Bytes as a Java string literal, so a failing input can be pasted into a table. */
    static String printable(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < length; i++) {
            if (length > 600 && i == 300) {
                out.append("\" + ... ").append(length - 600).append(" bytes ... + \"");
                i = length - 300;
            }
            int b = bytes[i] & 0xFF;
            if (b == '\r') out.append("\\r");
            else if (b == '\n') out.append("\\n");
            else if (b == '"' || b == '\\') out.append('\\').append((char) b);
            else if (b < 0x20 || b >= 0x7F) out.append(String.format("\\u%04x", b));
            else out.append((char) b);
        }
        return out.append('"').toString();
    }

    static String printable(byte[] bytes) {
        return printable(bytes, bytes.length);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case "Complete" -> "Complete" + view;
            case "Invalid" -> "Invalid(" + status + ")";
            default -> kind;
        };
    }
}
