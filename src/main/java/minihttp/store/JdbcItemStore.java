package minihttp.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * {@link ItemStore} over the {@code items} table of any JDBC {@link DataSource}; the only class
 * holding SQL. The SQL is standard and runs unchanged on H2 2.x and PostgreSQL.
 *
 * <p>Each call borrows one connection and returns it before the call ends; writes are single
 * statements in auto-commit mode, so they are committed on return. The data source must hand
 * out connections in auto-commit mode (JDBC's default). Thread-safe if the data source is.
 */
public final class JdbcItemStore implements ItemStore {

    private static final String INSERT = "INSERT INTO items (body) VALUES (?)";
    private static final String SELECT_ONE = "SELECT id, body FROM items WHERE id = ?";
    private static final String SELECT_PAGE =
            "SELECT id, body FROM items WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY";
    private static final String UPDATE = "UPDATE items SET body = ? WHERE id = ?";
    private static final String DELETE = "DELETE FROM items WHERE id = ?";

    /** Asking for the key column by name keeps PostgreSQL from returning every column. */
    private static final String[] GENERATED_ID = {"id"};

    /**
     * Rows per round trip where the driver fetches in batches (PostgreSQL); small because one
     * body may be large. Embedded H2 ignores it and streams through lazy query execution.
     */
    private static final int LIST_FETCH_SIZE = 100;

    private final DataSource dataSource;

    public JdbcItemStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Item create(String json) {
        Objects.requireNonNull(json, "json");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT, GENERATED_ID)) {
            insert.setString(1, json);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new StoreException("the database returned no id for a new item");
                }
                return new Item(keys.getLong(1), json);
            }
        } catch (SQLException e) {
            throw new StoreException("could not create an item", e);
        }
    }

    @Override
    public Optional<Item> find(long id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_ONE)) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(itemAt(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("could not read item " + id, e);
        }
    }

    @Override
    public void list(long afterId, long limit, Consumer<Item> sink) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        Objects.requireNonNull(sink, "sink");
        if (limit == 0) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            // PostgreSQL honours the fetch size only inside a transaction; without one it
            // reads the whole result into memory first.
            connection.setAutoCommit(false);
            try {
                streamPage(connection, afterId, limit, sink);
            } finally {
                // Ends the read-only transaction and hands the connection back as it came.
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("could not list items after id " + afterId, e);
        }
    }

    private static void streamPage(Connection connection, long afterId, long limit, Consumer<Item> sink)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_PAGE)) {
            select.setFetchSize(LIST_FETCH_SIZE);
            select.setLong(1, afterId);
            select.setLong(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sink.accept(itemAt(rows));
                }
            }
        }
    }

    @Override
    public Optional<Item> replace(long id, String json) {
        Objects.requireNonNull(json, "json");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setString(1, json);
            update.setLong(2, id);
            return update.executeUpdate() == 1 ? Optional.of(new Item(id, json)) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("could not replace item " + id, e);
        }
    }

    @Override
    public boolean delete(long id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setLong(1, id);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("could not delete item " + id, e);
        }
    }

    private static Item itemAt(ResultSet rows) throws SQLException {
        return new Item(rows.getLong(1), rows.getString(2));
    }
}
