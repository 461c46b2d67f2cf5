package minihttp.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Then;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What clients see: checks on the last response and on the connection it came on. */
public final class ResponseSteps {
    /** Long enough for a server that closes "at once" to be seen doing so. */
    private static final Duration STAYS_OPEN = Duration.ofMillis(250);
    private static final Duration CLOSES = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Conversation conversation;

    public ResponseSteps(Conversation conversation) {
        this.conversation = conversation;
    }

    @Then("the response status is {int}")
    public void status(int expected) {
        assertEquals(expected, response().status(), this::shown);
    }

    /** Compares the media type only: parameters such as charset may vary. */
    @Then("the response content type is {string}")
    public void contentType(String expected) {
        String contentType = response().header("Content-Type");
        assertTrue(contentType != null, () -> "no Content-Type in\n" + shown());
        assertEquals(expected, contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT), this::shown);
    }

    /** Exactly one field of that name, with that value. */
    @Then("the response header {string} is {string}")
    public void header(String name, String value) {
        assertEquals(List.of(value), response().headers(name), this::shown);
    }

    /** A comma-separated list with these members, in any order. */
    @Then("the response header {string} lists {string}")
    public void headerLists(String name, String members) {
        String value = response().header(name);
        assertTrue(value != null, () -> "no " + name + " in\n" + shown());
        assertEquals(members(members), members(value), this::shown);
    }

    @Then("the response header {string} is a number of seconds")
    public void headerSeconds(String name) {
        String value = response().header(name);
        assertTrue(value != null && value.matches("\\d{1,9}") && Integer.parseInt(value) > 0,
                () -> name + " should be a positive number of seconds in\n" + shown());
    }

    @Then("the response has no header {string}")
    public void noHeader(String name) {
        assertEquals(List.of(), response().headers(name), this::shown);
    }

    @Then("the response body is {string}")
    public void body(String escaped) {
        assertEquals(Escapes.text(escaped), response().bodyText(), this::shown);
    }

    /** The body exactly as written after "JSON ", compared as text, not as parsed JSON. */
    @Then("the response body is the JSON {}")
    public void jsonBody(String json) {
        contentType("application/json");
        assertEquals(json, response().bodyText(), this::shown);
    }

    @Then("the response body is a JSON error")
    public void jsonError() throws IOException {
        contentType("application/json");
        JsonNode body = JSON.readTree(response().body());
        assertTrue(body != null && body.isObject() && body.path("error").isTextual()
                && !body.path("error").asText().isEmpty(), () -> "expected {\"error\": \"...\"} in\n" + shown());
    }

    /** No body bytes, neither counted in the response nor arriving after its head. */
    @Then("the response has no body")
    public void noBody() throws IOException {
        assertEquals(0, response().body().length, this::shown);
        conversation.lastClient().closesWithin(STAYS_OPEN); // throws on stray bytes
    }

    @Then("the connection is closed")
    public void closed() throws IOException {
        assertTrue(conversation.lastClient().closesWithin(CLOSES),
                () -> "the server should have closed the connection within " + CLOSES.toSeconds() + " s after\n" + shown());
    }

    @Then("the connection is closed within {int} seconds")
    public void closedWithin(int seconds) throws IOException {
        assertTrue(conversation.lastClient().closesWithin(Duration.ofSeconds(seconds)),
                () -> "the server should have closed the connection within " + seconds + " s");
    }

    /** Not before about 70% of the time (a loaded machine may be late, never early), and not much after. */
    @Then("the connection is closed after about {int} second(s)")
    public void closedAfterAbout(int seconds) throws IOException {
        HttpTestClient client = conversation.lastClient();
        assertFalse(client.closesWithin(Duration.ofMillis(seconds * 700L)),
                () -> "the server closed the connection well before " + seconds + " s");
        assertTrue(client.closesWithin(Duration.ofMillis(seconds * 300L + 2000)),
                () -> "the server should have closed the connection after about " + seconds + " s");
    }

    @Then("the response came about {int} second(s) after the request")
    public void cameAfterAbout(int seconds) {
        double elapsed = conversation.secondsToLastResponse();
        assertTrue(elapsed >= seconds * 0.7 && elapsed <= seconds + 2.0,
                () -> "the response came " + elapsed + " s after the request, not about " + seconds + " s");
    }

    @Then("the connection is kept open")
    public void keptOpen() throws IOException {
        assertFalse(conversation.lastClient().closesWithin(STAYS_OPEN),
                () -> "the server should have kept the connection open after\n" + shown());
    }

    /**
     * Every response of the scenario, interim ones included. Columns: status, and optionally body
     * (the text, with the escapes of {@link Escapes}; empty means no body).
     */
    @Then("the responses are, in order:")
    public void responsesInOrder(DataTable expected) {
        List<Map<String, String>> rows = expected.asMaps();
        List<HttpTestClient.Response> actual = conversation.responses();
        assertEquals(rows.size(), actual.size(), () -> "responses received:\n" + actual);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            HttpTestClient.Response response = actual.get(i);
            String which = "response " + (i + 1) + ":\n" + response;
            assertEquals(Integer.parseInt(row.get("status")), response.status(), which);
            if (row.containsKey("body")) {
                String body = row.get("body") == null ? "" : Escapes.text(row.get("body"));
                assertEquals(body, response.bodyText(), which);
            }
        }
    }

    /** Ends the load of the saturation scenario and checks that nobody is refused any more. */
    @Then("once the first client sends the rest of its body, every client is served")
    public void everyoneServedAgain() throws IOException {
        HttpTestClient first = conversation.client("first");
        first.send("67890");
        HttpTestClient.Response firstResponse = first.read(false);
        assertTrue(firstResponse.status() >= 200 && firstResponse.status() < 500,
                () -> "the first client should get a final answer to its request:\n" + firstResponse);
        HttpTestClient.Response waiting = conversation.client("second").read(false);
        assertEquals(200, waiting.status(), () -> "the waiting request should be served:\n" + waiting);
        HttpTestClient fresh = conversation.client("fourth");
        fresh.send(conversation.request("GET", "/", List.of()));
        HttpTestClient.Response later = fresh.read(false);
        assertEquals(200, later.status(), () -> "a new client should be served:\n" + later);
    }

    private HttpTestClient.Response response() {
        return conversation.response();
    }

    private String shown() {
        return "response:\n" + response();
    }

    private static Set<String> members(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
