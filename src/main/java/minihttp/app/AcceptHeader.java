package minihttp.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A request's Accept field (RFC 9110 §12.5.1), asked how much the client wants one media type.
 * Qualities are in thousandths, 0 to 1000, so that they compare exactly; 0 means not acceptable.
 * Parameters other than q are not compared. Thread-safe (immutable).
 */
final class AcceptHeader {
    static final int BEST = 1000;

    /** RFC 9110 §12.4.2: at most three decimals, and never above 1. */
    private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    /** RFC 9110 §12.5.1: a request without Accept accepts any media type. */
    private static final AcceptHeader ANYTHING = new AcceptHeader(List.of(new Range("*", "*", BEST)));

    /** One media range, lower-cased, with its quality. */
    private record Range(String type, String subtype, int quality) {
        /** 2 for type/subtype, 1 for type/*, 0 for the wildcard of both, -1 when the range does not cover it. */
        int specificity(String otherType, String otherSubtype) {
            if (type.equals("*") && subtype.equals("*")) return 0;
            if (!type.equals(otherType)) return -1;
            if (subtype.equals("*")) return 1;
            return subtype.equals(otherSubtype) ? 2 : -1;
        }
    }

    private final List<Range> ranges;

    private AcceptHeader(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** From every Accept field of a request (a list field, so several combine as one). */
    static AcceptHeader parse(List<String> fields) {
        if (fields.isEmpty()) return ANYTHING;
        List<Range> ranges = new ArrayList<>();
        for (String element : split(String.join(",", fields), ',')) {
            Range range = range(element);
            if (range != null) ranges.add(range);
        }
        return new AcceptHeader(ranges);
    }

    /**
     * The quality given to {@code mediaType} ("type/subtype"): that of the most specific range
     * covering it (RFC 9110 §12.5.1), 0 when none does. Equally specific ranges differ only in
     * parameters, which are not compared here, so the best of their qualities counts.
     */
    int quality(String mediaType) {
        String lower = mediaType.toLowerCase(Locale.ROOT);
        int slash = lower.indexOf('/');
        String type = lower.substring(0, slash);
        String subtype = lower.substring(slash + 1);
        int bestSpecificity = -1;
        int quality = 0;
        for (Range range : ranges) {
            int specificity = range.specificity(type, subtype);
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                quality = range.quality();
            } else if (specificity == bestSpecificity && specificity >= 0) {
                quality = Math.max(quality, range.quality());
            }
        }
        return quality;
    }

    /** One element, {@code type/subtype *( OWS ";" OWS parameter )}, or null when it is not one. */
    private static Range range(String element) {
        List<String> parts = split(element, ';');
        String mediaRange = parts.get(0).strip().toLowerCase(Locale.ROOT);
        if (mediaRange.isEmpty()) return null; // RFC 9110 §5.6.1: empty list elements are skipped
        int slash = mediaRange.indexOf('/');
        if (slash <= 0 || slash == mediaRange.length() - 1) return null;
        int quality = BEST;
        for (String parameter : parts.subList(1, parts.size())) {
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).strip();
            if (!name.equalsIgnoreCase("q")) continue;
            String value = equals < 0 ? "" : parameter.substring(equals + 1).strip();
            // A quality that cannot be read could have been any quality, 0 included: drop the range.
            if (!QVALUE.matcher(value).matches()) return null;
            quality = thousandths(value);
            break; // RFC 9110 §12.5.1: a parameter named q is the weight wherever it stands; the first counts
        }
        return new Range(mediaRange.substring(0, slash), mediaRange.substring(slash + 1), quality);
    }

    private static int thousandths(String qvalue) {
        if (qvalue.charAt(0) == '1') return BEST;
        String decimals = qvalue.length() > 2 ? qvalue.substring(2) : "";
        return Integer.parseInt((decimals + "000").substring(0, 3));
    }

    /**
     * Splits at {@code separator} outside quoted strings: a parameter value may be quoted
     * (RFC 9110 §5.6.6), and a comma or semicolon inside it must not start a new range.
     */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++; // RFC 9110 §5.6.4: a quoted-pair, whatever the escaped character
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
