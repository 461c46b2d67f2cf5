package minihttp.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * An ordered list of header fields. Names compare case-insensitively (RFC 9110 §5.1); repeated
 * fields are kept in the order received. Values are held as ISO-8859-1 strings, one char per
 * byte, so no byte is lost. Lists returned here must not be modified. Not thread-safe; a
 * request's headers are not changed after parsing.
 *
 * <p>Fields come from two places. The parser hands over its own copy of the field lines, exactly
 * as received, and where each line starts: no string is made until a field is asked for, and
 * most never are. {@link #add} appends fields as strings, after the received ones; responses are
 * built that way.
 */
public final class Headers {
    private static final byte[] NO_LINES = new byte[0];
    private static final int[] NO_STARTS = new int[0];

    /**
     * Tokens the server itself looks for, returned as shared strings and one-element lists so
     * that reading them allocates nothing.
     */
    private static final String[] COMMON_TOKENS = {"keep-alive", "close", "chunked", "100-continue"};
    private static final byte[][] COMMON_TOKEN_BYTES =
            Arrays.stream(COMMON_TOKENS).map(token -> token.getBytes(StandardCharsets.ISO_8859_1)).toArray(byte[][]::new);
    private static final List<List<String>> COMMON_TOKEN_LISTS = Arrays.stream(COMMON_TOKENS).map(List::of).toList();

    /** Received field lines, "name:" OWS value OWS CRLF or LF each; ISO-8859-1, checked by the parser. */
    private final byte[] lines;
    /** Where each received line starts in {@link #lines}; a line ends where the next starts. */
    private final int[] starts;
    /** How many lines were received; {@link #starts} may have room for more. */
    private final int received;
    /** Added fields as name, value, name, value..., or null before the first {@link #add}. */
    private List<String> added;

    public Headers() {
        this(NO_LINES, NO_STARTS, 0);
    }

    /**
     * Received fields: a copy of the field lines the parser has checked (RFC 9112 §5) and the
     * start of each. The arrays are this object's own from now on.
     */
    Headers(byte[] lines, int[] starts, int received) {
        this.lines = lines;
        this.starts = starts;
        this.received = received;
    }

    public Headers add(String name, String value) {
        if (added == null) added = new ArrayList<>();
        added.add(name);
        added.add(value);
        return this;
    }

    /** The first value of that name, or null. */
    public String first(String name) {
        for (int i = 0; i < received; i++) {
            if (receivedNameIs(i, name)) return receivedValue(i, starts[i] + name.length());
        }
        if (added != null) {
            for (int i = 0; i < added.size(); i += 2) {
                if (added.get(i).equalsIgnoreCase(name)) return added.get(i + 1);
            }
        }
        return null;
    }

    public List<String> all(String name) {
        List<String> found = List.of();
        for (int i = 0; i < size(); i++) {
            if (nameIs(i, name)) found = with(found, value(i));
        }
        return found;
    }

    public boolean contains(String name) {
        for (int i = 0; i < size(); i++) {
            if (nameIs(i, name)) return true;
        }
        return false;
    }

    /**
     * The comma-separated list members of every field of that name, trimmed and lower-cased,
     * empty members dropped (RFC 9110 §5.6.1): for Connection, Transfer-Encoding, Expect.
     */
    public List<String> tokens(String name) {
        List<String> tokens = List.of();
        for (int i = 0; i < received; i++) {
            if (receivedNameIs(i, name)) tokens = receivedTokens(i, starts[i] + name.length(), tokens);
        }
        if (added != null) {
            for (int i = 0; i < added.size(); i += 2) {
                if (!added.get(i).equalsIgnoreCase(name)) continue;
                for (String member : added.get(i + 1).split(",")) {
                    String token = member.trim();
                    if (!token.isEmpty()) tokens = with(tokens, token.toLowerCase(Locale.ROOT));
                }
            }
        }
        return tokens;
    }

    public boolean hasToken(String name, String token) {
        return tokens(name).contains(token);
    }

    public int size() {
        return received + (added == null ? 0 : added.size() / 2);
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < size(); i++) action.accept(name(i), value(i));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Headers h) || h.size() != size()) return false;
        for (int i = 0; i < size(); i++) {
            if (!name(i).equals(h.name(i)) || !value(i).equals(h.value(i))) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        int names = 1;
        int values = 1;
        for (int i = 0; i < size(); i++) {
            names = 31 * names + name(i).hashCode();
            values = 31 * values + value(i).hashCode();
        }
        return names * 31 + values;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        forEach((n, v) -> out.append(n).append(": ").append(v).append('\n'));
        return out.toString();
    }

    private boolean nameIs(int field, String name) {
        return field < received ? receivedNameIs(field, name) : name(field).equalsIgnoreCase(name);
    }

    /** The name of the field at {@code field}, in the order received, then added. */
    public String name(int field) {
        if (field >= received) return added.get(2 * (field - received));
        return latin1(starts[field], colon(field));
    }

    public String value(int field) {
        return field < received ? receivedValue(field, colon(field)) : added.get(2 * (field - received) + 1);
    }

    /** Compares as {@link String#equalsIgnoreCase} would, without making the name a string. */
    private boolean receivedNameIs(int field, String name) {
        int start = starts[field];
        int length = name.length();
        if (start + length >= lines.length || lines[start + length] != ':') return false;
        for (int i = 0; i < length; i++) {
            char a = name.charAt(i);
            int b = lines[start + i]; // a token char, so ASCII
            if (b == ':') return false; // the received name is shorter
            if (a == b) continue;
            if (a < 0x80) {
                if ((a | 0x20) != (b | 0x20) || (a | 0x20) < 'a' || (a | 0x20) > 'z') return false;
            } else if (Character.toLowerCase(Character.toUpperCase(a)) != Character.toLowerCase(Character.toUpperCase((char) b))) {
                return false; // as equalsIgnoreCase: the Kelvin sign matches 'k'
            }
        }
        return true;
    }

    /** A name is a token, so the first colon ends it. */
    private int colon(int field) {
        int i = starts[field];
        while (lines[i] != ':') i++;
        return i;
    }

    private int valueStart(int colon) {
        int i = colon + 1;
        while (isWhitespace(lines[i])) i++; // stops at the CR or LF at the latest
        return i;
    }

    /** After the value, its trailing whitespace and the line end left out. */
    private int valueEnd(int field, int valueStart) {
        int end = (field + 1 < received ? starts[field + 1] : lines.length) - 1; // the LF
        if (end > valueStart && lines[end - 1] == '\r') end--;
        while (end > valueStart && isWhitespace(lines[end - 1])) end--;
        return end;
    }

    private String receivedValue(int field, int colon) {
        int start = valueStart(colon);
        return latin1(start, valueEnd(field, start));
    }

    private List<String> receivedTokens(int field, int colon, List<String> tokens) {
        int start = valueStart(colon);
        int end = valueEnd(field, start);
        int member = start;
        for (int i = start; i <= end; i++) {
            if (i < end && lines[i] != ',') continue;
            int from = member;
            int to = i;
            // String.trim: everything up to a space goes; a checked value has no other control but HTAB.
            while (from < to && (lines[from] & 0xFF) <= ' ') from++;
            while (to > from && (lines[to - 1] & 0xFF) <= ' ') to--;
            if (from < to) tokens = withToken(tokens, from, to);
            member = i + 1;
        }
        return tokens;
    }

    private List<String> withToken(List<String> tokens, int from, int to) {
        for (int k = 0; k < COMMON_TOKENS.length; k++) {
            if (isLowerCaseOf(COMMON_TOKEN_BYTES[k], from, to)) {
                return tokens.isEmpty() ? COMMON_TOKEN_LISTS.get(k) : with(tokens, COMMON_TOKENS[k]);
            }
        }
        return with(tokens, latin1(from, to).toLowerCase(Locale.ROOT));
    }

    /** Whether those bytes lower-case to that ASCII token; only A-Z lower-case into ASCII. */
    private boolean isLowerCaseOf(byte[] token, int from, int to) {
        if (to - from != token.length) return false;
        for (int i = 0; i < token.length; i++) {
            int b = lines[from + i];
            if (b >= 'A' && b <= 'Z') b += 'a' - 'A';
            if (b != token[i]) return false;
        }
        return true;
    }

    /** Appends to a list that starts as an immutable empty or one-element list. */
    private static List<String> with(List<String> list, String element) {
        if (list.isEmpty()) return List.of(element);
        if (!(list instanceof ArrayList)) list = new ArrayList<>(list);
        list.add(element);
        return list;
    }

    private String latin1(int from, int to) {
        return new String(lines, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }
}
