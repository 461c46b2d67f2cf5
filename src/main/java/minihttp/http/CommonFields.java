package minihttp.http;

import java.nio.charset.StandardCharsets;

/**
 * Header fields that every response carries (CORS), encoded once. A response that sets one of
 * these names itself keeps its own value. Immutable, thread-safe.
 */
public final class CommonFields {
    public static final CommonFields NONE = new CommonFields(new Headers());

    private final Headers fields;
    private final byte[] encoded;

    public CommonFields(Headers fields) {
        this.fields = fields;
        StringBuilder text = new StringBuilder();
        fields.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        this.encoded = text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public Headers fields() {
        return fields;
    }

    /** Writes the fields the response did not set itself. */
    void writeMissing(Headers own, WireBuffer out) {
        if (!overlaps(own)) {
            out.write(encoded);
            return;
        }
        for (int i = 0; i < fields.size(); i++) {
            if (!own.contains(fields.name(i))) {
                out.writeLatin1(fields.name(i)).write((byte) ':').write((byte) ' ')
                        .writeLatin1(fields.value(i)).write((byte) '\r').write((byte) '\n');
            }
        }
    }

    private boolean overlaps(Headers own) {
        for (int i = 0; i < own.size(); i++) {
            for (int j = 0; j < fields.size(); j++) {
                if (own.name(i).equalsIgnoreCase(fields.name(j))) return true;
            }
        }
        return false;
    }
}
