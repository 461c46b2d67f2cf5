package minihttp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import minihttp.http.Handler;
import minihttp.http.Request;
import minihttp.http.Response;
import minihttp.http.Status;
import minihttp.store.Item;
import minihttp.store.ItemCursor;
import minihttp.store.ItemStore;
import minihttp.store.VersionCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who gets past the write token, and what the others are answered, without a socket. The
 * application behind it here is a stand-in that records what reached it; timing cannot be
 * tested, so the constant-time comparison is checked only for its answers.
 */
class WriteTokenTest {
    private static final String TOKEN = "s3cr3t-t0ken-0123456789";
    private static final String OPEN_PATH = "/health";

    /** Answers 200 "passed" and records each request it was given; every route may block. */
    private static final class Behind implements Handler {
        final List<String> handled = new ArrayList<>();

        @Override
        public Response handle(Request request) {
            handled.add(request.method() + " " + request.target());
            return Response.text(Status.OK_200, "passed");
        }
    }

    private final Behind behind = new Behind();

    private Handler guarded(boolean protectReads) {
        return new WriteToken(TOKEN, protectReads).guard(behind, OPEN_PATH);
    }

    /** The answer, and whether giving it read the body. */
    private record Answer(Response response, boolean bodyRead) {
        Status status() {
            return response.status();
        }

        String challenge() {
            return response.headers().first("WWW-Authenticate");
        }

        String body() {
            return new String(response.content(), StandardCharsets.UTF_8);
        }
    }

    private static Answer answer(Handler handler, String method, String target, String... fields) {
        boolean[] read = {false};
        Request request = StaticFilesTest.request(method, target, fields).withBodySource(() -> {
            read[0] = true;
            return "{}".getBytes(StandardCharsets.UTF_8);
        });
        return new Answer(handler.handle(request), read[0]);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST /data", "PUT /data/1", "DELETE /data/1", "PATCH /data/1"})
    void aWriteWithTheTokenReachesTheApplication(String request) {
        String[] methodAndTarget = request.split(" ");
        Answer answer = answer(guarded(false), methodAndTarget[0], methodAndTarget[1], "Authorization: Bearer " + TOKEN);
        assertEquals(Status.OK_200, answer.status());
        assertEquals(List.of(request), behind.handled);
    }

    /** RFC 9110 §11.1: the scheme is case-insensitive; RFC 6750 §2.1: one or more spaces after it. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bearer " + TOKEN, "BEARER " + TOKEN, "bEaReR " + TOKEN, "Bearer   " + TOKEN})
    void theSchemeIsReadInAnyCase(String credentials) {
        assertEquals(Status.OK_200, answer(guarded(false), "POST", "/data", "Authorization: " + credentials).status());
    }

    static Stream<Arguments> refusals() {
        String noError = WriteToken.CHALLENGE;
        String invalid = WriteToken.CHALLENGE_INVALID;
        return Stream.of(
            arguments("no Authorization field", List.of(), noError),
            arguments("Basic credentials", List.of("Authorization: Basic dXNlcjpwYXNz"), noError),
            arguments("the token without a scheme", List.of("Authorization: " + TOKEN), noError),
            arguments("a scheme that only starts like Bearer", List.of("Authorization: BearerX " + TOKEN), noError),
            arguments("Bearer with a tab for the space", List.of("Authorization: Bearer\t" + TOKEN), noError),
            arguments("Bearer without a token", List.of("Authorization: Bearer"), invalid),
            arguments("a wrong token", List.of("Authorization: Bearer wrong-token-0123456789"), invalid),
            arguments("the token's prefix", List.of("Authorization: Bearer " + TOKEN.substring(0, 10)), invalid),
            arguments("the token and more", List.of("Authorization: Bearer " + TOKEN + "0"), invalid),
            arguments("the token in another case", List.of("Authorization: Bearer " + TOKEN.toUpperCase()), invalid),
            arguments("the token and a second word", List.of("Authorization: Bearer " + TOKEN + " " + TOKEN), invalid),
            arguments("the token quoted", List.of("Authorization: Bearer \"" + TOKEN + "\""), invalid),
            arguments("the token as an auth-param", List.of("Authorization: Bearer token=" + TOKEN), invalid),
            // Intermediaries may disagree on which of two fields counts, so neither does.
            arguments("the token twice", List.of("Authorization: Bearer " + TOKEN, "Authorization: Bearer " + TOKEN),
                    invalid),
            arguments("the token after Basic", List.of("Authorization: Basic dXNlcjpwYXNz",
                    "Authorization: Bearer " + TOKEN), invalid));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aWriteWithoutTheTokenIs401BeforeTheBodyIsRead(String name, List<String> fields, String challenge) {
        Answer answer = answer(guarded(false), "POST", "/data", fields.toArray(String[]::new));

        assertEquals(Status.UNAUTHORIZED_401, answer.status());
        assertEquals(challenge, answer.challenge());
        assertTrue(answer.body().startsWith("{\"error\":"), answer.body());
        assertFalse(answer.bodyRead(), "the body was read");
        assertEquals(List.of(), behind.handled, "the application ran");
    }

    @Test
    void theChallengeNamesTheRealmAndTheErrorOnlyWhenATokenWasSent() {
        assertEquals("Bearer realm=\"minihttp\"", WriteToken.CHALLENGE);
        assertEquals("Bearer realm=\"minihttp\", error=\"invalid_token\"", WriteToken.CHALLENGE_INVALID);
    }

    @Test
    void theRefusalShowsNeitherTheTokenNorWhatWasSent() {
        Answer missing = answer(guarded(false), "DELETE", "/data/1");
        Answer wrong = answer(guarded(false), "DELETE", "/data/1", "Authorization: Bearer guess-" + TOKEN);
        for (Answer answer : List.of(missing, wrong)) {
            assertFalse(answer.body().contains(TOKEN) || answer.body().contains("guess"), answer.body());
            answer.response().headers().forEach((name, value) -> assertFalse(value.contains(TOKEN), name + ": " + value));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /data", "HEAD /data/1", "GET /", "GET /static/hello.txt", "GET /health"})
    void readsNeedNoTokenUnlessProtected(String request) {
        String[] methodAndTarget = request.split(" ");
        assertEquals(Status.OK_200, answer(guarded(false), methodAndTarget[0], methodAndTarget[1]).status());
        assertEquals(List.of(request), behind.handled);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /data", "HEAD /data/1", "GET /", "GET /echo?message=hi", "GET /static/hello.txt",
            "GET /nowhere", "GET /health/more"})
    void protectedReadsNeedTheToken(String request) {
        String[] methodAndTarget = request.split(" ");
        Answer without = answer(guarded(true), methodAndTarget[0], methodAndTarget[1]);
        assertEquals(Status.UNAUTHORIZED_401, without.status());
        assertEquals(WriteToken.CHALLENGE, without.challenge());
        Answer with = answer(guarded(true), methodAndTarget[0], methodAndTarget[1], "Authorization: Bearer " + TOKEN);
        assertEquals(Status.OK_200, with.status());
        assertEquals(List.of(request), behind.handled);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /health", "HEAD /health", "GET /health?verbose=1"})
    void theHealthCheckStaysOpenWhenReadsAreProtected(String request) {
        String[] methodAndTarget = request.split(" ");
        assertEquals(Status.OK_200, answer(guarded(true), methodAndTarget[0], methodAndTarget[1]).status());
    }

    @Test
    void theHealthCheckIsStillAWriteForOtherMethods() {
        assertEquals(Status.UNAUTHORIZED_401, answer(guarded(true), "POST", "/health").status());
    }

    @ParameterizedTest(name = "protect reads: {0}")
    @ValueSource(booleans = {false, true})
    void aPreflightNeverNeedsTheToken(boolean protectReads) {
        Handler handler = guarded(protectReads);
        assertEquals(Status.OK_200, answer(handler, "OPTIONS", "/data/1", "Origin: https://app.example",
                "Access-Control-Request-Method: PUT", "Access-Control-Request-Headers: authorization").status());
        assertEquals(Status.OK_200, answer(handler, "OPTIONS", "*").status());
    }

    @Test
    void aRefusalIsAnsweredWithoutAWorkerAndAnAllowedRequestAsItsRouteSays() {
        Handler handler = guarded(false);
        assertFalse(handler.mayBlock(StaticFilesTest.request("POST", "/data")));
        assertFalse(handler.mayBlock(StaticFilesTest.request("PUT", "/data/1", "Authorization: Bearer wrong")));
        assertTrue(handler.mayBlock(StaticFilesTest.request("POST", "/data", "Authorization: Bearer " + TOKEN)));
        assertTrue(handler.mayBlock(StaticFilesTest.request("GET", "/data")));

        Handler neverBlocks = new WriteToken(TOKEN, false).guard(new Handler() {
            @Override
            public Response handle(Request request) {
                return Response.empty(Status.NO_CONTENT_204);
            }

            @Override
            public boolean mayBlock(Request head) {
                return false;
            }
        }, OPEN_PATH);
        assertFalse(neverBlocks.mayBlock(StaticFilesTest.request("POST", "/data", "Authorization: Bearer " + TOKEN)));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "two words", "tab\there", "line\nbreak", "caf\u00e9"})
    void aTokenIsPrintableAsciiWithoutWhitespace(String token) {
        assertThrows(IllegalArgumentException.class, () -> new WriteToken(token, false));
    }

    @Test
    void itsDescriptionDoesNotShowTheToken() {
        assertFalse(new WriteToken(TOKEN, true).toString().contains(TOKEN));
    }

    /** A store that fails the test if touched: the token must stop a request before the route runs. */
    private static final class UntouchableStore implements ItemStore {
        private static AssertionError touched() {
            return new AssertionError("the store was used");
        }

        @Override
        public Item create(String json) {
            throw touched();
        }

        @Override
        public Optional<Item> find(long id) {
            throw touched();
        }

        @Override
        public ItemCursor openList(long afterId, long limit) {
            throw touched();
        }

        @Override
        public Written replace(long id, String json, VersionCheck check) {
            throw touched();
        }

        @Override
        public Written delete(long id, VersionCheck check) {
            throw touched();
        }

        @Override
        public void ping() {
        }
    }

    @Test
    void theApplicationIsBehindTheTokenWithTheHealthCheckOpen() {
        Handler application = Application.create(new UntouchableStore(), new StaticFiles(Path.of("static")),
                Optional.of(new WriteToken(TOKEN, true)));

        Answer post = answer(application, "POST", "/data", "Content-Type: application/json", "Expect: 100-continue");
        assertEquals(Status.UNAUTHORIZED_401, post.status());
        assertFalse(post.bodyRead());
        assertEquals(Status.UNAUTHORIZED_401, answer(application, "GET", "/data/1").status());
        assertEquals(Status.OK_200, answer(application, "GET", "/health").status());
        assertEquals(Status.NO_CONTENT_204, answer(application, "OPTIONS", "/data").status());
        assertFalse(application.mayBlock(StaticFilesTest.request("DELETE", "/data/1")));
    }

    @Test
    void withoutATokenTheApplicationIsNotWrapped() {
        Handler open = Application.create(new UntouchableStore(), new StaticFiles(Path.of("static")), Optional.empty());
        assertEquals(ErrorPolicy.class, open.getClass());
        assertNull(answer(open, "GET", "/").response().headers().first("WWW-Authenticate"));
    }
}
