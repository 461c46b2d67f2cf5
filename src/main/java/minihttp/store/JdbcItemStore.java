package minihttp.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ItemStore} over the {@code items} table of any JDBC {@link DataSource}; the only class
 * holding SQL. The SQL is standard and runs unchanged on H2 2.x and PostgreSQL.
 *
 * <p>Each call borrows one connection and returns it before the call ends (a listing, when its
 * cursor is closed). A conditional write puts its version check in the write's own WHERE
 * clause, so the check and the write are one statement: two writers holding the same version
 * cannot both succeed, whichever instance they go through. The data source must hand out
 * connections in auto-commit mode (JDBC's default). Thread-safe if the data source is.
 */
public final class JdbcItemStore implements ItemStore {

    private static final String INSERT = "INSERT INTO items (body) VALUES (?)";
    private static final String SELECT_ONE = "SELECT id, version, body FROM items WHERE id = ?";
    private static final String SELECT_VERSION = "SELECT version FROM items WHERE id = ?";
    private static final String SELECT_PAGE =
            "SELECT id, version, body FROM items WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY";
    private static final String UPDATE = "UPDATE items SET body = ?, version = version + 1 WHERE id = ?";
    private static final String DELETE = "DELETE FROM items WHERE id = ?";

    /** Asking for the key column by name keeps PostgreSQL from returning every column. */
    private static final String[] GENERATED_ID = {"id"};

    /**
     * Rows per round trip where the driver fetches in batches (PostgreSQL); small because one
     * body may be large. Embedded H2 ignores it and streams through lazy query execution.
     */
    private static final int LIST_FETCH_SIZE = 100;

    /** Seconds a health check may wait for the database to answer. */
    private static final int PING_SECONDS = 1;

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
                return new Item(keys.getLong(1), 1, json);
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
    public ItemCursor openList(long afterId, long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        if (limit == 0) {
            return EmptyCursor.INSTANCE;
        }
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            // PostgreSQL honours the fetch size only inside a transaction; without one it
            // reads the whole result into memory first.
            connection.setAutoCommit(false);
            PreparedStatement select = connection.prepareStatement(SELECT_PAGE);
            select.setFetchSize(LIST_FETCH_SIZE);
            select.setLong(1, afterId);
            select.setLong(2, limit);
            return new JdbcCursor(connection, select, select.executeQuery(), afterId);
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                JdbcCursor.release(connection);
            }
            throw e instanceof StoreException known ? known
                    : new StoreException("could not list items after id " + afterId, e);
        }
    }

    @Override
    public Written replace(long id, String json, VersionCheck check) {
        Objects.requireNonNull(json, "json");
        try (Connection connection = dataSource.getConnection()) {
            // One transaction, so that the version read back is the one this update wrote: the
            // row stays locked against other writers until the commit.
            connection.setAutoCommit(false);
            try {
                Written written = conditionalWrite(connection, UPDATE, id, check, json);
                connection.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("could not replace item " + id, e);
        }
    }

    @Override
    public Written delete(long id, VersionCheck check) {
        try (Connection connection = dataSource.getConnection()) {
            return conditionalWrite(connection, DELETE, id, check, null);
        } catch (SQLException e) {
            throw new StoreException("could not delete item " + id, e);
        }
    }

    /**
     * Runs an UPDATE (with {@code json}) or a DELETE (without) on one row, its version check in
     * the same WHERE clause. When no row changed, a second look tells a missing item from a
     * refused version.
     */
    private static Written conditionalWrite(Connection connection, String write, long id, VersionCheck check,
                                            String json) throws SQLException {
        List<Long> parameters = new ArrayList<>();
        String sql = write + versionCondition(check, parameters);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            if (json != null) {
                statement.setString(index++, json);
            }
            statement.setLong(index++, id);
            for (long version : parameters) {
                statement.setLong(index++, version);
            }
            if (statement.executeUpdate() == 1) {
                return Written.done(json == null ? null : new Item(id, versionOf(connection, id), json));
            }
        }
        if (check.isAny() || versionOf(connection, id) == 0) {
            return Written.notFound();
        }
        return Written.refused();
    }

    /** " AND version IN (?, ...)" and the like, adding the versions to bind to {@code parameters}. */
    private static String versionCondition(VersionCheck check, List<Long> parameters) {
        StringBuilder condition = new StringBuilder();
        if (check.oneOf() != null) {
            if (check.oneOf().isEmpty()) {
                return " AND 1 = 0";
            }
            condition.append(" AND version IN (").append(placeholders(check.oneOf().size())).append(')');
            parameters.addAll(check.oneOf());
        }
        if (!check.noneOf().isEmpty()) {
            condition.append(" AND version NOT IN (").append(placeholders(check.noneOf().size())).append(')');
            parameters.addAll(check.noneOf());
        }
        return condition.toString();
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** The item's version, or 0 when there is no such item. */
    private static long versionOf(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_VERSION)) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    @Override
    public void ping() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(PING_SECONDS)) {
                throw new StoreException("the database did not answer within " + PING_SECONDS + " s");
            }
        } catch (SQLException e) {
            throw new StoreException("the database cannot be reached", e);
        }
    }

    static Item itemAt(ResultSet rows) throws SQLException {
        return new Item(rows.getLong(1), rows.getLong(2), rows.getString(3));
    }

    /** The listing of a limit of zero: no query at all. */
    private enum EmptyCursor implements ItemCursor {
        INSTANCE;

        @Override
        public Item next() {
            return null;
        }

        @Override
        public void close() {
        }
    }

    /**
     * A listing over an open result set, one row ahead: the first row is fetched on opening, so
     * that a failing database is known before the caller commits to an answer.
     */
    private static final class JdbcCursor implements ItemCursor {
        private final Connection connection;
        private final PreparedStatement select;
        private final ResultSet rows;
        private final long afterId;
        private Item ahead;
        private boolean closed;

        JdbcCursor(Connection connection, PreparedStatement select, ResultSet rows, long afterId) throws SQLException {
            this.connection = connection;
            this.select = select;
            this.rows = rows;
            this.afterId = afterId;
            this.ahead = fetch();
        }

        private Item fetch() throws SQLException {
            return rows.next() ? itemAt(rows) : null;
        }

        @Override
        public Item next() {
            Item next = ahead;
            if (next == null) {
                close();
                return null;
            }
            try {
                ahead = fetch();
            } catch (SQLException e) {
                close();
                throw new StoreException("could not list items after id " + afterId, e);
            }
            return next;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                rows.close();
                select.close();
            } catch (SQLException e) {
                // The connection is released below either way.
            }
            release(connection);
        }

        /** Ends the read-only transaction and hands the connection back as it came. */
        static void release(Connection connection) {
            try (connection) {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                // A broken connection: the pool notices and replaces it.
            }
        }
    }
}
