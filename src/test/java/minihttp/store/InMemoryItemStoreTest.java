package minihttp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The contract on an in-memory database, plus listing many items through the sink one by one. */
class InMemoryItemStoreTest extends ItemStoreContract {

    @Override
    ItemDatabase openEmptyDatabase() {
        return H2Database.open(H2Database.Config.memory(POOL_SIZE));
    }

    // In memory only: a file database commits each of the 20,000 creates to disk one by one.
    @Test
    void listing_streams_many_items_through_the_sink_in_order() {
        int count = 20_000;
        for (int i = 0; i < count; i++) {
            store.create("{\"n\":" + i + "}");
        }
        AtomicLong seen = new AtomicLong();
        AtomicLong lastId = new AtomicLong();

        store.list(0, Long.MAX_VALUE, item -> {
            assertTrue(item.id() > lastId.get());
            lastId.set(item.id());
            seen.incrementAndGet();
        });

        assertEquals(count, seen.get());
    }
}
