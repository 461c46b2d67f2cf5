package minihttp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Where the write token comes from: {@value #VARIABLE} in the environment, or the file named by
 * --token-file, read once at start; never a value on the command line, where {@code ps} shows it to
 * every user of the machine. A token is one or more printable ASCII characters, no whitespace: what
 * a client can send after "Bearer " byte for byte. A file may end with one line end (LF or CRLF),
 * which is not part of the token; anything else that cannot be in a token is refused, not trimmed,
 * since a token other than the one the user meant would lock out every client that has the right one.
 *
 * <p>Every refusal is an {@link IOException} whose message is one line for the user, and never
 * holds the token: both sources given (which one would count is a guess; neither is chosen), a
 * blank {@value #VARIABLE} (likely an unset variable expanded to nothing: running without a token
 * would open the store the user meant to close), a file that is missing, unreadable, empty, longer
 * than {@value #MAX_BYTES} bytes or holding a character a token cannot have, and --protect-reads
 * without a token. Stateless.
 */
final class TokenSource {
    static final String VARIABLE = "MINIHTTP_TOKEN";
    /** Longer than any secret needs; keeps {@code --token-file=/dev/zero} from filling the heap. */
    static final int MAX_BYTES = 1024;

    private TokenSource() {
    }

    /**
     * The token the options and the environment configure, or empty when neither gives one.
     *
     * @throws IOException with a one-line message when the token cannot be used
     */
    static Optional<String> read(Options options, Map<String, String> environment) throws IOException {
        String variable = environment.get(VARIABLE);
        Path file = options.tokenFile();
        if (variable != null && file != null) {
            throw new IOException(VARIABLE + " and --token-file both give a write token; keep one of them");
        }
        Optional<String> token = Optional.empty();
        if (variable != null) {
            if (variable.isEmpty()) throw new IOException(VARIABLE + " is empty; unset it to run without a token");
            token = Optional.of(checked(variable, VARIABLE));
        }
        if (file != null) token = Optional.of(checked(fileContent(file), "the token file " + file));
        if (token.isEmpty() && options.protectReads()) {
            throw new IOException("--protect-reads needs a write token: " + VARIABLE + " or --token-file");
        }
        return token;
    }

    /** The file's text without one final line end. */
    private static String fileContent(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // One byte past the limit tells a long file from one exactly at it; two for a CRLF.
            bytes = in.readNBytes(MAX_BYTES + 3);
        } catch (NoSuchFileException e) {
            throw new IOException("the token file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IOException("the token file " + file + " cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new IOException("the token file " + file + " cannot be read: " + e.getMessage(), e);
        }
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\n') length--;
        if (length > 0 && bytes[length - 1] == '\r' && length < bytes.length) length--;
        if (length > MAX_BYTES) throw new IOException("the token file " + file + " holds more than " + MAX_BYTES + " bytes");
        // ISO-8859-1 keeps every byte as one char, so a byte outside ASCII is refused below.
        return new String(Arrays.copyOf(bytes, length), StandardCharsets.ISO_8859_1);
    }

    /** @param source the variable or file, as the message names it */
    private static String checked(String token, String source) throws IOException {
        if (token.isEmpty()) throw new IOException(source + " is empty");
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 0x7F) {
                throw new IOException(source + " holds " + describe(c) + " at character " + (i + 1)
                        + "; a token is printable ASCII without whitespace");
            }
        }
        return token;
    }

    /** Names a refused character without showing any of the token around it. */
    private static String describe(char c) {
        if (c == ' ') return "a space";
        if (c == '\t') return "a tab";
        if (c == '\n' || c == '\r') return "a line break";
        if (c < ' ' || c == 0x7F) return "a control character";
        return "a character outside ASCII";
    }
}
