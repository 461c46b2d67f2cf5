package minihttp.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One satisfiable byte range of a representation, {@code first} to {@code last} inclusive, both
 * within the representation (RFC 9110 §14.1.2), and the parser of the Range field that yields it.
 *
 * <p>{@link #select} answers one of three things: serve this {@link Part}; serve the {@link Whole}
 * representation because the field is to be ignored; or the range is {@link Unsatisfiable}
 * (416). Only a single range is served: a multi-range request is ignored, which RFC 9110 §14.2
 * allows ("A server MAY ignore the Range header field"), so no multipart/byteranges body is ever
 * built. Thread-safe (immutable, pure).
 */
public record ByteRange(long first, long last) {

    public ByteRange {
        if (first < 0 || last < first) throw new IllegalArgumentException("not a byte range: " + first + "-" + last);
    }

    /** How many bytes the range covers. */
    public long length() {
        return last - first + 1;
    }

    /** The Content-Range value of a 206 (RFC 9110 §14.4): {@code bytes first-last/size}. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** The Content-Range value of a 416 (RFC 9110 §14.4, §15.5.17): {@code bytes *}{@code /size}. */
    public static String unsatisfiedContentRange(long size) {
        return "bytes */" + size;
    }

    /** What a Range field asks of a representation. */
    public sealed interface Selection permits Part, Whole, Unsatisfiable {
    }

    /** Send this part with 206. */
    public record Part(ByteRange range) implements Selection {
    }

    /** Ignore the Range field and send the whole representation with 200. */
    public record Whole() implements Selection {
    }

    /** Every range asked for lies beyond the end: 416. */
    public record Unsatisfiable() implements Selection {
    }

    private static final Whole WHOLE = new Whole();
    private static final Unsatisfiable UNSATISFIABLE = new Unsatisfiable();

    /** Saturation value for digit strings too long for a long: larger than any file. */
    private static final long HUGE = Long.MAX_VALUE;

    /**
     * Reads a Range field value against a representation of {@code size} bytes.
     *
     * @param field the field value, or null when the request has none
     */
    public static Selection select(String field, long size) {
        if (field == null) return WHOLE;
        int equals = field.indexOf('=');
        if (equals < 0) return WHOLE;
        // RFC 9110 §14.1: range units are compared case-insensitively; §14.2: a server MUST
        // ignore a Range with a unit it does not understand.
        if (!field.substring(0, equals).toLowerCase(Locale.ROOT).equals("bytes")) return WHOLE;

        List<String> specs = new ArrayList<>(1);
        for (String member : field.substring(equals + 1).split(",", -1)) {
            String spec = member.trim();
            // RFC 9110 §5.6.1: a recipient MUST accept (and ignore) empty list elements.
            if (!spec.isEmpty()) specs.add(spec);
        }
        // RFC 9110 §14.1.1: range-set = 1#range-spec, so at least one. More than one is a
        // multi-range request, ignored under §14.2.
        if (specs.size() != 1) return WHOLE;
        return selectOne(specs.get(0), size);
    }

    private static Selection selectOne(String spec, long size) {
        int dash = spec.indexOf('-');
        if (dash < 0) return WHOLE;
        String firstText = spec.substring(0, dash);
        String lastText = spec.substring(dash + 1);
        if (firstText.isEmpty()) {
            // suffix-range = "-" suffix-length (RFC 9110 §14.1.1)
            long suffixLength = digits(lastText);
            if (suffixLength < 0) return WHOLE;
            // RFC 9110 §14.1.1: a suffix-range is satisfiable only with a non-zero suffix-length.
            if (suffixLength == 0) return UNSATISFIABLE;
            // §14.1.1 calls a non-zero suffix satisfiable even on an empty representation, but
            // Content-Range (§14.4) cannot express zero bytes; §14.2 lets us ignore the Range.
            if (size == 0) return WHOLE;
            // §14.1.2: a suffix longer than the representation selects all of it.
            return new Part(new ByteRange(Math.max(0, size - suffixLength), size - 1));
        }
        // int-range = first-pos "-" [ last-pos ]
        long first = digits(firstText);
        if (first < 0) return WHOLE;
        long last;
        if (lastText.isEmpty()) {
            last = HUGE;
        } else {
            last = digits(lastText);
            if (last < 0) return WHOLE;
            // RFC 9110 §14.1.1: a last-pos below first-pos makes the range-spec invalid.
            if (last < first) return WHOLE;
        }
        // RFC 9110 §14.1.1: an int-range is satisfiable only if first-pos < the length.
        if (first >= size) return UNSATISFIABLE;
        // RFC 9110 §14.1.2: a last-pos at or beyond the end means the last byte.
        return new Part(new ByteRange(first, Math.min(last, size - 1)));
    }

    /** 1*DIGIT as a number, saturating at {@link #HUGE}; -1 when not digits. */
    private static long digits(String text) {
        if (text.isEmpty()) return -1;
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value > (HUGE - 9) / 10 ? HUGE : value * 10 + (c - '0');
        }
        return value;
    }
}
