package minihttp.store;

/**
 * Items read one by one from an open query. It holds a database connection until closed, so
 * close it as soon as it is done with; closing again does nothing. Used by one thread.
 */
public interface ItemCursor extends AutoCloseable {

    /**
     * The next item, or null after the last one.
     *
     * @throws StoreException if the database fails meanwhile
     */
    Item next();

    @Override
    void close();
}
