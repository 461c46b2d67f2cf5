package minihttp.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * An item of an exact size whose JSON text is {@code {"pad":"MARKERxxx…"}}: the body sent is that
 * many bytes, and the random marker tells it apart from every other item, so that a check against
 * a server shared with other scenarios can say whether this one was stored. Immutable.
 */
record MarkedItem(String marker, String json) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "{\"pad\":\"";
    private static final String SUFFIX = "\"}";
    private static final int MARKER_BYTES = 6;
    static final int SMALLEST = PREFIX.length() + 2 * MARKER_BYTES + SUFFIX.length();

    static MarkedItem ofSize(int bytes) {
        if (bytes < SMALLEST) throw new IllegalArgumentException("a marked item has at least " + SMALLEST + " bytes, not " + bytes);
        byte[] random = new byte[MARKER_BYTES];
        RANDOM.nextBytes(random);
        String marker = HexFormat.of().formatHex(random);
        String json = PREFIX + marker + "x".repeat(bytes - SMALLEST) + SUFFIX;
        return new MarkedItem(marker, json);
    }

    byte[] bytes() {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a listed item is this one, whatever id or member order the server gave it. */
    boolean isIn(JsonNode listed) {
        return listed.path("pad").asText().startsWith(marker);
    }
}
