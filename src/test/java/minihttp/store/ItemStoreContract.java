package minihttp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ItemStore} promises, run by each subclass against its own kind of
 * database. Each test starts from a fresh, empty database.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class ItemStoreContract {

    static final int POOL_SIZE = 4;

    private ItemDatabase database;
    ItemStore store;

    /** Opens a new, empty database; the contract closes it after each test. */
    abstract ItemDatabase openEmptyDatabase();

    @BeforeEach
    void openDatabase() {
        database = openEmptyDatabase();
        store = database.items();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void a_created_item_has_a_positive_id_and_the_given_json() {
        Item item = store.create("{\"name\":\"apple\"}");

        assertTrue(item.id() > 0);
        assertEquals("{\"name\":\"apple\"}", item.json());
    }

    @Test
    void a_created_item_can_be_found_by_its_id() {
        Item item = store.create("{\"name\":\"apple\"}");

        assertEquals(Optional.of(item), store.find(item.id()));
    }

    @Test
    void finding_an_unknown_id_gives_nothing() {
        store.create("{}");

        assertEquals(Optional.empty(), store.find(999_999));
        assertEquals(Optional.empty(), store.find(0));
        assertEquals(Optional.empty(), store.find(-1));
    }

    @Test
    void each_new_item_gets_a_greater_id_than_the_one_before() {
        long previous = 0;
        for (int i = 0; i < 20; i++) {
            long id = store.create("{}").id();
            assertTrue(id > previous, id + " after " + previous);
            previous = id;
        }
    }

    @Test
    void the_id_of_a_deleted_item_is_not_given_out_again() {
        store.create("{}");
        Item newest = store.create("{}");
        store.delete(newest.id());

        assertTrue(store.create("{}").id() > newest.id());
    }

    @Test
    void listing_gives_the_items_after_the_given_id_in_ascending_order() {
        List<Item> created = createItems(5);

        assertEquals(created.subList(2, 5), list(created.get(1).id(), Long.MAX_VALUE));
    }

    @Test
    void listing_stops_at_the_limit() {
        List<Item> created = createItems(5);

        assertEquals(created.subList(0, 2), list(0, 2));
    }

    @Test
    void paging_with_the_last_id_seen_visits_every_item_once_in_order() {
        List<Item> created = createItems(10);

        List<Item> visited = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        long afterId = 0;
        List<Item> page;
        while (!(page = list(afterId, 3)).isEmpty()) {
            visited.addAll(page);
            pageSizes.add(page.size());
            afterId = page.get(page.size() - 1).id();
        }

        assertEquals(created, visited);
        assertEquals(List.of(3, 3, 3, 1), pageSizes);
    }

    @Test
    void listing_leaves_out_deleted_items_and_shows_replaced_json() {
        List<Item> created = createItems(3);
        store.delete(created.get(1).id());
        Item replaced = store.replace(created.get(2).id(), "{\"replaced\":true}").orElseThrow();

        assertEquals(List.of(created.get(0), replaced), list(0, Long.MAX_VALUE));
    }

    @Test
    void listing_an_empty_store_or_with_a_limit_of_zero_gives_nothing() {
        assertEquals(List.of(), list(0, Long.MAX_VALUE));

        createItems(3);
        assertEquals(List.of(), list(0, 0));
    }

    @Test
    void listing_with_a_negative_limit_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> store.list(0, -1, item -> { }));
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void an_exception_from_the_sink_reaches_the_caller_and_frees_the_connection() {
        createItems(5);
        // More failed listings than pooled connections: a leaked connection would make a
        // later call wait for the pool's timeout.
        for (int i = 0; i < POOL_SIZE * 3; i++) {
            UncheckedIOException clientGone = new UncheckedIOException(new IOException("client went away"));
            AtomicInteger seen = new AtomicInteger();

            UncheckedIOException thrown = assertThrows(UncheckedIOException.class,
                    () -> store.list(0, Long.MAX_VALUE, item -> {
                        if (seen.incrementAndGet() == 2) {
                            throw clientGone;
                        }
                    }));

            assertSame(clientGone, thrown);
            assertEquals(2, seen.get());
        }
        Item created = store.create("{}");
        assertEquals(Optional.of(created), store.find(created.id()));
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void writes_from_other_threads_proceed_while_a_listing_is_open() throws Exception {
        List<Item> created = createItems(3);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            List<Item> listed = new ArrayList<>();
            store.list(0, Long.MAX_VALUE, item -> {
                listed.add(item);
                if (listed.size() == 1) {
                    // A slow client keeps the listing open; others must not wait for it.
                    await(writer.submit(() -> {
                        store.create("{\"during\":\"listing\"}");
                        store.replace(created.get(0).id(), "{\"replaced\":true}");
                        return store.delete(created.get(2).id());
                    }));
                }
            });

            assertEquals(created.get(0), listed.get(0));
        } finally {
            writer.shutdownNow();
        }
        assertEquals(Optional.empty(), store.find(created.get(2).id()));
    }

    @Test
    void replacing_changes_the_json_and_keeps_the_id() {
        Item item = store.create("{\"name\":\"apple\"}");

        Optional<Item> replaced = store.replace(item.id(), "{\"name\":\"pear\"}");

        Item expected = new Item(item.id(), 2, "{\"name\":\"pear\"}");
        assertEquals(Optional.of(expected), replaced);
        assertEquals(Optional.of(expected), store.find(item.id()));
    }

    @Test
    void replacing_an_unknown_id_gives_nothing_and_creates_nothing() {
        assertEquals(Optional.empty(), store.replace(42, "{}"));

        assertEquals(Optional.empty(), store.find(42));
        assertEquals(List.of(), list(0, Long.MAX_VALUE));
    }

    @Test
    void deleting_removes_the_item_once() {
        Item item = store.create("{}");

        assertTrue(store.delete(item.id()));
        assertEquals(Optional.empty(), store.find(item.id()));
        assertFalse(store.delete(item.id()));
    }

    @Test
    void deleting_an_unknown_id_gives_false() {
        assertFalse(store.delete(42));
    }

    @Test
    void a_new_item_has_version_1_and_each_replacement_adds_one() {
        Item item = store.create("{}");
        assertEquals(1, item.version());

        assertEquals(2, store.replace(item.id(), "{\"n\":2}").orElseThrow().version());
        assertEquals(3, store.replace(item.id(), "{\"n\":3}").orElseThrow().version());
        assertEquals(3, store.find(item.id()).orElseThrow().version());
    }

    @Test
    void a_replacement_conditional_on_the_current_version_is_written() {
        Item item = store.create("{\"n\":1}");

        ItemStore.Written written = store.replace(item.id(), "{\"n\":2}", VersionCheck.oneOf(Set.of(1L)));

        assertEquals(new ItemStore.Written(ItemStore.Written.Outcome.DONE, new Item(item.id(), 2, "{\"n\":2}")),
                written);
        assertEquals(Optional.of(written.item()), store.find(item.id()));
    }

    @Test
    void a_replacement_conditional_on_an_old_version_is_refused_and_changes_nothing() {
        Item item = store.create("{\"n\":1}");
        Item current = store.replace(item.id(), "{\"n\":2}").orElseThrow();

        for (VersionCheck stale : List.of(VersionCheck.oneOf(Set.of(1L)), VersionCheck.oneOf(Set.of()),
                VersionCheck.noneOf(Set.of(2L)))) {
            assertEquals(ItemStore.Written.Outcome.VERSION_REFUSED,
                    store.replace(item.id(), "{\"n\":3}", stale).outcome(), stale.toString());
        }
        assertEquals(Optional.of(current), store.find(item.id()));
    }

    @Test
    void a_check_that_leaves_out_other_versions_accepts_the_current_one() {
        Item item = store.create("{}");

        assertEquals(ItemStore.Written.Outcome.DONE,
                store.replace(item.id(), "{\"n\":2}", VersionCheck.noneOf(Set.of(7L, 8L))).outcome());
        assertEquals(ItemStore.Written.Outcome.DONE,
                store.replace(item.id(), "{\"n\":3}", VersionCheck.oneOf(Set.of(1L, 2L))).outcome());
    }

    @Test
    void a_conditional_write_to_an_unknown_id_is_not_found_whatever_the_check() {
        for (VersionCheck check : List.of(VersionCheck.ANY, VersionCheck.oneOf(Set.of(1L)), VersionCheck.oneOf(Set.of()))) {
            assertEquals(ItemStore.Written.Outcome.NOT_FOUND, store.replace(42, "{}", check).outcome());
            assertEquals(ItemStore.Written.Outcome.NOT_FOUND, store.delete(42, check).outcome());
        }
    }

    @Test
    void a_delete_conditional_on_an_old_version_is_refused_and_on_the_current_one_deletes() {
        Item item = store.create("{}");
        store.replace(item.id(), "{\"n\":2}");

        assertEquals(ItemStore.Written.Outcome.VERSION_REFUSED, store.delete(item.id(), VersionCheck.oneOf(Set.of(1L))).outcome());
        assertTrue(store.find(item.id()).isPresent());
        assertEquals(ItemStore.Written.Outcome.DONE, store.delete(item.id(), VersionCheck.oneOf(Set.of(2L))).outcome());
        assertEquals(Optional.empty(), store.find(item.id()));
    }

    @Test
    void of_writers_racing_with_the_same_version_exactly_one_wins() throws Exception {
        int writers = 8;
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 10; round++) {
                Item item = store.create("{\"round\":" + round + "}");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<ItemStore.Written.Outcome>> outcomes = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    String json = "{\"writer\":" + w + "}";
                    outcomes.add(executor.submit(() -> {
                        start.await();
                        return store.replace(item.id(), json, VersionCheck.oneOf(Set.of(1L))).outcome();
                    }));
                }
                start.countDown();
                int done = 0;
                for (Future<ItemStore.Written.Outcome> outcome : outcomes) {
                    ItemStore.Written.Outcome result = outcome.get(30, TimeUnit.SECONDS);
                    if (result == ItemStore.Written.Outcome.DONE) {
                        done++;
                    } else {
                        assertEquals(ItemStore.Written.Outcome.VERSION_REFUSED, result);
                    }
                }
                assertEquals(1, done, "round " + round);
                assertEquals(2, store.find(item.id()).orElseThrow().version());
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_cursor_closed_early_or_twice_gives_its_connection_back() {
        createItems(3);
        // More cursors than pooled connections: one that kept its connection would make a
        // later call wait for the pool's timeout.
        for (int i = 0; i < POOL_SIZE * 3; i++) {
            ItemCursor cursor = store.openList(0, Long.MAX_VALUE);
            assertTrue(cursor.next() != null);
            cursor.close();
            cursor.close();
        }
        assertEquals(3, list(0, Long.MAX_VALUE).size());
    }

    @Test
    void a_cursor_gives_null_after_its_last_item_and_goes_on_giving_null() {
        List<Item> created = createItems(2);
        try (ItemCursor cursor = store.openList(0, Long.MAX_VALUE)) {
            assertEquals(created.get(0), cursor.next());
            assertEquals(created.get(1), cursor.next());
            assertEquals(null, cursor.next());
            assertEquals(null, cursor.next());
        }
    }

    @Test
    void a_working_database_answers_the_health_check() {
        store.ping();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"emoji\":\"\uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD\"}",
        "{\"composed\":\"\u00E9\",\"decomposed\":\"e\u0301\"}",
        "{\"scripts\":\"\u65E5\u672C\u8A9E \u05E2\u05D1\u05E8\u05D9\u05EA \u0420\u0443\u0441\u0441\u043A\u0438\u0439\"}",
        "{\"separators\":\"\u2028\u2029\",\"escapes\":\"\\\"\\\\\\u0000\\n\"}",
        " {\n\t\"spacing\" : [ 1 ,2 ] ,\"keep\":\"as sent\"\r\n} ",
    })
    void json_text_round_trips_exactly(String json) {
        Item created = store.create(json);

        assertEquals(json, store.find(created.id()).orElseThrow().json());
        assertEquals(json, list(0, 1).get(0).json());
    }

    @Test
    void a_large_json_text_round_trips_exactly() {
        String json = "{\"text\":\"" + "ab\uD83D\uDE00\u00E9".repeat(400_000) + "\"}";
        String replacement = json.replace('a', 'z');

        Item created = store.create(json);
        assertEquals(json, store.find(created.id()).orElseThrow().json());
        assertEquals(json, list(0, 1).get(0).json());

        store.replace(created.id(), replacement);
        assertEquals(replacement, store.find(created.id()).orElseThrow().json());
    }

    @Test
    void creates_from_many_threads_get_distinct_ids() throws Exception {
        int threads = 8;
        int createsPerThread = 50;
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < createsPerThread; i++) {
                        ids.add(store.create("{\"thread\":" + thread + ",\"i\":" + i + "}").id());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }

        assertEquals(threads * createsPerThread, ids.size());
        assertEquals(threads * createsPerThread, list(0, Long.MAX_VALUE).size());
    }

    private static <T> T await(Future<T> result) {
        try {
            return result.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the write did not finish while the listing was open", e);
        }
    }

    List<Item> createItems(int count) {
        List<Item> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(store.create("{\"n\":" + i + "}"));
        }
        return created;
    }

    List<Item> list(long afterId, long limit) {
        List<Item> items = new ArrayList<>();
        store.list(afterId, limit, items::add);
        return items;
    }
}
