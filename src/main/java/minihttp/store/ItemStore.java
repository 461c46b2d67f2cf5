package minihttp.store;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The JSON item store, in item words.
 *
 * <p>Ids are positive, assigned by the store in increasing order, and never reused, not even
 * after the newest item is deleted or the process restarts or crashes; there may be gaps.
 * The store keeps the JSON text as given and does not parse it: callers pass a JSON object
 * without an {@code id} member.
 *
 * <p>Every write is committed when the method returns. A missing item is an empty
 * {@link Optional} or {@code false}, never an exception; database failures are
 * {@link StoreException}s. Implementations are safe for use by many threads at once.
 */
public interface ItemStore {

    /** Stores {@code json} as a new item and returns it with its new id. */
    Item create(String json);

    /** The item with this id, or empty if there is none. */
    Optional<Item> find(long id);

    /**
     * Passes the items with an id greater than {@code afterId} to {@code sink}, in ascending id
     * order, at most {@code limit} of them ({@link Long#MAX_VALUE} for all).
     *
     * <p>Items are streamed from the database one by one, so the whole store need not fit in
     * memory. The sink runs on the calling thread while a database connection is held, so it
     * must not call back into the store; if it throws, the connection is released and the
     * exception propagates unchanged.
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    void list(long afterId, long limit, Consumer<Item> sink);

    /** Replaces the JSON of the item with this id and returns the new item, or empty if there is none. */
    Optional<Item> replace(long id, String json);

    /** Deletes the item with this id; {@code false} if there was none. */
    boolean delete(long id);
}
