package minihttp.store;

import java.util.Objects;
import java.util.Set;

/**
 * The versions a conditional write accepts: any, only those listed, or all but those listed.
 * The store checks it in the same statement as the write, so no other writer can slip in
 * between the check and the write, on this instance or another one sharing the database.
 *
 * @param oneOf  when not null, only these versions are accepted (an empty set accepts none)
 * @param noneOf these versions are refused
 */
public record VersionCheck(Set<Long> oneOf, Set<Long> noneOf) {
    /** No condition. */
    public static final VersionCheck ANY = new VersionCheck(null, Set.of());

    public VersionCheck {
        oneOf = oneOf == null ? null : Set.copyOf(oneOf);
        noneOf = Set.copyOf(Objects.requireNonNull(noneOf, "noneOf"));
    }

    public static VersionCheck oneOf(Set<Long> versions) {
        return new VersionCheck(versions, Set.of());
    }

    public static VersionCheck noneOf(Set<Long> versions) {
        return new VersionCheck(null, versions);
    }

    public boolean isAny() {
        return oneOf == null && noneOf.isEmpty();
    }

    public boolean accepts(long version) {
        return (oneOf == null || oneOf.contains(version)) && !noneOf.contains(version);
    }
}
