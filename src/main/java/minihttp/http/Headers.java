package minihttp.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * An ordered list of header fields. Names compare case-insensitively (RFC 9110 §5.1); repeated
 * fields are kept in the order received. Values are held as ISO-8859-1 strings, one char per
 * byte, so no byte is lost. Not thread-safe; a request's headers are not changed after parsing.
 */
public final class Headers {
    private final List<String> names;
    private final List<String> values;

    public Headers() {
        this.names = new ArrayList<>();
        this.values = new ArrayList<>();
    }

    public Headers add(String name, String value) {
        names.add(name);
        values.add(value);
        return this;
    }

    /** The first value of that name, or null. */
    public String first(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) return values.get(i);
        }
        return null;
    }

    public List<String> all(String name) {
        List<String> found = new ArrayList<>(1);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) found.add(values.get(i));
        }
        return found;
    }

    public boolean contains(String name) {
        return first(name) != null;
    }

    /**
     * The comma-separated list members of every field of that name, trimmed and lower-cased,
     * empty members dropped (RFC 9110 §5.6.1): for Connection, Transfer-Encoding, Expect.
     */
    public List<String> tokens(String name) {
        List<String> tokens = new ArrayList<>(2);
        for (String value : all(name)) {
            for (String member : value.split(",")) {
                String token = member.trim();
                if (!token.isEmpty()) tokens.add(token.toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }

    public boolean hasToken(String name, String token) {
        return tokens(name).contains(token);
    }

    public int size() {
        return names.size();
    }

    /** The name of the field at {@code index}, in the order added. */
    public String name(int index) {
        return names.get(index);
    }

    public String value(int index) {
        return values.get(index);
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < names.size(); i++) action.accept(names.get(i), values.get(i));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && names.equals(h.names) && values.equals(h.values);
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        forEach((n, v) -> out.append(n).append(": ").append(v).append('\n'));
        return out.toString();
    }
}
