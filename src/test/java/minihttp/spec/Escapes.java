package minihttp.spec;

import java.nio.charset.StandardCharsets;

/**
 * The escapes feature files use to write raw bytes on one line: {@code \r}, {@code \n}, {@code \t},
 * {@code \\} and {@code \xHH} for any other byte. Other characters stand for themselves and must be
 * Latin-1. In a table cell Gherkin itself already turns {@code \n} into a line feed and {@code \\}
 * into one backslash, which leaves the same bytes. Stateless.
 */
final class Escapes {
    private Escapes() {
    }

    /** The bytes a request line in a feature file stands for. */
    static byte[] bytes(String escaped) {
        String text = text(escaped);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                throw new IllegalArgumentException("not a Latin-1 character in " + escaped + "; write \\xHH bytes");
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The text with its escapes replaced; {@code \xHH} becomes the character U+00HH. */
    static String text(String escaped) {
        StringBuilder text = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c != '\\' || i + 1 == escaped.length()) {
                text.append(c);
                continue;
            }
            char next = escaped.charAt(++i);
            switch (next) {
                case 'r' -> text.append('\r');
                case 'n' -> text.append('\n');
                case 't' -> text.append('\t');
                case '\\' -> text.append('\\');
                case 'x' -> {
                    if (i + 2 >= escaped.length()) throw new IllegalArgumentException("\\x needs two hex digits: " + escaped);
                    text.append((char) Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + next + " in " + escaped);
            }
        }
        return text.toString();
    }

    /** Bytes for a failure message, escaped back so that CR, LF and controls stay visible. */
    static String show(int first, byte[] rest, int length) {
        StringBuilder text = new StringBuilder();
        append(text, first);
        for (int i = 0; i < length; i++) append(text, rest[i] & 0xFF);
        return text.toString();
    }

    private static void append(StringBuilder text, int b) {
        switch (b) {
            case '\r' -> text.append("\\r");
            case '\n' -> text.append("\\n");
            case '\\' -> text.append("\\\\");
            default -> {
                if (b < 0x20 || b >= 0x7F) {
                    text.append(String.format("\\x%02X", b));
                } else {
                    text.append((char) b);
                }
            }
        }
    }
}
