package minihttp.spec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How a client frames a body in chunks (RFC 9112 §7.1): the data cut into {@code count} chunks
 * as equal as can be (the last ones one byte longer when it does not divide), each size in hex,
 * optionally upper-case and followed by a chunk extension (the last chunk's too), then the last
 * chunk and an optional trailer field. Immutable.
 */
record ChunkedFraming(int count, boolean upperCase, String extension, String trailerField) {
    ChunkedFraming {
        if (count < 1) throw new IllegalArgumentException("at least one chunk, not " + count);
    }

    static ChunkedFraming inChunks(int count) {
        return new ChunkedFraming(count, false, "", "");
    }

    ChunkedFraming withUpperCaseSizes() {
        return new ChunkedFraming(count, true, extension, trailerField);
    }

    ChunkedFraming withExtension(String extension) {
        return new ChunkedFraming(count, upperCase, extension, trailerField);
    }

    ChunkedFraming withTrailerField(String field) {
        return new ChunkedFraming(count, upperCase, extension, field);
    }

    byte[] frame(byte[] data) {
        if (data.length < count) throw new IllegalArgumentException(data.length + " bytes cannot fill " + count + " chunks");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int offset = 0;
        for (int i = 0; i < count; i++) {
            int size = chunkSize(data.length, i);
            out.writeBytes(sizeLine(size));
            out.write(data, offset, size);
            out.writeBytes(ascii("\r\n"));
            offset += size;
        }
        out.writeBytes(sizeLine(0));
        if (!trailerField.isEmpty()) out.writeBytes(ascii(trailerField + "\r\n"));
        out.writeBytes(ascii("\r\n"));
        return out.toByteArray();
    }

    /** The sizes of the chunks before the last one, as {@link #frame} writes them, separated by spaces. */
    String sizes(int length) {
        StringBuilder sizes = new StringBuilder();
        for (int i = 0; i < count; i++) sizes.append(i == 0 ? "" : " ").append(hex(chunkSize(length, i)));
        return sizes.toString();
    }

    private int chunkSize(int length, int index) {
        return length / count + (index >= count - length % count ? 1 : 0);
    }

    private byte[] sizeLine(int size) {
        return ascii(hex(size) + extension + "\r\n");
    }

    private String hex(int size) {
        String hex = Integer.toHexString(size);
        return upperCase ? hex.toUpperCase(Locale.ROOT) : hex;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
