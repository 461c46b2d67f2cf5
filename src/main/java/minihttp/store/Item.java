package minihttp.store;

import java.util.Objects;

/**
 * One stored item: its id and its JSON object text.
 *
 * <p>{@code json} is the text exactly as stored, without an {@code id} member; the id lives
 * only in {@code id} and the HTTP layer splices it in. Ids are positive. Immutable.
 */
public record Item(long id, String json) {

    public Item {
        Objects.requireNonNull(json, "json");
    }
}
