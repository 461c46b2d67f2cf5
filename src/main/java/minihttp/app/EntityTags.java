package minihttp.app;

import java.util.ArrayList;
import java.util.List;

/** Entity-tag lists and comparison (RFC 9110 §8.8.3), for static files and items alike. */
final class EntityTags {
    private EntityTags() {
    }

    /**
     * The members of {@code "*" / #entity-tag}, each as received ({@code W/"x"} or {@code "x"}),
     * or null when the value is not such a list. Commas may appear inside the quotes.
     */
    static List<String> parse(String value) {
        List<String> tags = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            int start = i;
            if (c == '*') {
                i++;
            } else {
                if (value.startsWith("W/", i)) i += 2;
                if (i >= n || value.charAt(i) != '"') return null;
                int close = value.indexOf('"', i + 1);
                if (close < 0) return null;
                i = close + 1;
            }
            tags.add(value.substring(start, i));
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) i++;
            if (i < n && value.charAt(i) != ',') return null;
        }
        return tags;
    }

    /** RFC 9110 §8.8.3.2: the opaque-tags are equal, weakness ignored. */
    static boolean weaklyEqual(String a, String b) {
        return opaque(a).equals(opaque(b));
    }

    /** RFC 9110 §8.8.3.2: both are strong and their opaque-tags are equal. */
    static boolean stronglyEqual(String a, String b) {
        return !a.startsWith("W/") && !b.startsWith("W/") && a.equals(b);
    }

    static boolean isWeak(String tag) {
        return tag.startsWith("W/");
    }

    /** The tag without W/, still quoted. */
    static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
