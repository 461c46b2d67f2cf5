package minihttp.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every write the server acknowledged with {@code 201}: the item's id and its body exactly as the
 * server sent it back. The soak's writers add to it, its readers pick ids from it, and at the end
 * {@link #verify} lists the store and compares. Thread-safe.
 */
final class AcknowledgedWrites {
    private static final Pattern LEADING_ID = Pattern.compile("^\\{\"id\":(\\d+)[,}]");
    private static final int PAGE = 1000;
    private static final Duration LISTING_TIMEOUT = Duration.ofSeconds(30);

    private final Map<Long, byte[]> bodies = new HashMap<>();
    private final List<Long> ids = new ArrayList<>();
    private long bytes;

    /** What {@link #verify} found: acknowledged items listed alike, missing, listed differently; listed but never acknowledged. */
    record Verification(int matched, List<Long> missing, List<Long> different, int unacknowledged) {
        boolean allPresent() {
            return missing.isEmpty() && different.isEmpty();
        }

        @Override
        public String toString() {
            return matched + " acknowledged items listed byte for byte, " + missing.size() + " missing"
                    + (missing.isEmpty() ? "" : " (first ids " + first(missing) + ")") + ", " + different.size()
                    + " different" + (different.isEmpty() ? "" : " (first ids " + first(different) + ")") + "; "
                    + unacknowledged + " listed but never acknowledged";
        }

        private static List<Long> first(List<Long> ids) {
            return ids.subList(0, Math.min(5, ids.size()));
        }
    }

    synchronized void add(long id, byte[] body) {
        byte[] before = bodies.put(id, body);
        if (before == null) ids.add(id);
        bytes += body.length - (before == null ? 0 : before.length);
    }

    /** The acknowledged bodies' bytes, all told. */
    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return ids.size();
    }

    /** An acknowledged id picked at random, or -1 while there is none. */
    synchronized long pick(Random random) {
        return ids.isEmpty() ? -1 : ids.get(random.nextInt(ids.size()));
    }

    /** The body acknowledged for {@code id}; null if none was. */
    synchronized byte[] body(long id) {
        return bodies.get(id);
    }

    /** The id at the start of an item's JSON: the server always puts it first; -1 if it is not there. */
    static long leadingId(byte[] item) {
        Matcher matcher = LEADING_ID.matcher(new String(item, 0, Math.min(item.length, 40), StandardCharsets.ISO_8859_1));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /**
     * Lists the whole store page by page ({@code GET /data?after=ID&limit=1000}, each page on one
     * keep-alive connection) and compares every acknowledged item with what is listed, byte for
     * byte. The number of pages is bounded by what was acknowledged, with room for as many
     * unacknowledged items again.
     *
     * @throws IOException if a page cannot be had: a status other than 200, a malformed array, a socket error
     */
    Verification verify(InetSocketAddress address) throws IOException {
        SortedMap<Long, byte[]> expected;
        synchronized (this) {
            expected = new TreeMap<>(bodies);
        }
        Map<Long, byte[]> listed = new HashMap<>();
        long after = 0;
        int maxPages = 2 * (expected.size() / PAGE + 1) + 10;
        try (ClientConnection connection = ClientConnection.open(address, LISTING_TIMEOUT)) {
            for (int page = 0; ; page++) {
                if (page == maxPages) throw new IOException("the listing went on past " + maxPages + " pages");
                connection.send(("GET /data?after=" + after + "&limit=" + PAGE + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                ClientConnection.Response response = connection.read(false);
                if (response.status() != 200) {
                    throw new IOException("GET /data?after=" + after + " answered " + response.status() + ": "
                            + ClientConnection.abbreviate(response.bodyText()));
                }
                List<byte[]> items = splitArray(response.body());
                if (items.isEmpty()) break;
                for (byte[] item : items) {
                    long id = leadingId(item);
                    if (id <= after) throw new IOException("listed out of order or without an id: " + ClientConnection.abbreviate(
                            new String(item, StandardCharsets.UTF_8)));
                    listed.put(id, item);
                    after = id;
                }
            }
        }
        List<Long> missing = new ArrayList<>();
        List<Long> different = new ArrayList<>();
        expected.forEach((id, body) -> {
            byte[] item = listed.get(id);
            if (item == null) missing.add(id);
            else if (!Arrays.equals(item, body)) different.add(id);
        });
        int unacknowledged = (int) listed.keySet().stream().filter(id -> !expected.containsKey(id)).count();
        return new Verification(expected.size() - missing.size() - different.size(), missing, different, unacknowledged);
    }

    /**
     * The top-level objects of a JSON array, each as the bytes that spell it (strings and escapes
     * followed, so a brace inside a string does not count).
     */
    static List<byte[]> splitArray(byte[] json) throws IOException {
        if (json.length < 2 || json[0] != '[' || json[json.length - 1] != ']') {
            throw new IOException("not a JSON array: " + ClientConnection.abbreviate(new String(json, StandardCharsets.UTF_8)));
        }
        List<byte[]> items = new ArrayList<>();
        int depth = 0;
        int start = -1;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 1; i < json.length - 1; i++) {
            byte b = json[i];
            if (inString) {
                if (escaped) escaped = false;
                else if (b == '\\') escaped = true;
                else if (b == '"') inString = false;
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (depth++ == 0) start = i;
            } else if (b == '}' || b == ']') {
                if (--depth == 0) items.add(Arrays.copyOfRange(json, start, i + 1));
                if (depth < 0) throw new IOException("unbalanced JSON array");
            }
        }
        if (depth != 0 || inString) throw new IOException("unbalanced JSON array");
        return items;
    }
}
