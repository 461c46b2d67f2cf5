package minihttp.cli;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The values of options, by option: given, defaulted, or null for an option that does not
 * apply. Read-only; while {@link OptionTable} parses, it is a view of the options resolved so
 * far, which is what a default may read.
 */
final class OptionValues {
    private final Map<String, Object> byName;

    private OptionValues(Map<String, Object> byName) {
        this.byName = byName;
    }

    /** A read-only view that follows {@code resolving} as it fills. */
    static OptionValues viewOf(Map<String, Object> resolving) {
        return new OptionValues(Collections.unmodifiableMap(resolving));
    }

    static OptionValues copyOf(Map<String, Object> resolved) {
        // not Map.copyOf: an option that does not apply holds null
        return new OptionValues(Collections.unmodifiableMap(new HashMap<>(resolved)));
    }

    /**
     * @throws IllegalStateException for an option not resolved yet: a default that reads an
     *                               option declared after its own, which is a bug in the table
     */
    <T> T get(Option<T> option) {
        if (!byName.containsKey(option.name())) {
            throw new IllegalStateException(option.dashedName() + " is read before it is resolved; declare it earlier");
        }
        @SuppressWarnings("unchecked") // put there by this option's own reader or default
        T value = (T) byName.get(option.name());
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OptionValues values && byName.equals(values.byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }

    @Override
    public String toString() {
        return byName.toString();
    }
}
