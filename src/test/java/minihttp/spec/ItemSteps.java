package minihttp.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The item store seen by one client: storing, listing, replacing and deleting items. */
public final class ItemSteps {
    /** In raw chunks, stands for an item of {@value #PLACEHOLDER_BYTES} bytes (hex 20). */
    private static final String ITEM_PLACEHOLDER = "{item}";
    private static final int PLACEHOLDER_BYTES = 0x20;
    private static final int CONTINUE_WAIT_SECONDS = 1;

    private final ServerFixture server;
    private final Conversation conversation;
    private final ItemClient items;
    private final StoredItems stored;
    private Integer countBefore;
    private long highestBefore;
    /** The item of the last attempt to store one, and the server's answer to it. */
    private MarkedItem item;
    private HttpTestClient.Response answer;

    public ItemSteps(ServerFixture server, Conversation conversation, ItemClient items, StoredItems stored) {
        this.server = server;
        this.conversation = conversation;
        this.items = items;
        this.stored = stored;
    }

    @ParameterType("(\\d+)(?:st|nd|rd|th)")
    public Integer ordinal(String number) {
        return Integer.parseInt(number);
    }

    @Given("an empty store")
    public void emptyStore() {
        // Every server the fixture starts has a fresh in-memory store; a server given from outside may not.
        assumeFalse(server.isExternal(), "needs an empty store, but " + ServerFixture.BASE_URL_PROPERTY + " is set");
    }

    @Given("the client has stored the item {}")
    public void hasStored(String json) {
        stored.callThat(storeAside(json));
    }

    @Given("the client has stored {int} items")
    public void hasStoredItems(int count) {
        for (int i = 1; i <= count; i++) storeAside("{\"n\":" + i + "}");
    }

    @Given("the client has deleted the last of them")
    public void hasDeletedTheLast() {
        deleteAside(stored.idsGiven().get(stored.idsGiven().size() - 1));
    }

    @Given("the client has deleted the {ordinal} of them")
    public void hasDeletedThe(int ordinal) {
        deleteAside(stored.nth(ordinal));
    }

    @Given("the client has replaced the {ordinal} of them with {}")
    public void hasReplaced(int ordinal, String json) {
        long id = stored.nth(ordinal);
        HttpTestClient.Response response = items.aside("PUT", "/data/" + id, json);
        assertEquals(200, response.status(), response::toString);
        stored.replaced(id, json);
    }

    @When("the client stores the item {}")
    public void stores(String json) {
        highestBefore = stored.highestGiven();
        HttpTestClient.Response response = items.sendJson("POST", "/data", json);
        if (response.status() == 201) stored.stored(ItemClient.idOf(response), json);
    }

    /** Counts the items first, so that "nothing was stored" can be checked. */
    @When("the client stores with the header {string} the item {}")
    public void storesWithField(String field, String json) {
        countBefore = items.listAll().size();
        items.send("POST", "/data", "application/json", json.getBytes(StandardCharsets.UTF_8), field);
    }

    @When("the client stores an item of {int} bytes")
    public void storesItemOfSize(int size) {
        countBefore = items.listAll().size();
        item = MarkedItem.ofSize(size);
        answer = items.sendJson("POST", "/data", item.json());
    }

    @When("the client stores an item of {int} bytes sent in {int} chunk(s)")
    public void storesInChunks(int size, int count) {
        storesFramed(size, ChunkedFraming.inChunks(count));
    }

    @When("the client stores an item of {int} bytes sent in {int} chunk(s) with its/their size(s) in upper-case hex")
    public void storesInUpperCaseChunks(int size, int count) {
        ChunkedFraming framing = ChunkedFraming.inChunks(count).withUpperCaseSizes();
        if (!framing.sizes(size).matches(".*[A-F].*")) {
            throw new IllegalArgumentException("no size among " + framing.sizes(size) + " has a letter to put in upper case");
        }
        storesFramed(size, framing);
    }

    /** The extension follows every chunk size, the last chunk's (0) too. */
    @When("the client stores an item of {int} bytes sent in {int} chunk(s) with the extension {string} on every chunk")
    public void storesInChunksWithExtension(int size, int count, String extension) {
        storesFramed(size, ChunkedFraming.inChunks(count).withExtension(extension));
    }

    @When("the client stores an item of {int} bytes sent in {int} chunk(s) and the trailer field {string}")
    public void storesInChunksWithTrailer(int size, int count, String field) {
        storesFramed(size, ChunkedFraming.inChunks(count).withTrailerField(field));
    }

    @When("the client stores an item sent as an empty chunked body")
    public void storesEmptyChunkedBody() {
        answer = items.sendChunked("POST", "/data", "application/json", "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The chunks are written byte for byte (see {@link Escapes}); {@value #ITEM_PLACEHOLDER} in
     * them stands for an item of {@value #PLACEHOLDER_BYTES} bytes (hex 20).
     */
    @When("the client stores an item sent in the chunks {string}")
    public void storesChunked(String chunks) {
        item = MarkedItem.ofSize(PLACEHOLDER_BYTES);
        byte[] framed = Escapes.bytes(chunks.replace(ITEM_PLACEHOLDER, item.json()));
        answer = items.sendChunked("POST", "/data", "application/json", framed);
    }

    /** The field, a whole "Name: value" line, comes after the item's own Content-Type. */
    @When("the client stores an item of {int} bytes with the added header field {string}")
    public void storesWithAddedField(int size, String field) {
        item = MarkedItem.ofSize(size);
        answer = items.send("POST", "/data", "application/json", item.bytes(), field);
    }

    /** The client waits for an invitation as curl does, up to {@value #CONTINUE_WAIT_SECONDS} s. */
    @When("the client stores an item of {int} bytes, holding it back until invited with 100 Continue")
    public void storesWhenInvited(int size) {
        item = MarkedItem.ofSize(size);
        answer = items.sendWhenInvited("POST", "/data", "application/json", item.bytes(),
                Duration.ofSeconds(CONTINUE_WAIT_SECONDS));
    }

    @When("the client posts to \\/data a body of {int} bytes of type {string}, holding it back until invited with 100 Continue")
    public void postsWhenInvited(int size, String contentType) {
        items.sendWhenInvited("POST", "/data", contentType, "x".repeat(size).getBytes(StandardCharsets.US_ASCII),
                Duration.ofSeconds(CONTINUE_WAIT_SECONDS));
    }

    /** The head announces a body of that size; the client waits for the answer before sending any of it. */
    @When("the client announces an item of {int} bytes and sends only the head")
    public void announcesItem(int size) {
        items.sendHeadOnly("POST", "/data", "application/json", size);
    }

    /** The server answered the attempt with the item and its new id, and gives it back when fetched. */
    @Then("the item is stored")
    public void itemStored() {
        assertEquals(201, answer.status(), () -> "the item should have been stored:\n" + answer);
        long id = ItemClient.idOf(answer);
        String expected = StoredItems.withId(id, item.json());
        assertEquals(expected, answer.bodyText(), answer::toString);
        HttpTestClient.Response fetched = items.aside("GET", "/data/" + id, null);
        assertEquals(200, fetched.status(), fetched::toString);
        assertEquals(expected, fetched.bodyText(), fetched::toString);
    }

    /** No item the server lists carries the marker of the one attempted, whatever other items it holds. */
    @Then("the item is not stored")
    public void itemNotStored() {
        for (JsonNode listed : items.listAll()) {
            assertFalse(item.isIn(listed), () -> "the item should not have been stored, but the server lists " + listed);
        }
    }

    private void storesFramed(int size, ChunkedFraming framing) {
        item = MarkedItem.ofSize(size);
        answer = items.sendChunked("POST", "/data", "application/json", framing.frame(item.bytes()));
    }

    @Then("the next request on the connection is answered")
    public void nextRequestAnswered() {
        HttpTestClient.Response response = items.send("GET", "/", null, null);
        assertEquals(200, response.status(), response::toString);
    }

    @When("the client fetches that item")
    public void fetches() {
        items.send("GET", "/data/" + stored.that(), null, null);
    }

    @When("the client replaces that item with the item {}")
    public void replaces(String json) {
        items.sendJson("PUT", "/data/" + stored.that(), json);
    }

    @When("the client replaces that item with the header {string} and the item {}")
    public void replacesWithField(String field, String json) {
        items.send("PUT", "/data/" + stored.that(), "application/json", json.getBytes(StandardCharsets.UTF_8), field);
    }

    @When("the client requests {word} on that item with the header {string}")
    public void requestsOnThatItemWithField(String method, String field) {
        items.send(method, "/data/" + stored.that(), null, null, field);
    }

    @When("the client replaces that item with its own id and the item {}")
    public void replacesWithOwnId(String json) {
        items.sendJson("PUT", "/data/" + stored.that(), StoredItems.withId(stored.that(), json));
    }

    @When("the client replaces that item with a body naming another id")
    public void replacesNamingAnotherId() {
        items.sendJson("PUT", "/data/" + stored.that(), StoredItems.withId(stored.that() + 1000, "{\"name\":\"ink\"}"));
    }

    @When("the client deletes that item")
    public void deletes() {
        items.send("DELETE", "/data/" + stored.that(), null, null);
    }

    @When("the client requests {word} on that item")
    public void requestsOnThatItem(String method) {
        items.send(method, "/data/" + stored.that(), null, null);
    }

    @When("the client sends PUT to that item the content type {string} and the body {}")
    public void putsWithType(String contentType, String body) {
        items.send("PUT", "/data/" + stored.that(), contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    @When("the client sends {word} to {word} with the JSON {}")
    public void sendsJson(String method, String target, String json) {
        items.sendJson(method, target, json);
    }

    /** Placeholders: {@code <none>} sends no Content-Type, {@code <empty>} no body bytes. */
    @When("the client posts to \\/data the content type {string} and the body {}")
    public void posts(String contentType, String body) {
        countBefore = items.listAll().size();
        byte[] bytes = switch (body) {
            case "<empty>" -> new byte[0];
            case "<invalid UTF-8>" -> new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            default -> body.getBytes(StandardCharsets.UTF_8);
        };
        items.send("POST", "/data", contentType.equals("<none>") ? null : contentType, bytes);
    }

    @When("the client lists the items")
    public void lists() {
        items.send("GET", "/data", null, null);
    }

    @When("the client lists {int} items after the {ordinal} item")
    public void listsPage(int limit, int ordinal) {
        items.send("GET", "/data?limit=" + limit + "&after=" + stored.nth(ordinal), null, null);
    }

    @Then("the response header \"Location\" is the address of the new item")
    public void locationOfNewItem() {
        HttpTestClient.Response response = conversation.response();
        assertEquals("/data/" + ItemClient.idOf(response), response.header("Location"), response::toString);
    }

    @Then("the response header \"Content-Location\" is the address of that item")
    public void contentLocationOfThatItem() {
        HttpTestClient.Response response = conversation.response();
        assertEquals("/data/" + stored.that(), response.header("Content-Location"), response::toString);
    }

    @Then("the response body is the new item {}")
    public void bodyIsNewItem(String json) {
        HttpTestClient.Response response = conversation.response();
        String location = response.header("Location");
        assertTrue(location != null && location.startsWith("/data/"), response::toString);
        long id = Long.parseLong(location.substring("/data/".length()));
        assertEquals(StoredItems.withId(id, json), response.bodyText(), response::toString);
    }

    @Then("the response body is that item {}")
    public void bodyIsThatItem(String json) {
        HttpTestClient.Response response = conversation.response();
        assertEquals(StoredItems.withId(stored.that(), json), response.bodyText(), response::toString);
    }

    @Then("the new item's id is greater than every id given before")
    public void newIdIsGreatest() {
        HttpTestClient.Response response = conversation.response();
        assertEquals(201, response.status(), response::toString);
        long newest = ItemClient.idOf(response);
        assertTrue(newest > highestBefore, () -> "id " + newest + " is not greater than " + highestBefore);
    }

    @Then("a newly stored item gets an id greater than every id given before")
    public void newlyStoredIdIsGreatest() {
        long highest = stored.highestGiven();
        long id = storeAside("{\"new\":true}");
        assertTrue(id > highest, () -> "new id " + id + " is not greater than " + highest);
    }

    @Then("the list holds {int} items in increasing id order")
    public void listHolds(int count) {
        List<JsonNode> listed = ItemClient.elements(conversation.response());
        assertEquals(count, listed.size(), conversation.response()::toString);
        for (int i = 1; i < listed.size(); i++) {
            assertTrue(listed.get(i).get("id").asLong() > listed.get(i - 1).get("id").asLong(),
                    conversation.response()::toString);
        }
    }

    @Then("the list holds the {ordinal} and {ordinal} items")
    public void listHoldsThe(int first, int second) {
        List<Long> ids = new ArrayList<>();
        ItemClient.elements(conversation.response()).forEach(item -> ids.add(item.get("id").asLong()));
        assertEquals(List.of(stored.nth(first), stored.nth(second)), ids, conversation.response()::toString);
    }

    @Then("that item now reads {}")
    public void thatItemReads(String json) {
        HttpTestClient.Response response = items.aside("GET", "/data/" + stored.that(), null);
        assertEquals(200, response.status(), response::toString);
        assertEquals(StoredItems.withId(stored.that(), json), response.bodyText());
    }

    @Then("the response has the Content-Type and Content-Length of fetching that item")
    public void headersLikeGet() {
        HttpTestClient.Response head = conversation.response();
        HttpTestClient.Response get = items.aside("GET", "/data/" + stored.that(), null);
        assertEquals(get.header("Content-Type"), head.header("Content-Type"), head::toString);
        assertEquals(String.valueOf(get.body().length), head.header("Content-Length"), head::toString);
    }

    @Then("that item is gone")
    public void thatItemIsGone() {
        HttpTestClient.Response response = items.aside("GET", "/data/" + stored.that(), null);
        assertEquals(404, response.status(), response::toString);
    }

    @Then("nothing was stored")
    public void nothingStored() {
        assertEquals(countBefore, items.listAll().size(), "the number of items changed");
    }

    @Then("the store lists the {int} remaining items unchanged")
    public void storeListsUnchanged(int count) {
        Map<Long, String> listed = new LinkedHashMap<>();
        for (JsonNode item : items.listAll()) listed.put(item.get("id").asLong(), item.toString());
        Map<Long, String> expected = new LinkedHashMap<>();
        stored.expected().forEach((id, json) -> expected.put(id, normalised(StoredItems.withId(id, json))));
        assertEquals(count, expected.size(), "the scenario expects a different number of items");
        assertEquals(expected, listed);
    }

    private static String normalised(String json) {
        try {
            return ItemClient.JSON.readTree(json).toString();
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private long storeAside(String json) {
        HttpTestClient.Response response = items.aside("POST", "/data", json);
        assertEquals(201, response.status(), response::toString);
        long id = ItemClient.idOf(response);
        stored.stored(id, json);
        return id;
    }

    private void deleteAside(long id) {
        HttpTestClient.Response response = items.aside("DELETE", "/data/" + id, null);
        assertEquals(200, response.status(), response::toString);
        stored.deleted(id);
    }
}
