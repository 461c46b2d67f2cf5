package minihttp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import minihttp.cli.Options.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where the write token comes from, and every way a configured token is refused, in one line each. */
class TokenSourceTest {
    private static final String TOKEN = "s3cr3t-t0ken-0123456789";
    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    @TempDir
    Path folder;

    private static Optional<String> read(Map<String, String> environment, String... args)
            throws IOException, UsageException {
        return TokenSource.read(Options.parse(args, environment), environment);
    }

    private Path file(byte[] content) throws IOException {
        return Files.write(folder.resolve("token"), content);
    }

    private Path file(String content) throws IOException {
        return file(content.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void withNeitherSourceThereIsNoToken() throws Exception {
        assertEquals(Optional.empty(), read(NO_ENVIRONMENT));
        assertEquals(Optional.empty(), read(Map.of("MINIHTTP_DB_URL", "x")));
    }

    @Test
    void theTokenComesFromTheEnvironment() throws Exception {
        assertEquals(Optional.of(TOKEN), read(Map.of("MINIHTTP_TOKEN", TOKEN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileContents")
    void theTokenComesFromAFileWithoutItsLineEnd(String name, String content) throws Exception {
        assertEquals(Optional.of(TOKEN), read(NO_ENVIRONMENT, "--token-file=" + file(content)));
    }

    static Stream<Arguments> fileContents() {
        return Stream.of(
            arguments("no line end", TOKEN),
            arguments("LF, as echo writes it", TOKEN + "\n"),
            arguments("CRLF", TOKEN + "\r\n"));
    }

    @Test
    void aTokenOfTheLongestLengthIsRead() throws Exception {
        String longest = "x".repeat(TokenSource.MAX_BYTES);
        assertEquals(Optional.of(longest), read(NO_ENVIRONMENT, "--token-file=" + file(longest + "\r\n")));
    }

    static Stream<Arguments> unusableFiles() {
        return Stream.of(
            arguments("empty", "", "is empty"),
            arguments("only a line end", "\n", "is empty"),
            arguments("a space inside", "s3cr3t t0ken\n", "holds a space at character 7"),
            arguments("a leading space", " " + TOKEN, "holds a space at character 1"),
            arguments("a trailing space", TOKEN + " \n", "holds a space at character 24"),
            arguments("a tab", TOKEN + "\t", "holds a tab"),
            arguments("two line ends", TOKEN + "\n\n", "holds a line break"),
            arguments("a second line", TOKEN + "\n# comment\n", "holds a line break"),
            arguments("a bare CR at the end", TOKEN + "\r", "holds a line break"),
            arguments("a control character", TOKEN + "\u0007", "holds a control character"),
            arguments("a byte outside ASCII", TOKEN + "\u00e9", "holds a character outside ASCII"),
            arguments("one byte too long", "x".repeat(TokenSource.MAX_BYTES + 1), "holds more than 1024 bytes"),
            arguments("far too long", "x".repeat(100_000), "holds more than 1024 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableFiles")
    void anUnusableFileIsRefusedInOneLineThatDoesNotShowIt(String name, String content, String problem)
            throws IOException {
        Path file = file(content);
        IOException refusal = assertThrows(IOException.class, () -> read(NO_ENVIRONMENT, "--token-file=" + file));
        assertTrue(refusal.getMessage().startsWith("the token file " + file + " " + problem), refusal.getMessage());
        assertOneLineWithoutToken(refusal);
    }

    @Test
    void aMissingFileIsRefused() {
        Path missing = folder.resolve("missing");
        IOException refusal = assertThrows(IOException.class, () -> read(NO_ENVIRONMENT, "--token-file=" + missing));
        assertEquals("the token file " + missing + " does not exist", refusal.getMessage());
    }

    @Test
    void aFolderIsRefused() {
        IOException refusal = assertThrows(IOException.class, () -> read(NO_ENVIRONMENT, "--token-file=" + folder));
        assertTrue(refusal.getMessage().startsWith("the token file " + folder + " cannot be read: "), refusal.getMessage());
        assertOneLineWithoutToken(refusal);
    }

    @Test
    void anUnreadableFileIsRefused() throws IOException {
        Path file = file(TOKEN);
        assertTrue(file.toFile().setReadable(false, false));
        // root reads any file; the refusal can only be seen as another user
        if (Files.isReadable(file)) return;
        IOException refusal = assertThrows(IOException.class, () -> read(NO_ENVIRONMENT, "--token-file=" + file));
        assertEquals("the token file " + file + " cannot be read: permission denied", refusal.getMessage());
    }

    @Test
    void bothSourcesAtOnceAreRefusedEvenWhenTheyAgree() throws IOException {
        Path file = file(TOKEN);
        IOException refusal = assertThrows(IOException.class,
                () -> read(Map.of("MINIHTTP_TOKEN", TOKEN), "--token-file=" + file));
        assertEquals("MINIHTTP_TOKEN and --token-file both give a write token; keep one of them", refusal.getMessage());
    }

    @Test
    void anEmptyVariableIsRefusedRatherThanLeavingTheStoreOpen() {
        IOException refusal = assertThrows(IOException.class, () -> read(Map.of("MINIHTTP_TOKEN", "")));
        assertEquals("MINIHTTP_TOKEN is empty; unset it to run without a token", refusal.getMessage());
    }

    @Test
    void aVariableWithWhitespaceIsRefused() {
        IOException refusal = assertThrows(IOException.class, () -> read(Map.of("MINIHTTP_TOKEN", TOKEN + "\n")));
        assertTrue(refusal.getMessage().startsWith("MINIHTTP_TOKEN holds a line break"), refusal.getMessage());
        assertOneLineWithoutToken(refusal);
    }

    @Test
    void protectedReadsWithoutATokenAreRefusedRatherThanLeftOpen() {
        IOException refusal = assertThrows(IOException.class, () -> read(NO_ENVIRONMENT, "--protect-reads"));
        assertEquals("--protect-reads needs a write token: MINIHTTP_TOKEN or --token-file", refusal.getMessage());
    }

    @Test
    void protectedReadsTakeEitherSource() throws Exception {
        assertEquals(Optional.of(TOKEN), read(Map.of("MINIHTTP_TOKEN", TOKEN), "--protect-reads"));
        assertEquals(Optional.of(TOKEN), read(NO_ENVIRONMENT, "--protect-reads", "--token-file=" + file(TOKEN)));
    }

    private static void assertOneLineWithoutToken(IOException refusal) {
        String message = refusal.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        assertFalse(message.contains(TOKEN.substring(0, 6)), message);
    }
}
