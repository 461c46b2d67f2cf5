package minihttp.spec;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The minihttp instances a scenario runs side by side on one database, in order ("the first",
 * "the second"); empty when a scenario runs one server. Shared by the steps of one scenario.
 */
public final class Instances {
    private final List<InetSocketAddress> addresses = new ArrayList<>();

    void add(InetSocketAddress address) {
        addresses.add(address);
    }

    List<InetSocketAddress> addresses() {
        return List.copyOf(addresses);
    }

    /** 1 for the first. */
    InetSocketAddress nth(int ordinal) {
        return addresses.get(ordinal - 1);
    }

    static int ordinal(String word) {
        return switch (word) {
            case "first" -> 1;
            case "second" -> 2;
            default -> throw new IllegalArgumentException("no such instance: " + word);
        };
    }
}
