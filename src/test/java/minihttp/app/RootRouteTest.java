package minihttp.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import minihttp.http.Request;
import minihttp.http.Response;
import minihttp.http.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET / through {@link BasicRoutes#root}, with a static folder of the test's own. */
class RootRouteTest {
    private static final String[] BROWSERS = {AcceptHeaderTest.CHROME, AcceptHeaderTest.FIREFOX};

    @TempDir
    Path temp;
    Path root;
    StaticFiles staticFiles;

    @BeforeEach
    void createFolder() throws IOException {
        root = Files.createDirectory(temp.resolve("static"));
        staticFiles = new StaticFiles(root);
    }

    private Response get(String... headerLines) {
        Request request = StaticFilesTest.request("GET", "/", headerLines);
        return BasicRoutes.root(request, staticFiles);
    }

    private void writeConsole() throws IOException {
        Files.writeString(root.resolve("index.html"), "<!doctype html><title>console</title>");
    }

    private static void assertWelcome(Response response) throws IOException {
        assertEquals(Status.OK_200, response.status());
        assertEquals("text/plain; charset=utf-8", response.headers().first("Content-Type"));
        assertEquals("Accept", response.headers().first("Vary"));
        assertNull(response.headers().first("Location"));
        assertArrayEquals("Welcome to minihttp!\n".getBytes(StandardCharsets.UTF_8), StaticFilesTest.body(response));
    }

    @Test
    void aBrowserIsSentToTheConsole() throws IOException {
        writeConsole();
        for (String accept : BROWSERS) {
            Response response = get("Accept: " + accept);
            assertEquals(Status.FOUND_302, response.status());
            assertEquals("/static/index.html", response.headers().first("Location"));
            assertEquals("Accept", response.headers().first("Vary"));
            assertEquals("text/html; charset=utf-8", response.headers().first("Content-Type"));
            assertTrue(StaticFilesTest.text(response).contains("<a href=\"/static/index.html\">"));
        }
    }

    /** Preferences that name text/plain, not text/html, still count: html gets the text/* quality. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/*, text/plain;q=0.5", "*/*, TEXT/PLAIN;q=0"})
    void aClientThatLikesPlainTextLessThanTheRestIsSentThereToo(String accept) throws IOException {
        writeConsole();
        assertEquals(Status.FOUND_302, get("Accept: " + accept).status());
    }

    @Test
    void aClientThatPrefersHtmlBySeveralFieldsIsSentThereToo() throws IOException {
        writeConsole();
        assertEquals(Status.FOUND_302, get("Accept: text/plain;q=0.5", "Accept: text/html").status());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"*/*", "application/json, */*;q=0.5", "text/plain, text/html;q=0.5", "text/html;q=0",
            "text/html, text/plain", "application/json", "text/html;q=oops, */*"})
    void aClientWithoutAPreferenceForHtmlGetsTheWelcome(String accept) throws IOException {
        writeConsole();
        assertWelcome(get("Accept: " + accept));
    }

    @Test
    void aClientWithoutAcceptGetsTheWelcome() throws IOException {
        writeConsole();
        assertWelcome(get());
    }

    @Test
    void withoutAConsoleABrowserGetsTheWelcome() throws IOException {
        assertWelcome(get("Accept: " + AcceptHeaderTest.CHROME));
    }

    @Test
    void withoutAStaticFolderABrowserGetsTheWelcome() throws IOException {
        Files.delete(root);
        assertWelcome(get("Accept: " + AcceptHeaderTest.CHROME));
    }

    @Test
    void aFolderNamedIndexHtmlIsNoConsole() throws IOException {
        Files.createDirectory(root.resolve("index.html"));
        assertWelcome(get("Accept: " + AcceptHeaderTest.FIREFOX));
    }

    /** The static route would refuse it (it leads out of the folder), so it is no console either. */
    @Test
    void aConsoleLinkedFromOutsideTheFolderIsNoConsole() throws IOException {
        Path outside = Files.writeString(temp.resolve("index.html"), "<!doctype html><title>elsewhere</title>");
        try {
            Files.createSymbolicLink(root.resolve("index.html"), outside);
        } catch (UnsupportedOperationException | IOException | SecurityException e) {
            assumeTrue(false, "symbolic links are not supported here");
        }
        assertWelcome(get("Accept: " + AcceptHeaderTest.FIREFOX));
    }

    @Test
    void aConsoleAddedWhileTheServerRunsIsFoundOnTheNextRequest() throws IOException {
        assertWelcome(get("Accept: " + AcceptHeaderTest.CHROME));
        writeConsole();
        assertEquals(Status.FOUND_302, get("Accept: " + AcceptHeaderTest.CHROME).status());
        Files.delete(root.resolve("index.html"));
        assertWelcome(get("Accept: " + AcceptHeaderTest.CHROME));
    }
}
