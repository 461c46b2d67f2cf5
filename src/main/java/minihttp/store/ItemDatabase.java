package minihttp.store;

/**
 * The database the items live in, opened: one implementation per kind of database
 * ({@link H2Database} in memory or in a file, {@link PostgresDatabase}). Adding a kind is adding
 * one such class and naming it on the command line; the routes see only {@link #items()}.
 * Opening one is the implementation's own static method, which either returns a ready database
 * (schema migrated, connections pooled) or throws a {@link StoreException} whose message is one
 * line fit for the user and never holds a password.
 */
public interface ItemDatabase extends AutoCloseable {

    /** The items; valid until {@link #close}. */
    ItemStore items();

    /** What and where the database is, for the user, e.g. "database file /srv/items.mv.db". */
    String description();

    /**
     * Releases the connections (and, for an embedded database, the database itself). Call it
     * after the last request has finished. Closing again does nothing.
     */
    @Override
    void close();
}
