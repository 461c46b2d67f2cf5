package minihttp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A database file shared over time with another process, started as a separate JVM. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SecondProcessTest {

    @TempDir
    Path folder;

    // One test, as each second process costs a JVM start: a file is free once its owner
    // closes it, in use while another process holds it, and free again after that one closes.
    @Test
    void a_file_is_open_in_one_process_at_a_time() throws Exception {
        Path path = folder.resolve("items");
        H2Database.open(H2Database.Config.file(path, 2)).close();

        SeparateProcess holder = SeparateProcess.start("hold", path);
        try {
            assertEquals(SeparateProcess.READY, holder.readLine());

            StoreException failure = assertThrows(StoreException.class,
                    () -> H2Database.open(H2Database.Config.file(path, 2)));

            assertEquals("database file " + path + ".mv.db is in use by another process", failure.getMessage());
        } finally {
            holder.finish();
        }
        H2Database.open(H2Database.Config.file(path, 2)).close();
    }

    @Test
    void acknowledged_writes_survive_a_kill_and_ids_are_not_reused() throws Exception {
        Path path = folder.resolve("items");
        Set<Long> kept = new HashSet<>();
        Set<Long> deleted = new HashSet<>();
        long highestSeen = 0;
        SeparateProcess writer = SeparateProcess.start("write", path);
        try {
            assertEquals(SeparateProcess.READY, writer.readLine());
            for (int i = 0; i < 200; i++) {
                String[] event = writer.readLine().split(" ");
                long id = Long.parseLong(event[1]);
                highestSeen = Math.max(highestSeen, id);
                // An item only reported created may have been deleted just before the kill.
                switch (event[0]) {
                    case "kept" -> kept.add(id);
                    case "deleted" -> deleted.add(id);
                    default -> { }
                }
            }
        } finally {
            writer.kill();
        }

        try (H2Database database = H2Database.open(H2Database.Config.file(path, 2))) {
            ItemStore items = database.items();
            for (long id : kept) {
                assertTrue(items.find(id).isPresent(), "item " + id + " was lost");
            }
            for (long id : deleted) {
                assertTrue(items.find(id).isEmpty(), "deleted item " + id + " came back");
            }
            assertTrue(items.create("{}").id() > highestSeen);
        }
    }
}
