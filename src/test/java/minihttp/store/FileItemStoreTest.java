package minihttp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a file database, plus what only a file keeps: items and ids across a reopen. */
class FileItemStoreTest extends ItemStoreContract {

    @TempDir
    Path folder;

    @Override
    ItemDatabase openEmptyDatabase() {
        return H2Database.open(config("items"));
    }

    private H2Database.Config config(String name) {
        return H2Database.Config.file(folder.resolve(name), POOL_SIZE);
    }

    @Test
    void items_survive_closing_and_reopening() {
        List<Item> created = new ArrayList<>();
        Item replaced;
        try (H2Database database = H2Database.open(config("reopened"))) {
            for (int i = 0; i < 3; i++) {
                created.add(database.items().create("{\"n\":" + i + "}"));
            }
            database.items().delete(created.get(0).id());
            replaced = database.items().replace(created.get(2).id(), "{\"n\":\"two\"}").orElseThrow();
        }

        try (H2Database reopened = H2Database.open(config("reopened"))) {
            List<Item> items = new ArrayList<>();
            reopened.items().list(0, Long.MAX_VALUE, items::add);

            assertEquals(List.of(created.get(1), replaced), items);
        }
    }

    @Test
    void ids_are_not_reused_after_reopening_even_when_the_newest_item_was_deleted() {
        long deletedId;
        try (H2Database database = H2Database.open(config("reopened"))) {
            database.items().create("{}");
            deletedId = database.items().create("{}").id();
            database.items().delete(deletedId);
        }

        try (H2Database reopened = H2Database.open(config("reopened"))) {
            assertTrue(reopened.items().create("{}").id() > deletedId);
        }
    }
}
