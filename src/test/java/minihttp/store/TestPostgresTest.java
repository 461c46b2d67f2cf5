package minihttp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The throwaway PostgreSQL the tests start for themselves: reachable with its user's password
 * only, stoppable and startable on the same port without losing data, gone after close. Skipped,
 * with {@link TestPostgres#MISSING_BINARIES}, on a machine without PostgreSQL.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(120)
class TestPostgresTest {

    /** Invalid password, SQLSTATE class 28: the server answered and said no. */
    private static final String INVALID_PASSWORD = "28P01";
    /** Connection failure, SQLSTATE class 08: nobody answered. */
    private static final String CONNECTION_REFUSED = "08001";

    /** Its own server, not the shared one: one test here stops it. */
    private static TestPostgres postgres;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.startOrSkip();
    }

    @AfterAll
    static void close() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        return DriverManager.getConnection(url, postgres.user(), password);
    }

    private static Object queryOne(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            assertTrue(result.next(), sql);
            return result.getObject(1);
        }
    }

    @Test
    void the_url_names_the_loopback_address_the_port_and_the_database() {
        assertEquals("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/minihttp", postgres.jdbcUrl());
    }

    @Test
    void the_user_connects_with_its_password_and_runs_a_query() throws SQLException {
        try (Connection connection = connect(postgres.jdbcUrl(), postgres.password())) {
            assertEquals(postgres.user(), queryOne(connection, "SELECT current_user"));
            assertEquals("minihttp", queryOne(connection, "SELECT current_database()"));
        }
    }

    @Test
    void a_wrong_password_is_refused() {
        SQLException refused = assertThrows(SQLException.class,
                () -> connect(postgres.jdbcUrl(), postgres.password() + "x").close());

        assertEquals(INVALID_PASSWORD, refused.getSQLState());
    }

    @Test
    void a_created_database_is_empty_and_owned_by_the_user() throws SQLException {
        String url = postgres.createDatabase("fresh_for_test");

        assertEquals("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/fresh_for_test", url);
        try (Connection connection = connect(url, postgres.password())) {
            assertEquals(0L, queryOne(connection,
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE owned (id integer)");
            }
        }
    }

    @Test
    void databases_created_without_a_name_are_distinct() {
        assertFalse(postgres.createDatabase().equals(postgres.createDatabase()));
    }

    @Test
    void a_name_that_would_need_quoting_is_refused_before_any_sql() {
        assertThrows(IllegalArgumentException.class, () -> postgres.createDatabase("x; DROP DATABASE minihttp"));
    }

    @Test
    void stopped_it_refuses_connections_and_started_again_it_keeps_its_port_and_data() throws SQLException {
        int port = postgres.port();
        try (Connection connection = connect(postgres.jdbcUrl(), postgres.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE survives (word text)");
            statement.execute("INSERT INTO survives VALUES ('kept')");
        }

        try {
            postgres.stop();
            assertFalse(postgres.isRunning());
            SQLException refused = assertThrows(SQLException.class,
                    () -> connect(postgres.jdbcUrl(), postgres.password()).close());
            assertEquals(CONNECTION_REFUSED, refused.getSQLState());
        } finally {
            postgres.start();
        }

        assertEquals(port, postgres.port());
        try (Connection connection = connect(postgres.jdbcUrl(), postgres.password())) {
            assertEquals("kept", queryOne(connection, "SELECT word FROM survives"));
        }
    }

    @Test
    void a_start_that_fails_says_why_with_the_last_lines_of_the_log() throws IOException {
        postgres.stop();
        try {
            IllegalStateException failure;
            ServerSocket squatter = new ServerSocket(postgres.port(), 1, InetAddress.getByName("127.0.0.1"));
            try {
                failure = assertThrows(IllegalStateException.class, postgres::start);
            } finally {
                squatter.close();
            }

            assertTrue(failure.getMessage().contains(postgres.log().toString()), failure.getMessage());
            assertTrue(failure.getMessage().contains("could not bind"), failure.getMessage());
            assertFalse(postgres.isRunning());
        } finally {
            postgres.start();
        }
    }

    @Test
    void close_stops_the_server_and_deletes_its_folder() {
        TestPostgres other = TestPostgres.startOrSkip();
        Path folder = other.folder();
        String url = other.jdbcUrl();
        assertTrue(Files.isDirectory(folder));

        other.close();

        assertFalse(Files.exists(folder));
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, other.user(), other.password()).close());
    }

    @Test
    void the_shared_server_is_started_once_per_jvm() {
        TestPostgres shared = TestPostgres.sharedOrSkip();

        assertSame(shared, TestPostgres.sharedOrSkip());
        assertTrue(shared.isRunning());
    }
}
