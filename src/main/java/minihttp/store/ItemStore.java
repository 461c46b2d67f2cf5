package minihttp.store;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The JSON item store, in item words.
 *
 * <p>Ids are positive, assigned by the store in increasing order, and never reused, not even
 * after the newest item is deleted or the process restarts or crashes; there may be gaps.
 * The store keeps the JSON text as given and does not parse it: callers pass a JSON object
 * without an {@code id} member. Each item has a version (see {@link Item}); replacing and
 * deleting may be made conditional on it ({@link VersionCheck}).
 *
 * <p>Every write is committed when the method returns. A missing item is an empty
 * {@link Optional}, {@code false} or {@link Written.Outcome#NOT_FOUND}, never an exception;
 * database failures are {@link StoreException}s. Implementations are safe for use by many
 * threads at once.
 */
public interface ItemStore {

    /** What a replace or delete did. */
    record Written(Outcome outcome, Item item) {
        public enum Outcome {
            /** Written; {@code item} is the item as it now is (null for a delete). */
            DONE,
            /** There is no item with this id. */
            NOT_FOUND,
            /** The item exists, but its version is not one the check accepts; nothing was written. */
            VERSION_REFUSED
        }

        static Written done(Item item) {
            return new Written(Outcome.DONE, item);
        }

        static Written notFound() {
            return new Written(Outcome.NOT_FOUND, null);
        }

        static Written refused() {
            return new Written(Outcome.VERSION_REFUSED, null);
        }
    }

    /** Stores {@code json} as a new item, version 1, and returns it with its new id. */
    Item create(String json);

    /** The item with this id, or empty if there is none. */
    Optional<Item> find(long id);

    /**
     * Opens a listing of the items with an id greater than {@code afterId}, in ascending id
     * order, at most {@code limit} of them ({@link Long#MAX_VALUE} for all). The query has run
     * and the first item has been fetched when this returns, so a database that cannot answer
     * shows here, before anything has been promised to a client.
     *
     * <p>Items are streamed from the database, so the whole store need not fit in memory.
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    ItemCursor openList(long afterId, long limit);

    /**
     * Passes the listed items (see {@link #openList}) to {@code sink} on the calling thread. If
     * the sink throws, the cursor is closed and the exception propagates unchanged.
     */
    default void list(long afterId, long limit, Consumer<Item> sink) {
        try (ItemCursor cursor = openList(afterId, limit)) {
            for (Item item = cursor.next(); item != null; item = cursor.next()) {
                sink.accept(item);
            }
        }
    }

    /**
     * Replaces the JSON of the item with this id if the check accepts its version, which then
     * grows by one; check and write are one statement.
     */
    Written replace(long id, String json, VersionCheck check);

    /** Replaces unconditionally: the new item, or empty if there is none. */
    default Optional<Item> replace(long id, String json) {
        return Optional.ofNullable(replace(id, json, VersionCheck.ANY).item());
    }

    /** Deletes the item with this id if the check accepts its version; check and delete are one statement. */
    Written delete(long id, VersionCheck check);

    /** Deletes unconditionally; {@code false} if there was no such item. */
    default boolean delete(long id) {
        return delete(id, VersionCheck.ANY).outcome() == Written.Outcome.DONE;
    }

    /**
     * Checks that the database answers a trivial query within about a second.
     *
     * @throws StoreException if it does not
     */
    void ping();
}
