package minihttp.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scenario knows it stored: every id the server gave, and the JSON (without the id) that
 * each item should hold now. "That item" is the one stored last by a single-item step. Shared by
 * the step classes through PicoContainer, one per scenario; not thread-safe.
 */
public final class StoredItems {
    private final List<Long> idsGiven = new ArrayList<>();
    private final Map<Long, String> expected = new LinkedHashMap<>();
    private Long that;

    void stored(long id, String json) {
        idsGiven.add(id);
        expected.put(id, json);
    }

    void replaced(long id, String json) {
        expected.put(id, json);
    }

    void deleted(long id) {
        expected.remove(id);
    }

    void callThat(long id) {
        that = id;
    }

    long that() {
        if (that == null) throw new IllegalStateException("no single item was stored in this scenario");
        return that;
    }

    /** Ids in the order they were given, deleted ones included. */
    List<Long> idsGiven() {
        return idsGiven;
    }

    long nth(int ordinal) {
        return idsGiven.get(ordinal - 1);
    }

    long highestGiven() {
        return idsGiven.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Id → the JSON object text the item should hold, for the items not deleted. */
    Map<Long, String> expected() {
        return expected;
    }

    /** The item as the server shows it: the stored object with "id" as its first member. */
    static String withId(long id, String json) {
        String members = json.substring(1, json.length() - 1).strip();
        return "{\"id\":" + id + (members.isEmpty() ? "" : "," + members) + "}";
    }
}
