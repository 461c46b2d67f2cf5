package minihttp.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Many clients at once, each on its own connection and thread. All of them connect first and
 * then send when a common gate opens, so the requests really overlap on the server.
 */
public final class ParallelSteps {
    private record Outcome(String kind, HttpTestClient.Response response) {
    }

    private final ServerFixture server;
    private final ItemClient items;
    private final StoredItems stored;
    private final Instances instances;
    private final List<Outcome> outcomes = new ArrayList<>();
    /** Where the clients send, in turn: the one server, or every instance when split. */
    private List<InetSocketAddress> targets;

    public ParallelSteps(ServerFixture server, ItemClient items, StoredItems stored, Instances instances) {
        this.server = server;
        this.items = items;
        this.stored = stored;
        this.instances = instances;
    }

    @When("{int} clients each store an item at the same time, split between the two instances")
    public void parallelStoresSplit(int count) throws Exception {
        targets = instances.addresses();
        parallelStores(count);
    }

    @When("{int} clients each replace that item with the header {string} at the same time, split between the two instances")
    public void parallelConditionalReplacesSplit(int count, String field) throws Exception {
        targets = instances.addresses();
        parallelConditionalReplaces(count, field);
    }

    @Then("each instance lists exactly those {int} items")
    public void eachInstanceListsThose(int count) throws IOException {
        for (InetSocketAddress address : instances.addresses()) {
            Set<Long> listed = new HashSet<>();
            try (HttpTestClient client = new HttpTestClient(address)) {
                client.send(items.request("GET", "/data", null, null, true));
                HttpTestClient.Response response = client.read(false);
                assertEquals(200, response.status(), response::toString);
                for (JsonNode item : ItemClient.elements(response)) listed.add(item.get("id").asLong());
            }
            assertEquals(count, listed.size(), "listed by " + address);
            assertEquals(newIds(), listed, "listed by " + address);
        }
    }

    @When("{int} clients each store an item at the same time")
    public void parallelStores(int count) throws Exception {
        List<String[]> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) requests.add(new String[] {"store", "POST", "/data", "{\"client\":" + i + "}"});
        runTogether(requests);
    }

    @When("{int} clients fetch that item at the same time")
    public void parallelFetches(int count) throws Exception {
        List<String[]> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) requests.add(new String[] {"fetch", "GET", "/data/" + stored.that(), null});
        runTogether(requests);
    }

    @When("{int} clients replace that item and {int} clients delete it, all at the same time")
    public void parallelReplacesAndDeletes(int replaces, int deletes) throws Exception {
        List<String[]> requests = new ArrayList<>();
        for (int i = 0; i < Math.max(replaces, deletes); i++) {
            if (i < replaces) requests.add(new String[] {"replace", "PUT", "/data/" + stored.that(), "{\"by\":" + i + "}"});
            if (i < deletes) requests.add(new String[] {"delete", "DELETE", "/data/" + stored.that(), null});
        }
        runTogether(requests);
    }

    @When("{int} clients each replace that item with the header {string} at the same time")
    public void parallelConditionalReplaces(int count, String field) throws Exception {
        List<String[]> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(new String[] {"replace", "PUT", "/data/" + stored.that(), "{\"by\":" + i + "}", field});
        }
        runTogether(requests);
    }

    @Then("exactly one replace has status {int} and every other one {int}")
    public void exactlyOneReplaceSucceeded(int winner, int others) {
        long winners = 0;
        for (Outcome outcome : outcomes) {
            int status = outcome.response().status();
            if (status == winner) {
                winners++;
            } else {
                assertEquals(others, status, outcome.response()::toString);
            }
        }
        assertEquals(1, winners, "replaces answered " + winner);
    }

    @Then("that item now holds what the successful replace sent")
    public void holdsTheWinnersItem() {
        HttpTestClient.Response winner = outcomes.stream().filter(outcome -> outcome.response().status() == 200)
                .findFirst().orElseThrow().response();
        HttpTestClient.Response now = items.aside("GET", "/data/" + stored.that(), null);
        assertEquals(winner.bodyText(), now.bodyText());
        assertEquals(winner.header("ETag"), now.header("ETag"));
    }

    @Then("all {int} responses have status {int}")
    public void allHaveStatus(int count, int status) {
        assertEquals(count, outcomes.size());
        for (Outcome outcome : outcomes) assertEquals(status, outcome.response().status(), outcome.response()::toString);
    }

    @Then("the {int} new items have {int} distinct ids")
    public void distinctIds(int count, int distinct) {
        Set<Long> ids = newIds();
        assertEquals(count, outcomes.size());
        assertEquals(distinct, ids.size(), "ids: " + ids);
    }

    @Then("the store lists exactly those {int} items")
    public void storeListsThose(int count) {
        Set<Long> listed = new HashSet<>();
        for (JsonNode item : items.listAll()) listed.add(item.get("id").asLong());
        assertEquals(count, listed.size());
        assertEquals(newIds(), listed);
    }

    @Then("every response body is that item {}")
    public void everyBodyIs(String json) {
        String expected = StoredItems.withId(stored.that(), json);
        for (Outcome outcome : outcomes) assertEquals(expected, outcome.response().bodyText());
    }

    @Then("every response has status {int} or {int}")
    public void everyStatusIsOneOf(int first, int second) {
        for (Outcome outcome : outcomes) {
            int status = outcome.response().status();
            assertTrue(status == first || status == second, outcome.response()::toString);
        }
    }

    @Then("exactly one delete has status {int}")
    public void exactlyOneDelete(int status) {
        long count = outcomes.stream()
                .filter(outcome -> outcome.kind().equals("delete") && outcome.response().status() == status)
                .count();
        assertEquals(1, count, "deletes answered " + status);
    }

    private Set<Long> newIds() {
        Set<Long> ids = new HashSet<>();
        for (Outcome outcome : outcomes) ids.add(ItemClient.idOf(outcome.response()));
        return ids;
    }

    /** Each request: kind, method, target, JSON body or null, and optionally one more header field. */
    private void runTogether(List<String[]> requests) throws Exception {
        // Starts the server here, not in a race of threads.
        List<InetSocketAddress> addresses = targets != null ? targets : List.of(server.address());
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        CountDownLatch connected = new CountDownLatch(requests.size());
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                String[] request = requests.get(i);
                InetSocketAddress address = addresses.get(i % addresses.size());
                futures.add(pool.submit((Callable<Outcome>) () -> {
                    try (HttpTestClient client = new HttpTestClient(address)) {
                        byte[] body = request[3] == null ? null : request[3].getBytes(StandardCharsets.UTF_8);
                        byte[] bytes = items.request(request[1], request[2], body == null ? null : "application/json", body, true,
                                request.length > 4 ? List.of(request[4]) : List.of());
                        connected.countDown();
                        gate.await();
                        client.send(bytes);
                        return new Outcome(request[0], client.read(false));
                    } catch (IOException e) {
                        connected.countDown();
                        throw e;
                    }
                }));
            }
            assertTrue(connected.await(30, TimeUnit.SECONDS), "the clients could not all connect");
            gate.countDown();
            for (Future<Outcome> future : futures) outcomes.add(future.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
