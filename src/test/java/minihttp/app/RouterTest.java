package minihttp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import minihttp.http.Response;
import minihttp.http.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which route a request reaches and what the router answers by itself (404, 405, 501, OPTIONS),
 * without a socket. Each route here answers with its own name and what it captured, so a test
 * reads which one ran.
 */
class RouterTest {

    /** A route that answers 200 with "name single rest", e.g. "item {id=7} []". */
    private static Router.Route named(String name) {
        return (request, parameters) ->
                Response.text(Status.OK_200, name + " " + parameters.single() + " " + parameters.rest());
    }

    private static Response answer(Router router, String method, String target) {
        return router.handle(StaticFilesTest.request(method, target));
    }

    private static String body(Response response) {
        assertEquals(Status.OK_200, response.status(), "a route should have run");
        return new String(response.content(), StandardCharsets.UTF_8);
    }

    private static String ran(Router router, String method, String target) {
        return body(answer(router, method, target));
    }

    /** The same table added in both orders: precedence must not depend on it. */
    private static List<Router> bothOrders(UnaryOperator<Router> first, UnaryOperator<Router> second) {
        return List.of(second.apply(first.apply(new Router())), first.apply(second.apply(new Router())));
    }

    @Test
    void aLiteralSegmentBeatsAParameterWhicheverWasAddedFirst() {
        for (Router router : bothOrders(r -> r.route("GET", "/data/{id}", named("item")),
                r -> r.route("GET", "/data/export", named("export")))) {
            assertEquals("export {} []", ran(router, "GET", "/data/export"));
            assertEquals("item {id=7} []", ran(router, "GET", "/data/7"));
        }
    }

    @Test
    void aParameterBeatsTrailingSegmentsWhicheverWasAddedFirst() {
        for (Router router : bothOrders(r -> r.route("GET", "/files/{path...}", named("tree")),
                r -> r.route("GET", "/files/{name}", named("file")))) {
            assertEquals("file {name=a.txt} []", ran(router, "GET", "/files/a.txt"));
            assertEquals("tree {} [a, b.txt]", ran(router, "GET", "/files/a/b.txt"));
        }
    }

    @Test
    void theLeftmostSegmentThatDiffersDecides() {
        for (Router router : bothOrders(r -> r.route("GET", "/{kind}/latest", named("latest")),
                r -> r.route("GET", "/users/{id}", named("user")))) {
            assertEquals("user {id=latest} []", ran(router, "GET", "/users/latest"));
            assertEquals("latest {kind=posts} []", ran(router, "GET", "/posts/latest"));
        }
    }

    @Test
    void aLiteralThatFailsFurtherRightGivesWayToTheParameter() {
        Router router = new Router()
                .route("GET", "/users/me/settings", named("settings"))
                .route("GET", "/users/{id}/posts", named("posts"));
        assertEquals("posts {id=me} []", ran(router, "GET", "/users/me/posts"));
        assertEquals("settings {} []", ran(router, "GET", "/users/me/settings"));
    }

    @Test
    void trailingSegmentsNeedAtLeastOneSegment() {
        Router router = new Router().route("GET", "/static/{path...}", named("file"));
        assertEquals("file {} [css, site.css]", ran(router, "GET", "/static/css/site.css"));
        assertEquals(Status.NOT_FOUND_404, answer(router, "GET", "/static").status());
    }

    @Test
    void theRootIsARouteOfItsOwn() {
        Router router = new Router().route("GET", "/", named("root")).route("GET", "/{page}", named("page"));
        assertEquals("root {} []", ran(router, "GET", "/"));
        assertEquals("page {page=about} []", ran(router, "GET", "/about"));
    }

    @Test
    void aPathNoPatternMatchesIs404() {
        Router router = new Router().route("GET", "/data/{id}", named("item"));
        assertEquals(Status.NOT_FOUND_404, answer(router, "GET", "/data/7/extra").status());
        assertEquals(Status.NOT_FOUND_404, answer(router, "GET", "/other").status());
    }

    /** The path's most specific pattern decides even when a less specific one takes the method. */
    @Test
    void aMethodTheMostSpecificPatternDoesNotTakeIs405WithItsAllow() {
        for (Router router : bothOrders(r -> r.route("PUT", "/data/{id}", named("replace")),
                r -> r.route("GET", "/data/export", named("export")))) {
            Response response = answer(router, "PUT", "/data/export");
            assertEquals(Status.METHOD_NOT_ALLOWED_405, response.status());
            assertEquals("GET, HEAD, OPTIONS", response.headers().first("Allow"));
            assertEquals("replace {id=7} []", ran(router, "PUT", "/data/7"));
        }
    }

    @Test
    void allowListsThePathsMethodsInTheUsualOrderThenOthersAlphabetically() {
        Router router = new Router()
                .route("PATCH", "/data/{id}", named("patch"))
                .route("DELETE", "/data/{id}", named("delete"))
                .route("TRACE", "/data/{id}", named("trace"))
                .route("GET", "/data/{id}", named("get"))
                .route("POST", "/data", named("create"));
        Response response = answer(router, "PUT", "/data/7");
        assertEquals(Status.METHOD_NOT_ALLOWED_405, response.status());
        assertEquals("GET, HEAD, DELETE, OPTIONS, PATCH, TRACE", response.headers().first("Allow"));
        assertEquals("POST, OPTIONS", answer(router, "GET", "/data").headers().first("Allow"));
    }

    @ParameterizedTest(name = "OPTIONS {0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /           | GET, HEAD, OPTIONS
            /data       | GET, HEAD, POST, OPTIONS
            /data/7     | GET, HEAD, PUT, DELETE, OPTIONS
            /data/export| GET, HEAD, OPTIONS
            /upload     | POST, OPTIONS
            """)
    void aPreflightAllowsExactlyThePathsMethods(String path, String methods) {
        Router router = new Router()
                .route("GET", "/", named("root"))
                .route("POST", "/data", named("create"))
                .route("GET", "/data", named("list"))
                .route("GET", "/data/{id}", named("get"))
                .route("PUT", "/data/{id}", named("replace"))
                .route("DELETE", "/data/{id}", named("delete"))
                .route("GET", "/data/export", named("export"))
                .route("POST", "/upload", named("upload"));
        Response response = answer(router, "OPTIONS", path);
        assertEquals(Status.NO_CONTENT_204, response.status());
        assertEquals(methods, response.headers().first("Allow"));
        assertEquals(methods, response.headers().first("Access-Control-Allow-Methods"));
    }

    @Test
    void optionsAsteriskAllowsEveryMethodInTheTable() {
        Router router = new Router()
                .route("DELETE", "/data/{id}", named("delete"))
                .route("PATCH", "/data/{id}", named("patch"))
                .route("GET", "/", named("root"));
        Response response = answer(router, "OPTIONS", "*");
        assertEquals(Status.NO_CONTENT_204, response.status());
        assertEquals("GET, HEAD, DELETE, OPTIONS, PATCH", response.headers().first("Allow"));
        assertEquals("GET, HEAD, DELETE, OPTIONS, PATCH", response.headers().first("Access-Control-Allow-Methods"));
    }

    @Test
    void optionsAsteriskOnAnEmptyTableAllowsOnlyOptions() {
        assertEquals("OPTIONS", answer(new Router(), "OPTIONS", "*").headers().first("Allow"));
    }

    @Test
    void aPreflightForAPathWithNoRouteIs404() {
        Router router = new Router().route("GET", "/data", named("list"));
        Response response = answer(router, "OPTIONS", "/nowhere");
        assertEquals(Status.NOT_FOUND_404, response.status());
        assertNull(response.headers().first("Access-Control-Allow-Methods"));
    }

    @Test
    void headRunsTheGetRouteUnlessThePatternHasItsOwn() {
        Router router = new Router()
                .route("GET", "/a", named("get a"))
                .route("GET", "/b", named("get b"))
                .route("HEAD", "/b", named("head b"));
        assertEquals("get a {} []", ran(router, "HEAD", "/a"));
        assertEquals("head b {} []", ran(router, "HEAD", "/b"));
    }

    @Test
    void headWithoutGetIs405() {
        Router router = new Router().route("POST", "/upload", named("upload"));
        assertEquals(Status.METHOD_NOT_ALLOWED_405, answer(router, "HEAD", "/upload").status());
    }

    @ParameterizedTest(name = "BREW {0} → 501")
    @CsvSource({"/data", "/nowhere"})
    void aMethodTheServerDoesNotKnowIs501WhateverThePath(String path) {
        Router router = new Router().route("GET", "/data", named("list"));
        assertEquals(Status.NOT_IMPLEMENTED_501, answer(router, "BREW", path).status());
    }

    @Test
    void onlyRoutesThatMayBlockLeaveTheIoThread() {
        Router router = new Router()
                .route("GET", "/data/{id}", named("item"))
                .nonBlocking("GET", "/data/export", named("export"));
        assertTrue(router.mayBlock(StaticFilesTest.request("GET", "/data/7")));
        assertTrue(router.mayBlock(StaticFilesTest.request("HEAD", "/data/7")));
        assertFalse(router.mayBlock(StaticFilesTest.request("GET", "/data/export")));
        assertFalse(router.mayBlock(StaticFilesTest.request("PUT", "/data/7")), "405");
        assertFalse(router.mayBlock(StaticFilesTest.request("GET", "/nowhere")), "404");
        assertFalse(router.mayBlock(StaticFilesTest.request("OPTIONS", "/data/7")), "preflight");
        assertFalse(router.mayBlock(StaticFilesTest.request("OPTIONS", "*")), "server-wide OPTIONS");
        assertFalse(router.mayBlock(StaticFilesTest.request("BREW", "/data/7")), "501");
    }

    @Test
    void patternsThatMatchTheSamePathsUnderOtherNamesAreRefused() {
        Router router = new Router().route("GET", "/data/{id}", named("item"))
                .route("GET", "/files/{path...}", named("tree"));
        assertThrows(IllegalArgumentException.class, () -> router.route("PUT", "/data/{key}", named("other")));
        assertThrows(IllegalArgumentException.class, () -> router.route("PUT", "/files/{rest...}", named("other")));
    }

    @Test
    void theSamePatternTakesOneRoutePerMethod() {
        Router router = new Router().route("GET", "/data/{id}", named("get")).route("PUT", "/data/{id}", named("put"));
        assertEquals("put {id=7} []", ran(router, "PUT", "/data/7"));
        assertEquals("get {id=7} []", ran(router, "GET", "/data/7"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "OPTIONS, /data",          // the router answers OPTIONS from the table
        "BREW,    /data",          // answered 501 before routing, so it could never run
        "GET,     data",           // no leading slash
        "GET,     /files/{path...}/x", // trailing segments must come last
    })
    void routesThatCouldNeverRunAreRefusedWhenAdded(String method, String pattern) {
        assertThrows(IllegalArgumentException.class, () -> new Router().route(method, pattern, named("x")));
    }

    @Test
    void capturedValuesAreDecodedSegments() {
        Router router = new Router().route("GET", "/data/{id}", named("item"));
        assertEquals("item {id=a/b} []", ran(router, "GET", "/data/a%2Fb"));
    }
}
