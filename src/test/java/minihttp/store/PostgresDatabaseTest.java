package minihttp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** What opening a PostgreSQL database reports, in one line that never holds the password. */
class PostgresDatabaseTest {

    private static TestPostgres postgres() {
        return TestPostgres.sharedOrSkip();
    }

    @Test
    void a_database_is_described_by_name_host_and_port_only() {
        TestPostgres postgres = postgres();
        String url = postgres.createDatabase() + "?ApplicationName=x";
        try (PostgresDatabase database = PostgresDatabase.open(
                new PostgresDatabase.Config(url, postgres.user(), postgres.password(), 2))) {
            assertTrue(database.description().startsWith("PostgreSQL database "), database.description());
            assertTrue(database.description().contains("127.0.0.1:" + postgres.port()), database.description());
        }
    }

    @Test
    void a_wrong_password_is_one_line_naming_the_credentials_and_not_the_password() {
        TestPostgres postgres = postgres();
        String wrong = "not-the-password-42";
        StoreException failure = assertThrows(StoreException.class, () -> PostgresDatabase.open(
                new PostgresDatabase.Config(postgres.createDatabase(), postgres.user(), wrong, 2)));
        assertTrue(failure.getMessage().contains("refused the user name or password"), failure.getMessage());
        assertFalse(failure.getMessage().contains(wrong), failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
    }

    @Test
    void a_missing_database_is_named() {
        TestPostgres postgres = postgres();
        String url = postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1) + "no_such_database";
        StoreException failure = assertThrows(StoreException.class, () -> PostgresDatabase.open(
                new PostgresDatabase.Config(url, postgres.user(), postgres.password(), 2)));
        assertEquals("PostgreSQL database no_such_database at 127.0.0.1:" + postgres.port() + " does not exist",
                failure.getMessage());
    }

    @Test
    void a_port_where_nothing_listens_cannot_be_reached() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/items";
        StoreException failure = assertThrows(StoreException.class,
                () -> PostgresDatabase.open(new PostgresDatabase.Config(url, "someone", "secret-pw", 2)));
        assertTrue(failure.getMessage().startsWith("PostgreSQL database items at 127.0.0.1:" + port
                + " cannot be reached"), failure.getMessage());
        assertFalse(failure.getMessage().contains("secret-pw"));
    }

    @Test
    void a_url_that_is_not_postgresql_is_refused() {
        StoreException failure = assertThrows(StoreException.class,
                () -> PostgresDatabase.open(new PostgresDatabase.Config("jdbc:h2:mem:x", null, null, 2)));
        assertTrue(failure.getMessage().startsWith("not a PostgreSQL JDBC URL"), failure.getMessage());
    }
}
