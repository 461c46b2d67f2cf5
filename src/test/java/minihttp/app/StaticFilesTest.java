package minihttp.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import minihttp.http.HttpDate;
import minihttp.http.Limits;
import minihttp.http.ParseResult;
import minihttp.http.Request;
import minihttp.http.RequestParser;
import minihttp.http.Response;
import minihttp.http.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The static-file route called directly, no socket: requests are parsed from raw bytes and the
 * path parameters are the segments after "/static", as the router hands them over.
 */
class StaticFilesTest {
    private static final RequestParser PARSER = new RequestParser(Limits.DEFAULTS);
    private static final String SECRET = "TOP-SECRET-OUTSIDE-THE-ROOT";
    private static final Instant MODIFIED = Instant.parse("2024-05-01T10:00:00.123456Z");
    private static final String LAST_MODIFIED = "Wed, 01 May 2024 10:00:00 GMT";
    /** The size of the buffer a file body is copied through when it cannot be handed over whole. */
    private static final int COPY_BUFFER_BYTES = 32 * 1024;
    private static final byte[] DIGITS = "0123456789".repeat(10).getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path temp;
    Path root;
    Path outside;
    StaticFiles files;
    boolean linksSupported;

    @BeforeEach
    void createTree() throws IOException {
        root = Files.createDirectory(temp.resolve("root"));
        outside = Files.createDirectory(temp.resolve("outside"));
        Path lookalike = Files.createDirectory(temp.resolve("root-lookalike"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.writeString(lookalike.resolve("secret.txt"), SECRET);

        write("hello.txt", "hello world\n");
        write("css/site.css", "body { margin: 0 }\n");
        write("css/deeper/print.css", "@media print {}\n");
        write("IMAGE.PNG", "not really a png");
        write("data.bin", "binary");
        write("LICENSE", "license text");
        Files.write(root.resolve("digits.txt"), DIGITS);
        write("empty.txt", "");
        write(".env", "PASSWORD=" + SECRET);
        write(".git/config", SECRET);
        for (Path file : List.of(root.resolve("hello.txt"), root.resolve("digits.txt"), root.resolve("empty.txt"))) {
            Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
        }

        try {
            Files.createSymbolicLink(root.resolve("link-out"), outside.resolve("secret.txt"));
            Files.createSymbolicLink(root.resolve("folder-out"), outside);
            Files.createSymbolicLink(root.resolve("link-lookalike"), lookalike.resolve("secret.txt"));
            Files.createSymbolicLink(root.resolve("link-dotfile"), root.resolve(".env"));
            Files.createSymbolicLink(root.resolve("link-relative-out"), Path.of("..", "outside", "secret.txt"));
            Files.createSymbolicLink(root.resolve("link-in"), Path.of("hello.txt"));
            Files.createSymbolicLink(root.resolve("css-in"), root.resolve("css"));
            linksSupported = true;
        } catch (UnsupportedOperationException | IOException | SecurityException e) {
            linksSupported = false;
        }
        files = new StaticFiles(root, new FileCache(CACHED_FILE_BYTES, 4 * CACHED_FILE_BYTES));
    }

    /** hello.txt (12 bytes) is served from memory; digits.txt (100 bytes) and anything larger from disk. */
    private static final int CACHED_FILE_BYTES = 64;

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Parses a raw request; header lines are given without line ends. */
    static Request request(String method, String target, String... headerLines) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: test\r\n");
        for (String line : headerLines) head.append(line).append("\r\n");
        byte[] bytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        ParseResult result = PARSER.parse(bytes, 0, bytes.length);
        return assertInstanceOf(ParseResult.Complete.class, result, () -> "does not parse: " + target).request();
    }

    /** What the router captures for /static/{path...}: the segments after "static". */
    static Router.PathParameters parameters(Request request) {
        List<String> segments = request.pathSegments();
        assertEquals("static", segments.get(0), "the test target must start with /static/");
        return new Router.PathParameters(Map.of(), List.copyOf(segments.subList(1, segments.size())));
    }

    private Response get(String target, String... headerLines) {
        return serve("GET", target, headerLines);
    }

    private Response serve(String method, String target, String... headerLines) {
        Request request = request(method, target, headerLines);
        return files.serve(request, parameters(request));
    }

    /** The body exactly as the server would stream it. */
    static byte[] body(Response response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.writeBody(out);
        return out.toByteArray();
    }

    static String text(Response response) throws IOException {
        return new String(body(response), StandardCharsets.UTF_8);
    }

    private static String header(Response response, String name) {
        return response.headers().first(name);
    }

    @Nested
    class Serving {
        @Test
        void aFileIsServedWithItsTypeLengthAndBody() throws IOException {
            Response response = get("/static/hello.txt");
            assertEquals(Status.OK_200, response.status());
            assertEquals("text/plain; charset=utf-8", header(response, "Content-Type"));
            assertEquals(12, response.length());
            assertNotNull(response.shared(), "a small file is served from memory");
            assertEquals("hello world\n", text(response));
        }

        @Test
        void everyResponseForbidsSniffing() {
            assertEquals("nosniff", header(get("/static/hello.txt"), "X-Content-Type-Options"));
            assertEquals("nosniff", header(get("/static/missing.txt"), "X-Content-Type-Options"));
        }

        @Test
        void nestedFoldersAreServed() throws IOException {
            Response response = get("/static/css/site.css");
            assertEquals(Status.OK_200, response.status());
            assertEquals("text/css; charset=utf-8", header(response, "Content-Type"));
            assertEquals("@media print {}\n", text(get("/static/css/deeper/print.css")));
        }

        @Test
        void theExtensionIsMatchedWhateverItsCase() {
            assertEquals("image/png", header(get("/static/IMAGE.PNG"), "Content-Type"));
        }

        @Test
        void unknownOrMissingExtensionsAreOctetStreams() {
            assertEquals("application/octet-stream", header(get("/static/data.bin"), "Content-Type"));
            assertEquals("application/octet-stream", header(get("/static/LICENSE"), "Content-Type"));
        }

        @Test
        void aPercentEncodedNameIsDecodedBeforeLookup() throws IOException {
            write("with space.txt", "spaced");
            assertEquals("spaced", text(get("/static/with%20space.txt")));
        }

        @Test
        void anEmptyFileIsAnEmptyOk() throws IOException {
            Response response = get("/static/empty.txt");
            assertEquals(Status.OK_200, response.status());
            assertEquals(0, response.length());
            assertEquals(0, body(response).length);
        }

        @Test
        void aMissingFileIsNotFoundWithAJsonError() {
            Response response = get("/static/missing.txt");
            assertEquals(Status.NOT_FOUND_404, response.status());
            assertEquals(Response.JSON, header(response, "Content-Type"));
            assertTrue(new String(response.content(), StandardCharsets.UTF_8).startsWith("{\"error\":"));
        }

        @Test
        void aFolderIsNotFound() {
            assertEquals(Status.NOT_FOUND_404, get("/static/css").status());
            assertEquals(Status.NOT_FOUND_404, get("/static/css/").status());
        }

        @Test
        void aMissingRootFolderMakesEveryFileNotFound() {
            files = new StaticFiles(temp.resolve("no-such-folder"));
            assertEquals(Status.NOT_FOUND_404, get("/static/hello.txt").status());
        }

        @Test
        void headGetsTheSameFieldsAsGet() {
            Response getResponse = get("/static/hello.txt");
            Response headResponse = serve("HEAD", "/static/hello.txt");
            assertEquals(getResponse.status(), headResponse.status());
            assertEquals(getResponse.length(), headResponse.length());
            assertEquals(getResponse.headers(), headResponse.headers());
        }

        @Test
        void aLinkThatStaysInsideTheRootIsServed() throws IOException {
            assumeTrue(linksSupported, "symbolic links are not supported here");
            assertEquals("hello world\n", text(get("/static/link-in")));
            assertEquals("body { margin: 0 }\n", text(get("/static/css-in/site.css")));
        }
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
            arguments("encoded dot-dot", "/static/%2e%2e/outside/secret.txt", 404, false),
            arguments("encoded dot-dot, upper-case hex", "/static/%2E%2E/outside/secret.txt", 404, false),
            arguments("half-encoded dot-dot", "/static/.%2e/outside/secret.txt", 404, false),
            arguments("encoded dot-dot twice", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", 404, false),
            arguments("encoded slash after dot-dot", "/static/..%2foutside%2fsecret.txt", 404, false),
            arguments("encoded dot-dot and slashes in one segment", "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 404, false),
            arguments("encoded backslash after dot-dot", "/static/..%5coutside%5csecret.txt", 404, false),
            arguments("encoded dot-dot and backslash", "/static/%2e%2e%5coutside%5csecret.txt", 404, false),
            arguments("absolute path through an encoded slash", "/static/%2fetc%2fpasswd", 404, false),
            arguments("absolute path to the secret", "/static/{outside}%2fsecret.txt", 404, false),
            arguments("encoded NUL byte", "/static/hello.txt%00.png", 404, false),
            arguments("encoded NUL alone", "/static/%00", 404, false),
            arguments("drive letter", "/static/C:%5cWindows%5cwin.ini", 404, false),
            arguments("drive-relative path", "/static/C:secret.txt", 404, false),
            arguments("colon as a stream name", "/static/hello.txt:stream", 404, false),
            arguments("empty segment", "/static//hello.txt", 404, false),
            arguments("dotfile", "/static/.env", 404, false),
            arguments("file in a dot-folder", "/static/.git/config", 404, false),
            arguments("encoded dot of a dotfile", "/static/%2eenv", 404, false),
            arguments("encoded single dot", "/static/%2e/hello.txt", 404, false),
            arguments("prefix look-alike of the root", "/static/..%2froot-lookalike%2fsecret.txt", 404, false),
            arguments("link to a file outside", "/static/link-out", 404, true),
            arguments("link to a folder outside", "/static/folder-out/secret.txt", 404, true),
            arguments("relative link climbing out", "/static/link-relative-out", 404, true),
            arguments("link to a look-alike of the root", "/static/link-lookalike", 404, true),
            arguments("link to a dotfile inside", "/static/link-dotfile", 404, true));
    }

    /**
     * Each attack answers 404 and the secret never appears in what would be sent; the body is
     * also written out, so a writer that opened a file outside would show it.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("escapes")
    void nothingOutsideTheRootIsServed(String name, String target, int status, boolean needsLinks) throws IOException {
        assumeTrue(!needsLinks || linksSupported, "symbolic links are not supported here");
        String encodedOutside = outside.toAbsolutePath().toString().replace("/", "%2f").replace("\\", "%5c");
        Response response = get(target.replace("{outside}", encodedOutside));
        assertEquals(status, response.status().code());
        assertFalse(text(response).contains(SECRET), "the body holds the secret");
        assertFalse(response.headers().toString().contains(SECRET), "a header holds the secret");
    }

    /** {@link StaticFiles#has} answers what serving would: the same checks, no body. */
    @Nested
    class Has {
        @Test
        void aFileServedIsThere() {
            assertTrue(files.has("hello.txt"));
            assertTrue(files.has("css/deeper/print.css"));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"missing.txt", "css", "css/", "", "/hello.txt", "css//site.css", "./hello.txt",
                "../outside/secret.txt", ".env", ".git/config", "C:secret.txt"})
        void whatServingRefusesIsNotThere(String relativePath) {
            assertFalse(files.has(relativePath));
        }

        @Test
        void linksFollowTheRulesOfServing() {
            assumeTrue(linksSupported, "symbolic links are not supported here");
            assertTrue(files.has("link-in"));
            assertTrue(files.has("css-in/site.css"));
            assertFalse(files.has("link-out"));
            assertFalse(files.has("folder-out/secret.txt"));
            assertFalse(files.has("link-dotfile"));
        }

        @Test
        void aFileRemovedSinceIsNoLongerThere() throws IOException {
            assertTrue(files.has("hello.txt"));
            Files.delete(root.resolve("hello.txt"));
            assertFalse(files.has("hello.txt"));
        }
    }

    /**
     * A path served once is remembered as checked, so these change what it names after a first
     * 200: each change must be seen on the very next request.
     */
    @Nested
    class ChangesAfterAPathWasServed {
        @Test
        void aFileReplacedByALinkLeadingOutIsNotServed() throws IOException {
            assumeTrue(linksSupported, "symbolic links are not supported here");
            assertEquals(Status.OK_200, get("/static/hello.txt").status());
            Files.delete(root.resolve("hello.txt"));
            Files.createSymbolicLink(root.resolve("hello.txt"), outside.resolve("secret.txt"));
            Response response = get("/static/hello.txt");
            assertEquals(Status.NOT_FOUND_404, response.status());
            assertFalse(text(response).contains(SECRET));
        }

        @Test
        void aLinkedFolderPointedOutsideIsNotServed() throws IOException {
            assumeTrue(linksSupported, "symbolic links are not supported here");
            Files.writeString(outside.resolve("site.css"), SECRET);
            assertEquals("body { margin: 0 }\n", text(get("/static/css-in/site.css")));
            Files.delete(root.resolve("css-in"));
            Files.createSymbolicLink(root.resolve("css-in"), outside);
            Response response = get("/static/css-in/site.css");
            assertEquals(Status.NOT_FOUND_404, response.status());
            assertFalse(text(response).contains(SECRET));
        }

        @Test
        void aFolderOnTheRememberedRealPathReplacedByALinkOutIsNotFollowed() throws IOException {
            assumeTrue(linksSupported, "symbolic links are not supported here");
            // Larger than the cache takes, so the file is opened by its real path when sent.
            String inside = "i".repeat(2 * CACHED_FILE_BYTES);
            String outsideText = (SECRET + "o".repeat(inside.length())).substring(0, inside.length());
            // root/via -> sub; the path is checked once, its real path remembered as root/sub/x.txt.
            write("sub/x.txt", inside);
            Files.createSymbolicLink(root.resolve("via"), root.resolve("sub"));
            assertEquals(inside, text(get("/static/via/x.txt")));
            // The same file stays reachable through the requested path, but its remembered real
            // path now leads out.
            Files.move(root.resolve("sub"), root.resolve("sub2"));
            Files.delete(root.resolve("via"));
            Files.createSymbolicLink(root.resolve("via"), root.resolve("sub2"));
            Files.writeString(outside.resolve("x.txt"), outsideText);
            Files.createSymbolicLink(root.resolve("sub"), outside);

            Response response = get("/static/via/x.txt");

            assertEquals(Status.OK_200, response.status());
            assertEquals(inside, text(response));
        }

        @Test
        void aFileReplacedByAnotherIsServedAsTheNewOne() throws IOException {
            assertEquals("hello world\n", text(get("/static/hello.txt")));
            Path replacement = root.resolve("replacement.tmp");
            Files.writeString(replacement, "a new file\n");
            Files.move(replacement, root.resolve("hello.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            assertEquals("a new file\n", text(get("/static/hello.txt")));
        }

        @Test
        void aFileMadeUnreadableIsNotServed() throws IOException {
            assumeTrue(Files.getFileStore(root).supportsFileAttributeView("posix"), "no POSIX permissions here");
            assertEquals(Status.OK_200, get("/static/hello.txt").status());
            Files.setPosixFilePermissions(root.resolve("hello.txt"), java.util.Set.of());
            // The superuser reads any file, so only an ordinary user sees the refusal.
            assumeTrue(!Files.isReadable(root.resolve("hello.txt")), "this user reads files without permission");
            assertEquals(Status.NOT_FOUND_404, get("/static/hello.txt").status());
        }

        @Test
        void aRemovedFileIsNotFound() throws IOException {
            assertEquals(Status.OK_200, get("/static/hello.txt").status());
            Files.delete(root.resolve("hello.txt"));
            assertEquals(Status.NOT_FOUND_404, get("/static/hello.txt").status());
        }
    }

    static Stream<Arguments> refusedBeforeRouting() {
        return Stream.of(
            // Dot-segments are removed before routing and never climb above "/", so these reach
            // no /static route at all; the router answers 404.
            arguments("literal dot-dot", "/static/../outside/secret.txt", 404),
            arguments("literal dot-dot past the top", "/static/../../../../etc/passwd", 404),
            // The parser refuses these bytes and escapes outright.
            arguments("literal backslash", "/static/..\\outside\\secret.txt", 400),
            arguments("malformed escape", "/static/%2g", 400),
            arguments("overlong UTF-8 dots", "/static/%c0%ae%c0%ae/outside/secret.txt", 400),
            arguments("literal space", "/static/a b", 400));
    }

    /** The same attacks through parser and router: they never reach a file at all. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusedBeforeRouting")
    void attacksTheProtocolLayerRefusesNeverReachTheRoute(String name, String target, int status) throws IOException {
        byte[] bytes = ("GET " + target + " HTTP/1.1\r\nHost: test\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        ParseResult result = PARSER.parse(bytes, 0, bytes.length);
        if (result instanceof ParseResult.Invalid invalid) {
            assertEquals(status, invalid.error().status().code());
            return;
        }
        Request request = ((ParseResult.Complete) result).request();
        Router router = new Router().route("GET", "/static/{path...}", files::serve);
        Response response = router.handle(request);
        assertEquals(status, response.status().code());
        assertFalse(text(response).contains(SECRET));
    }

    static Stream<Arguments> unsafeSegments() {
        return Stream.of(
            arguments("empty", ""),
            arguments("dot", "."),
            arguments("dot-dot", ".."),
            arguments("hidden", ".htaccess"),
            arguments("slash", "a/b"),
            arguments("leading slash", "/etc"),
            arguments("backslash", "a\\b"),
            arguments("NUL", "a\0b"),
            arguments("colon", "C:"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("unsafeSegments")
    void unsafeSegmentsAreRefused(String name, String segment) {
        assertFalse(StaticFiles.isSafeSegment(segment));
    }

    @Test
    void segmentsTheRouterCannotProduceAreStillRefused() {
        Request request = request("GET", "/static/x");
        for (List<String> rest : List.of(List.<String>of(), List.of(".."), List.of("..", "outside", "secret.txt"),
                List.of(outside.resolve("secret.txt").toString()), List.of("css", "..", "..", "outside", "secret.txt"))) {
            Response response = files.serve(request, new Router.PathParameters(Map.of(), rest));
            assertEquals(Status.NOT_FOUND_404, response.status(), rest.toString());
        }
    }

    @Nested
    class Validators {
        @Test
        void aFileCarriesEntityTagLastModifiedCacheControlAndAcceptRanges() {
            Response response = get("/static/hello.txt");
            String entityTag = header(response, "ETag");
            assertNotNull(entityTag);
            assertTrue(entityTag.matches("\"[0-9a-f]+-[0-9a-f]+\""), entityTag);
            assertEquals(LAST_MODIFIED, header(response, "Last-Modified"));
            assertEquals("no-cache", header(response, "Cache-Control"));
            assertEquals("bytes", header(response, "Accept-Ranges"));
        }

        @Test
        void theEntityTagChangesWhenTheFileChanges() throws IOException {
            String before = header(get("/static/hello.txt"), "ETag");
            Files.writeString(root.resolve("hello.txt"), "hello again\n");
            Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.from(MODIFIED.plusSeconds(1)));
            assertNotEquals(before, header(get("/static/hello.txt"), "ETag"));
        }

        @Test
        void aModificationTimeInTheFutureIsSentAsNow() throws IOException {
            Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.from(Instant.now().plus(1, ChronoUnit.DAYS)));
            Instant sent = HttpDate.parse(header(get("/static/hello.txt"), "Last-Modified")).orElseThrow();
            assertFalse(sent.isAfter(Instant.now()));
        }
    }

    @Nested
    class Conditional {
        private String entityTag;

        @BeforeEach
        void readEntityTag() {
            entityTag = header(get("/static/hello.txt"), "ETag");
        }

        private void assertNotModified(Response response) {
            assertEquals(Status.NOT_MODIFIED_304, response.status());
            assertFalse(response.isStreamed());
            assertEquals(0, response.content().length);
            assertEquals(entityTag, header(response, "ETag"));
            assertEquals(LAST_MODIFIED, header(response, "Last-Modified"));
            assertEquals("no-cache", header(response, "Cache-Control"));
            assertNull(header(response, "Content-Type"));
        }

        @Test
        void ifMatchWithTheCurrentEntityTagOrStarGetsTheFile() {
            assertEquals(Status.OK_200, get("/static/hello.txt", "If-Match: " + entityTag).status());
            assertEquals(Status.OK_200, get("/static/hello.txt", "If-Match: *").status());
        }

        @Test
        void ifMatchWithAnOtherOrWeakEntityTagFailsThePrecondition() {
            assertEquals(Status.PRECONDITION_FAILED_412, get("/static/hello.txt", "If-Match: \"other\"").status());
            // RFC 9110 §13.1.1: If-Match uses the strong comparison.
            assertEquals(Status.PRECONDITION_FAILED_412, get("/static/hello.txt", "If-Match: W/" + entityTag).status());
        }

        @Test
        void ifUnmodifiedSinceBeforeTheLastModificationFailsThePrecondition() {
            assertEquals(Status.PRECONDITION_FAILED_412,
                    get("/static/hello.txt", "If-Unmodified-Since: Tue, 30 Apr 2024 10:00:00 GMT").status());
            assertEquals(Status.OK_200, get("/static/hello.txt", "If-Unmodified-Since: " + LAST_MODIFIED).status());
        }

        @Test
        void aMatchingEntityTagIsNotModified() {
            assertNotModified(get("/static/hello.txt", "If-None-Match: " + entityTag));
        }

        @Test
        void aWeakFormOfTheEntityTagMatchesTooBecauseTheComparisonIsWeak() {
            assertNotModified(get("/static/hello.txt", "If-None-Match: W/" + entityTag));
        }

        @Test
        void theEntityTagMayBeAnyMemberOfTheList() {
            assertNotModified(get("/static/hello.txt", "If-None-Match: \"other\", \"a,b\" ," + entityTag));
            assertNotModified(get("/static/hello.txt", "If-None-Match: \"other\"", "If-None-Match: " + entityTag));
        }

        @Test
        void aStarMatchesAnyFile() {
            assertNotModified(get("/static/hello.txt", "If-None-Match: *"));
        }

        @Test
        void headIsConditionalToo() {
            assertNotModified(serve("HEAD", "/static/hello.txt", "If-None-Match: " + entityTag));
        }

        @Test
        void anOtherEntityTagGetsTheFile() throws IOException {
            Response response = get("/static/hello.txt", "If-None-Match: \"something-else\"");
            assertEquals(Status.OK_200, response.status());
            assertEquals("hello world\n", text(response));
        }

        @Test
        void aMalformedEntityTagListGetsTheFile() {
            assertEquals(Status.OK_200, get("/static/hello.txt", "If-None-Match: " + entityTag + " junk").status());
        }

        @Test
        void modifiedSinceTheLastModificationDateIsNotModified() {
            assertNotModified(get("/static/hello.txt", "If-Modified-Since: " + LAST_MODIFIED));
        }

        @Test
        void aLaterDateIsNotModified() {
            assertNotModified(get("/static/hello.txt", "If-Modified-Since: Thu, 02 May 2024 10:00:00 GMT"));
        }

        @Test
        void anObsoleteDateFormIsUnderstood() {
            assertNotModified(get("/static/hello.txt", "If-Modified-Since: Thu May  2 10:00:00 2024"));
        }

        @Test
        void anEarlierDateGetsTheFile() {
            assertEquals(Status.OK_200,
                    get("/static/hello.txt", "If-Modified-Since: Wed, 01 May 2024 09:59:59 GMT").status());
        }

        @Test
        void anInvalidDateIsIgnored() {
            assertEquals(Status.OK_200, get("/static/hello.txt", "If-Modified-Since: yesterday").status());
        }

        @Test
        void ifNoneMatchOverridesIfModifiedSince() {
            // RFC 9110 §13.1.3: If-Modified-Since is ignored when If-None-Match is present.
            Response response = get("/static/hello.txt", "If-None-Match: \"something-else\"",
                    "If-Modified-Since: " + LAST_MODIFIED);
            assertEquals(Status.OK_200, response.status());
        }

        @Test
        void aMatchingEntityTagWinsOverARange() {
            assertNotModified(get("/static/hello.txt", "If-None-Match: " + entityTag, "Range: bytes=0-1"));
        }
    }

    static Stream<Arguments> ranges() {
        return Stream.of(
            arguments("first and last", "bytes=0-4", 206, "bytes 0-4/100", 0, 5),
            arguments("open end", "bytes=95-", 206, "bytes 95-99/100", 95, 100),
            arguments("suffix", "bytes=-10", 206, "bytes 90-99/100", 90, 100),
            arguments("suffix longer than the file", "bytes=-500", 206, "bytes 0-99/100", 0, 100),
            arguments("end beyond the file is clipped", "bytes=90-500", 206, "bytes 90-99/100", 90, 100),
            arguments("unit in upper case", "BYTES=10-19", 206, "bytes 10-19/100", 10, 20),
            arguments("start at the end", "bytes=100-", 416, "bytes */100", 0, 0),
            arguments("zero suffix", "bytes=-0", 416, "bytes */100", 0, 0),
            arguments("last before first is ignored", "bytes=5-2", 200, null, 0, 100),
            arguments("garbage is ignored", "bytes=abc", 200, null, 0, 100),
            arguments("other unit is ignored", "items=0-4", 200, null, 0, 100),
            arguments("multiple ranges are ignored", "bytes=0-1,5-6", 200, null, 0, 100));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("ranges")
    void aSingleRangeIsServedAsPartialContent(String name, String range, int status, String contentRange,
                                               int from, int to) throws IOException {
        Response response = get("/static/digits.txt", "Range: " + range);
        assertEquals(status, response.status().code());
        assertEquals(contentRange, header(response, "Content-Range"));
        if (status == 416) return;
        byte[] expected = Arrays.copyOfRange(DIGITS, from, to);
        assertEquals(expected.length, response.length());
        assertArrayEquals(expected, body(response));
        assertNotNull(header(response, "ETag"));
    }

    @Nested
    class Ranges {
        @Test
        void anEmptyFileHasNoSatisfiableRange() {
            Response response = get("/static/empty.txt", "Range: bytes=0-");
            assertEquals(Status.RANGE_NOT_SATISFIABLE_416, response.status());
            assertEquals("bytes */0", header(response, "Content-Range"));
        }

        @Test
        void headIgnoresTheRange() {
            Response response = serve("HEAD", "/static/digits.txt", "Range: bytes=0-4");
            assertEquals(Status.OK_200, response.status());
            assertEquals(100, response.length());
        }

        @Test
        void twoRangeFieldsAreIgnored() {
            assertEquals(Status.OK_200, get("/static/digits.txt", "Range: bytes=0-1", "Range: bytes=2-3").status());
        }

        @Test
        void ifRangeWithTheCurrentEntityTagGetsThePart() {
            String entityTag = header(get("/static/digits.txt"), "ETag");
            Response response = get("/static/digits.txt", "Range: bytes=0-4", "If-Range: " + entityTag);
            assertEquals(Status.PARTIAL_CONTENT_206, response.status());
        }

        @Test
        void ifRangeWithAnOldEntityTagGetsTheWholeFile() {
            Response response = get("/static/digits.txt", "Range: bytes=0-4", "If-Range: \"old\"");
            assertEquals(Status.OK_200, response.status());
            assertEquals(100, response.length());
        }

        @Test
        void ifRangeWithAWeakEntityTagNeverMatches() {
            // RFC 9110 §13.1.5: If-Range compares entity-tags strongly.
            String entityTag = header(get("/static/digits.txt"), "ETag");
            Response response = get("/static/digits.txt", "Range: bytes=0-4", "If-Range: W/" + entityTag);
            assertEquals(Status.OK_200, response.status());
        }

        @Test
        void ifRangeWithTheExactLastModifiedDateGetsThePart() {
            Response response = get("/static/digits.txt", "Range: bytes=0-4", "If-Range: " + LAST_MODIFIED);
            assertEquals(Status.PARTIAL_CONTENT_206, response.status());
        }

        @Test
        void ifRangeWithAnyOtherDateGetsTheWholeFile() {
            Response response = get("/static/digits.txt", "Range: bytes=0-4",
                    "If-Range: Thu, 02 May 2024 10:00:00 GMT");
            assertEquals(Status.OK_200, response.status());
        }

        @Test
        void ifRangeThatIsNeitherTagNorDateGetsTheWholeFile() {
            assertEquals(Status.OK_200, get("/static/digits.txt", "Range: bytes=0-4", "If-Range: soon").status());
        }
    }

    @Nested
    class Streaming {
        @Test
        void aFileOfSeveralCopyBuffersIsSentByteForByte() throws IOException {
            byte[] content = new byte[COPY_BUFFER_BYTES * 5 + 123];
            new Random(42).nextBytes(content);
            Files.write(root.resolve("random.bin"), content);
            assertArrayEquals(content, body(get("/static/random.bin")));
        }

        @Test
        void aRangeAcrossCopyBufferBoundariesSendsExactlyThatPart() throws IOException {
            byte[] content = new byte[COPY_BUFFER_BYTES * 3];
            new Random(7).nextBytes(content);
            Files.write(root.resolve("random.bin"), content);
            int first = COPY_BUFFER_BYTES - 10;
            int last = COPY_BUFFER_BYTES * 2 + 10;
            Response response = get("/static/random.bin", "Range: bytes=" + first + "-" + last);
            assertArrayEquals(Arrays.copyOfRange(content, first, last + 1), body(response));
        }

        @Test
        void aFiftyMebibyteFileIsAFileBodyNotBytesInMemory() throws IOException {
            long size = 50L * 1024 * 1024;
            try (RandomAccessFile file = new RandomAccessFile(root.resolve("large.bin").toFile(), "rw")) {
                file.setLength(size); // sparse where the file system allows
                file.seek(size - 4);
                file.write(new byte[] {'t', 'a', 'i', 'l'});
            }
            Response response = get("/static/large.bin");
            assertEquals(size, response.length());
            assertEquals(new Response.FileRegion(root.resolve("large.bin").toRealPath(), 0, size), response.file());
            CountingOutputStream counted = new CountingOutputStream();
            response.writeBody(counted);
            assertEquals(size, counted.count);
            assertArrayEquals(new byte[] {'t', 'a', 'i', 'l'}, counted.lastBytes());
        }

        @Test
        void aLargeFileIsOpenedOnlyWhenTheBodyIsWritten() throws IOException {
            Response response = get("/static/digits.txt");
            Files.writeString(root.resolve("digits.txt"), "9876543210".repeat(10));
            assertEquals("9876543210".repeat(10), text(response));
        }

        @Test
        void aSmallFileIsSentAsItWasWhenItsValidatorsWereTaken() throws IOException {
            Response response = get("/static/hello.txt");
            Files.writeString(root.resolve("hello.txt"), "HELLO WORLD\n");
            assertEquals("hello world\n", text(response));
        }

        @Test
        void anEditedSmallFileIsSeenAtTheNextRequest() throws IOException {
            assertEquals("hello world\n", text(get("/static/hello.txt")));
            Files.writeString(root.resolve("hello.txt"), "hello, edited\n");
            Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.from(MODIFIED.plusSeconds(1)));
            assertEquals("hello, edited\n", text(get("/static/hello.txt")));
        }

        @Test
        void aSameSizeEditWithANewTimeIsSeenToo() throws IOException {
            assertEquals("hello world\n", text(get("/static/hello.txt")));
            Files.writeString(root.resolve("hello.txt"), "HELLO WORLD\n");
            Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.from(MODIFIED.plusSeconds(2)));
            assertEquals("HELLO WORLD\n", text(get("/static/hello.txt")));
        }

        @Test
        void headReadsNoContent() throws IOException {
            Response response = serve("HEAD", "/static/hello.txt");
            assertEquals(12, response.length());
            assertNull(response.shared(), "HEAD needs the length, not the bytes");
        }

        @Test
        void aFileThatShrankMeanwhileFailsTheWrite() throws IOException {
            Response response = get("/static/digits.txt");
            try (FileChannel channel = FileChannel.open(root.resolve("digits.txt"), StandardOpenOption.WRITE)) {
                channel.truncate(50);
            }
            assertThrows(IOException.class, () -> body(response));
        }

        @Test
        void aFileRemovedMeanwhileFailsTheWrite() throws IOException {
            Response response = get("/static/digits.txt");
            Files.delete(root.resolve("digits.txt"));
            assertThrows(IOException.class, () -> body(response));
        }

        @Test
        void aFileThatGrewMeanwhileSendsOnlyThePromisedLength() throws IOException {
            Response response = get("/static/digits.txt");
            Files.writeString(root.resolve("digits.txt"), "0123456789".repeat(10) + "and more\n");
            assertEquals("0123456789".repeat(10), text(response));
        }
    }

    /** Counts what is written and keeps the last few bytes, holding nothing else. */
    private static final class CountingOutputStream extends OutputStream {
        private final byte[] tail = new byte[4];
        long count;

        @Override
        public void write(int b) {
            tail[(int) (count % tail.length)] = (byte) b;
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int i = Math.max(0, length - tail.length); i < length; i++) {
                tail[(int) ((count + i) % tail.length)] = bytes[offset + i];
            }
            count += length;
        }

        byte[] lastBytes() {
            byte[] last = new byte[tail.length];
            for (int i = 0; i < tail.length; i++) last[i] = tail[(int) ((count + i) % tail.length)];
            return last;
        }
    }
}
