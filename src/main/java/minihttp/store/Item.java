package minihttp.store;

import java.util.Objects;

/**
 * One stored item: its id, its version and its JSON object text.
 *
 * <p>{@code json} is the text exactly as stored, without an {@code id} member; the id lives
 * only in {@code id} and the HTTP layer splices it in. Ids are positive. The version is 1 when
 * the item is created and grows by one with each replacement; the database assigns it, in the
 * same statement as the write, so that every instance sharing the database agrees on it.
 * Immutable.
 */
public record Item(long id, long version, String json) {

    public Item {
        Objects.requireNonNull(json, "json");
    }
}
