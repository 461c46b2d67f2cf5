package minihttp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check that lets a start skip Flyway: it must agree with Flyway on the scripts and their
 * checksums, and answer "not current" for every history Flyway would act on or refuse.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MigrationsTest {
    private static final ClassLoader CLASS_PATH = MigrationsTest.class.getClassLoader();
    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final Connection connection;

    MigrationsTest() throws SQLException {
        dataSource.setURL("jdbc:h2:mem:migrations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        connection = dataSource.getConnection();
    }

    @AfterEach
    void shutDown() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    @Test
    void the_scripts_are_the_ones_flyway_finds_with_flyways_checksums() {
        List<String> expected = new ArrayList<>();
        for (MigrationInfo migration : Migrations.flyway(dataSource).info().all()) {
            expected.add(migration.getVersion().getVersion() + " " + migration.getDescription() + " "
                    + migration.getScript() + " " + migration.getChecksum());
        }
        List<String> actual = new ArrayList<>();
        for (Migrations.Script script : Migrations.scripts(CLASS_PATH).orElseThrow()) {
            actual.add(script.version() + " " + script.description() + " " + script.fileName() + " " + script.checksum());
        }

        assertEquals(expected, actual);
    }

    @Test
    void a_database_flyway_has_migrated_is_current() {
        Migrations.flyway(dataSource).migrate();

        assertTrue(Migrations.isCurrent(connection));
    }

    @Test
    void a_database_without_a_history_is_not_current() {
        assertFalse(Migrations.isCurrent(connection));
    }

    @Test
    void a_script_not_applied_yet_makes_it_not_current() {
        Migrations.flyway(dataSource).migrate();
        List<Migrations.Script> withANewScript = new ArrayList<>(Migrations.scripts(CLASS_PATH).orElseThrow());
        withANewScript.add(new Migrations.Script("99", "later", "V99__later.sql", 0, "SELECT 1;"));

        assertFalse(Migrations.historyMatches(connection, withANewScript));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1",
        "UPDATE \"flyway_schema_history\" SET \"checksum\" = NULL",
        "UPDATE \"flyway_schema_history\" SET \"success\" = FALSE",
        "UPDATE \"flyway_schema_history\" SET \"description\" = 'renamed'",
        "UPDATE \"flyway_schema_history\" SET \"script\" = 'V1__renamed.sql'",
        "UPDATE \"flyway_schema_history\" SET \"version\" = '1.1'",
        "UPDATE \"flyway_schema_history\" SET \"type\" = 'JDBC'",
        "DELETE FROM \"flyway_schema_history\" WHERE \"type\" = 'SQL'",
        "INSERT INTO \"flyway_schema_history\" VALUES (99, '99', 'later', 'SQL', 'V99__later.sql', 0, 'SA',"
                + " CURRENT_TIMESTAMP, 0, TRUE)"
    })
    void a_history_flyway_would_act_on_or_refuse_is_not_current(String change) throws SQLException {
        Migrations.flyway(dataSource).migrate();
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(change);
        }

        assertFalse(Migrations.isCurrent(connection));
    }

    // The shaded jar is a multi-release jar, whose folder URLs end in a slash.
    @ParameterizedTest(name = "multi-release: {0}")
    @ValueSource(booleans = {true, false})
    void scripts_in_a_jar_are_read_as_in_a_folder(boolean multiRelease, @TempDir Path folder) throws IOException {
        Path jar = jar(folder, multiRelease, "db/", "db/migration/", "db/migration/V1__create_items.sql",
                "db/migration/V2__item_versions.sql");

        try (URLClassLoader jarOnly = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertEquals(Optional.of(Migrations.scripts(CLASS_PATH).orElseThrow()), Migrations.scripts(jarOnly));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"db/migration/R__view.sql", "db/migration/beforeMigrate.sql",
        "db/migration/more/V2__more.sql", "db/migration/V2__Java.class"})
    void anything_but_plain_versioned_scripts_leaves_the_decision_to_flyway(String other, @TempDir Path folder)
            throws IOException {
        Path jar = jar(folder, true, "db/", "db/migration/", "db/migration/V1__create_items.sql", other);

        try (URLClassLoader jarOnly = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertEquals(Optional.empty(), Migrations.scripts(jarOnly));
        }
    }

    /** A jar with these entries; a file entry holds the script of that name, or a line of SQL. */
    private static Path jar(Path folder, boolean multiRelease, String... entries) throws IOException {
        Path jar = folder.resolve("migrations.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, String.valueOf(multiRelease));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                if (!entry.endsWith("/")) {
                    try (InputStream script = CLASS_PATH.getResourceAsStream(entry)) {
                        out.write(script != null ? script.readAllBytes() : "SELECT 1;\n".getBytes(StandardCharsets.UTF_8));
                    }
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void the_checksum_ignores_line_breaks_and_a_byte_order_mark_as_flyway_does() throws IOException {
        int unix = checksum("CREATE TABLE t (\n  id INT\n);\n");

        assertEquals(unix, checksum("CREATE TABLE t (\r\n  id INT\r\n);\r\n"));
        assertEquals(unix, checksum("\uFEFFCREATE TABLE t (\n  id INT\n);"));
        assertTrue(unix != checksum("CREATE TABLE t (\n  id BIGINT\n);\n"));
    }

    private static int checksum(String script) throws IOException {
        return Migrations.checksum(script);
    }

    @Test
    void the_schema_made_without_flyway_is_the_one_flyway_makes() throws SQLException {
        JdbcDataSource byFlyway = new JdbcDataSource();
        byFlyway.setURL("jdbc:h2:mem:by-flyway-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        byFlyway.setUser("sa");
        Migrations.flyway(byFlyway).migrate();

        assertTrue(Migrations.runWithoutFlyway(connection, CLASS_PATH));

        try (Connection flywayConnection = byFlyway.getConnection()) {
            String flywaySchema = schema(flywayConnection);
            assertTrue(flywaySchema.contains("ITEMS"), flywaySchema);
            assertEquals(flywaySchema, schema(connection));
            try (Statement statement = flywayConnection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
    }

    @Test
    void scripts_with_placeholders_are_left_to_flyway(@TempDir Path folder) throws IOException, SQLException {
        Path jar = folder.resolve("placeholders.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : List.of("db/", "db/migration/", "db/migration/V1__owner.sql")) {
                out.putNextEntry(new JarEntry(entry));
                if (entry.endsWith(".sql")) {
                    out.write("CREATE TABLE owner (name VARCHAR(20) DEFAULT '${flyway:user}');".getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }

        try (URLClassLoader jarOnly = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertFalse(Migrations.runWithoutFlyway(connection, jarOnly));
        }
        assertEquals("", schema(connection));
    }

    /** The tables, columns and constraints of the schema PUBLIC, Flyway's own table left out. */
    private static String schema(Connection connection) throws SQLException {
        StringBuilder schema = new StringBuilder();
        try (Statement statement = connection.createStatement()) {
            for (String query : List.of(
                    "SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, IS_NULLABLE,"
                            + " COLUMN_DEFAULT, IS_IDENTITY, IDENTITY_GENERATION, IDENTITY_START, IDENTITY_INCREMENT"
                            + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC'"
                            + " AND TABLE_NAME <> 'flyway_schema_history' ORDER BY TABLE_NAME, ORDINAL_POSITION",
                    "SELECT TC.TABLE_NAME, TC.CONSTRAINT_TYPE, KCU.COLUMN_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS TC"
                            + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE KCU ON KCU.CONSTRAINT_NAME = TC.CONSTRAINT_NAME"
                            + " AND KCU.CONSTRAINT_SCHEMA = TC.CONSTRAINT_SCHEMA WHERE TC.TABLE_SCHEMA = 'PUBLIC'"
                            + " AND TC.TABLE_NAME <> 'flyway_schema_history' ORDER BY 1, 2, 3")) {
                try (ResultSet rows = statement.executeQuery(query)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            schema.append(rows.getString(i)).append(i < columns ? " " : "\n");
                        }
                    }
                }
            }
        }
        return schema.toString();
    }
}
