package minihttp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Random;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Opening and closing databases, and the one-line reasons when opening fails. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class H2DatabaseTest {

    @TempDir
    Path folder;

    private static H2Database.Config file(Path path) {
        return H2Database.Config.file(path, 2);
    }

    @Test
    void opening_a_file_database_creates_its_missing_folders() {
        Path path = folder.resolve("data/nested/items");

        H2Database.open(file(path)).close();

        assertTrue(Files.isRegularFile(folder.resolve("data/nested/items.mv.db")));
    }

    @Test
    void a_path_given_with_the_data_file_suffix_names_the_same_file() {
        Item item;
        try (H2Database database = H2Database.open(file(folder.resolve("items")))) {
            item = database.items().create("{}");
        }

        try (H2Database database = H2Database.open(file(folder.resolve("items.mv.db")))) {
            assertEquals(Optional.of(item), database.items().find(item.id()));
        }
        assertFalse(Files.exists(folder.resolve("items.mv.db.mv.db")));
    }

    @Test
    void in_memory_databases_do_not_share_items() {
        try (H2Database first = H2Database.open(H2Database.Config.memory(2));
             H2Database second = H2Database.open(H2Database.Config.memory(2))) {
            Item item = first.items().create("{}");

            assertEquals(Optional.empty(), second.items().find(item.id()));
        }
    }

    @Test
    void reopening_a_file_whose_applied_script_was_changed_is_refused_by_flyway() throws SQLException {
        Path path = folder.resolve("items");
        H2Database.open(file(path)).close();
        JdbcDataSource plain = new JdbcDataSource();
        plain.setURL("jdbc:h2:file:" + path);
        plain.setUser("sa");
        try (Connection connection = plain.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1");
            statement.execute("SHUTDOWN");
        }

        StoreException failure = assertThrows(StoreException.class, () -> H2Database.open(file(path)));

        assertTrue(failure.getMessage().startsWith("cannot open database file " + path + ".mv.db: Validate failed"),
                failure.getMessage());
    }

    @Test
    void a_file_cannot_be_opened_twice_in_one_process() {
        Path path = folder.resolve("items");
        H2Database first = H2Database.open(file(path));
        try {
            StoreException failure = assertThrows(StoreException.class, () -> H2Database.open(file(path)));

            assertEquals("database file " + path + ".mv.db is already open in this process", failure.getMessage());
        } finally {
            first.close();
        }
        H2Database.open(file(path)).close();
    }

    // 100 bytes is shorter than H2's file header, 100,000 bytes has a header full of noise.
    @ParameterizedTest
    @ValueSource(ints = {100, 100_000})
    void a_file_of_random_bytes_is_reported_as_corrupt(int size) throws IOException {
        byte[] noise = new byte[size];
        new Random(size).nextBytes(noise);
        Path path = folder.resolve("items");
        Files.write(folder.resolve("items.mv.db"), noise);

        StoreException failure = assertThrows(StoreException.class, () -> H2Database.open(file(path)));

        assertEquals("database file " + path + ".mv.db is corrupt or not an H2 2.x database", failure.getMessage());
    }

    @Test
    void a_file_that_failed_to_open_may_be_tried_again() throws IOException {
        Path path = folder.resolve("items");
        Files.write(folder.resolve("items.mv.db"), new byte[100]);
        H2Database.Opening opening = H2Database.startOpening(file(path));
        assertThrows(StoreException.class, opening::finish);
        Files.delete(folder.resolve("items.mv.db"));

        H2Database.open(file(path)).close();
    }

    @Test
    void a_folder_that_is_a_regular_file_is_reported() throws IOException {
        Path notAFolder = Files.createFile(folder.resolve("plain-file"));

        StoreException failure = assertThrows(StoreException.class,
                () -> H2Database.open(file(notAFolder.resolve("items"))));

        assertEquals("cannot create database folder " + notAFolder + ": " + notAFolder + " is not a folder",
                failure.getMessage());
    }

    @Test
    void a_folder_below_a_regular_file_is_reported() throws IOException {
        Path notAFolder = Files.createFile(folder.resolve("plain-file"));
        Path nested = notAFolder.resolve("nested");

        StoreException failure = assertThrows(StoreException.class,
                () -> H2Database.open(file(nested.resolve("items"))));

        assertTrue(failure.getMessage().startsWith("cannot create database folder " + nested + ": "),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"));
    }

    @Test
    void a_read_only_folder_is_reported() throws IOException {
        Path readOnly = Files.createDirectory(folder.resolve("read-only"));
        readOnly.toFile().setWritable(false, false);
        assumeFalse(Files.isWritable(readOnly), "the user running the tests may write anywhere, as root may");
        try {
            StoreException failure = assertThrows(StoreException.class,
                    () -> H2Database.open(file(readOnly.resolve("items"))));

            assertEquals("database folder " + readOnly + " is not writable", failure.getMessage());
        } finally {
            readOnly.toFile().setWritable(true);
        }
    }

    @Test
    void a_path_with_a_semicolon_is_refused() {
        Path path = folder.resolve("items;FILE_LOCK=NO");

        StoreException failure = assertThrows(StoreException.class, () -> H2Database.open(file(path)));

        assertEquals("database path " + path + " must not contain ';'", failure.getMessage());
    }

    @Test
    void a_path_that_names_a_folder_is_refused() throws IOException {
        Path existing = Files.createDirectories(folder.resolve("data"));

        StoreException failure = assertThrows(StoreException.class, () -> H2Database.open(file(existing)));

        assertTrue(failure.getMessage().contains("is a folder"), failure.getMessage());
    }

    @Test
    void using_the_store_after_closing_fails_with_a_store_exception() {
        H2Database database = H2Database.open(H2Database.Config.memory(2));
        ItemStore items = database.items();
        database.close();

        assertThrows(StoreException.class, () -> items.create("{}"));
        assertThrows(StoreException.class, () -> items.find(1));
    }

    @Test
    void closing_twice_is_harmless() {
        H2Database database = H2Database.open(file(folder.resolve("items")));

        database.close();
        database.close();
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_pool_of_one_connection_is_enough() {
        try (H2Database database = H2Database.open(H2Database.Config.file(folder.resolve("items"), 1))) {
            Item item = database.items().create("{}");

            assertEquals(Optional.of(item), database.items().find(item.id()));
        }
    }

    @Test
    void a_pool_without_connections_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> H2Database.Config.memory(0));
    }
}
