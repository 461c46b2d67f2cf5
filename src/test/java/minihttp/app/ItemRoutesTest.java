package minihttp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import minihttp.http.Handler;
import minihttp.http.Request;
import minihttp.http.Response;
import minihttp.http.Status;
import minihttp.store.Item;
import minihttp.store.ItemCursor;
import minihttp.store.ItemStore;
import minihttp.store.StoreException;
import minihttp.store.VersionCheck;
import org.junit.jupiter.api.Test;

/**
 * What the item routes do when the database fails. The store here is a stand-in that fails on
 * demand, since a real database cannot be made to fail on cue; every other behaviour of /data is
 * specified in features/data.feature against the real H2 store.
 */
class ItemRoutesTest {

    /** Fails every call while {@code down} is set, else acts as an empty store. */
    private static final class FlakyStore implements ItemStore {
        boolean down = true;
        /** When not negative, a list gives this many items and then fails. */
        int listFailsAfter = -1;
        boolean cursorClosed;

        private void check() {
            if (down) throw new StoreException("connection refused");
        }

        @Override
        public Item create(String json) {
            check();
            return new Item(1, 1, json);
        }

        @Override
        public Optional<Item> find(long id) {
            check();
            return Optional.empty();
        }

        @Override
        public ItemCursor openList(long afterId, long limit) {
            check();
            return new ItemCursor() {
                private int given;

                @Override
                public Item next() {
                    if (listFailsAfter < 0) return null;
                    if (given == listFailsAfter) throw new StoreException("connection lost");
                    given++;
                    return new Item(given, 1, "{}");
                }

                @Override
                public void close() {
                    cursorClosed = true;
                }
            };
        }

        @Override
        public Written replace(long id, String json, VersionCheck check) {
            check();
            return new Written(Written.Outcome.NOT_FOUND, null);
        }

        @Override
        public Written delete(long id, VersionCheck check) {
            check();
            return new Written(Written.Outcome.NOT_FOUND, null);
        }

        @Override
        public void ping() {
            check();
        }
    }

    private final FlakyStore store = new FlakyStore();
    private final Handler router = Application.create(store, new StaticFiles(Path.of("static")));

    private Response handle(String method, String target, String body) {
        Request request = StaticFilesTest.request(method, target, "Content-Type: application/json")
                .withBody(body.getBytes(StandardCharsets.UTF_8));
        return router.handle(request);
    }

    /** The status a request gets, and whether answering it made the body be read. */
    private record Answer(Status status, boolean bodyRead) {
    }

    private Answer answerWithoutBody(String method, String target, String... fields) {
        boolean[] read = {false};
        Request request = StaticFilesTest.request(method, target, fields).withBodySource(() -> {
            read[0] = true;
            return "{}".getBytes(StandardCharsets.UTF_8);
        });
        return new Answer(router.handle(request).status(), read[0]);
    }

    @Test
    void refusalsFromTheHeadAloneNeverReadTheBodyNorTouchTheStore() {
        store.down = true; // any store call would turn the answer into 503
        assertEquals(new Answer(Status.UNSUPPORTED_MEDIA_TYPE_415, false),
                answerWithoutBody("POST", "/data", "Content-Type: text/plain"));
        assertEquals(new Answer(Status.NOT_FOUND_404, false),
                answerWithoutBody("PUT", "/data/abc", "Content-Type: application/json"));
        assertEquals(new Answer(Status.NOT_FOUND_404, false), answerWithoutBody("POST", "/nowhere"));
        assertEquals(new Answer(Status.METHOD_NOT_ALLOWED_405, false), answerWithoutBody("POST", "/echo"));
    }

    @Test
    void theBodyIsReadWhenTheRouteGetsToIt() {
        store.down = false;
        assertEquals(new Answer(Status.CREATED_201, true),
                answerWithoutBody("POST", "/data", "Content-Type: application/json; charset=utf-8"));
    }

    @Test
    void onlyTheRoutesThatNeverBlockAreAnsweredOnTheIoThread() {
        assertFalse(router.mayBlock(StaticFilesTest.request("GET", "/")));
        assertFalse(router.mayBlock(StaticFilesTest.request("GET", "/echo?message=x")));
        assertFalse(router.mayBlock(StaticFilesTest.request("GET", "/nowhere")));
        assertFalse(router.mayBlock(StaticFilesTest.request("OPTIONS", "/data")));
        assertTrue(router.mayBlock(StaticFilesTest.request("GET", "/data")));
        assertTrue(router.mayBlock(StaticFilesTest.request("GET", "/data/1")));
        assertTrue(router.mayBlock(StaticFilesTest.request("DELETE", "/data/1")));
    }

    @Test
    void aDatabaseFailureIsA503WithAJsonErrorAndTheNextRequestIsServed() {
        for (String[] call : new String[][] {{"POST", "/data", "{}"}, {"GET", "/data/1", ""},
                {"PUT", "/data/1", "{}"}, {"DELETE", "/data/1", ""}, {"GET", "/data", ""}, {"HEAD", "/data", ""},
                {"GET", "/health", ""}, {"HEAD", "/health", ""}}) {
            Response response = handle(call[0], call[1], call[2]);
            assertEquals(Status.SERVICE_UNAVAILABLE_503, response.status(), call[0] + " " + call[1]);
            String body = new String(response.content(), StandardCharsets.UTF_8);
            assertTrue(body.startsWith("{\"error\":") && !body.contains("connection refused"), body);
            assertEquals("1", response.headers().first("Retry-After"));
        }
        store.down = false;
        assertEquals(Status.CREATED_201, handle("POST", "/data", "{}").status());
        assertEquals(Status.OK_200, handle("GET", "/health", "").status());
    }

    @Test
    void theListIsA503BeforeAnyOfItIsPromisedWhenTheDatabaseCannotOpenIt() {
        // A streamed 200 would commit the status before the database is asked.
        Response response = handle("GET", "/data?limit=5", "");
        assertEquals(Status.SERVICE_UNAVAILABLE_503, response.status());
        assertFalse(response.isStreamed());
    }

    @Test
    void aDatabaseThatFailsDuringTheListCutsTheAnswerShortAsAnIoFailureNotABug() {
        store.down = false;
        store.listFailsAfter = 2;
        Response response = handle("GET", "/data", "");
        assertEquals(Status.OK_200, response.status());
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        // An IOException is what the connection takes for a routine end: it closes without a stack trace at ERROR.
        IOException cutShort = assertThrows(IOException.class, () -> response.writeBody(sent));
        assertInstanceOf(StoreException.class, cutShort.getCause());
        assertEquals("[{\"id\":1},{\"id\":2}", sent.toString(StandardCharsets.UTF_8));
        assertTrue(store.cursorClosed);
    }

    @Test
    void aBadPagingParameterIsA400WithTheParameterNamed() {
        store.down = false;
        Response response = handle("GET", "/data?limit=-1", "");
        assertEquals(Status.BAD_REQUEST_400, response.status());
        assertTrue(new String(response.content(), StandardCharsets.UTF_8).contains("limit"));
    }
}
