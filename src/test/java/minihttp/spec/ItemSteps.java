package minihttp.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The item store seen by one client: storing, listing, replacing and deleting items. */
public final class ItemSteps {
    private final ServerFixture server;
    private final Conversation conversation;
    private final ItemClient items;
    private final StoredItems stored;
    private Integer countBefore;
    private long highestBefore;

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

    @When("the client stores an item of {int} bytes")
    public void storesItemOfSize(int size) {
        countBefore = items.listAll().size();
        String prefix = "{\"pad\":\"";
        items.sendJson("POST", "/data", prefix + "x".repeat(size - prefix.length() - 2) + "\"}");
    }

    /** The chunks are written byte for byte (see {@link Escapes}). */
    @When("the client stores an item sent in the chunks {string}")
    public void storesChunked(String chunks) {
        byte[] head = items.request("POST", "/data", "application/json", null, false);
        String withFraming = new String(head, StandardCharsets.ISO_8859_1)
                .replace("\r\n\r\n", "\r\nTransfer-Encoding: chunked\r\n\r\n");
        items.sendRaw(withFraming.getBytes(StandardCharsets.ISO_8859_1), Escapes.bytes(chunks));
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
