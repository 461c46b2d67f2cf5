package minihttp.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Several minihttp processes on one PostgreSQL: what one writes the others see, the database
 * decides between concurrent writers, and an outage of the database is a 503 that ends by
 * itself when the database is back.
 */
public final class PostgresSteps {
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private final ServerFixture server;
    private final ItemClient items;
    private final StoredItems stored;
    private final Instances instances;
    private final PostgresFixture postgres;
    private final List<MinihttpProcess> processes = new ArrayList<>();

    public PostgresSteps(ServerFixture server, ItemClient items, StoredItems stored, Instances instances,
                         PostgresFixture postgres) {
        this.server = server;
        this.items = items;
        this.stored = stored;
        this.instances = instances;
        this.postgres = postgres;
    }

    @Given("a fresh PostgreSQL database")
    public void freshDatabase() {
        postgres.freshDatabase();
    }

    @Given("two minihttp processes keeping their items in it")
    public void twoInstances() throws IOException {
        for (int i = 0; i < 2; i++) {
            MinihttpProcess instance = MinihttpProcess.start(List.of("--port=0", "--db=postgres", "--quiet"),
                    postgres.environment());
            processes.add(instance);
            instances.add(instance.address());
        }
        // "The client" talks to the first one.
        server.attach(instances.nth(1));
    }

    @When("the client deletes that item through the {word} instance")
    public void deletesThrough(String which) {
        HttpTestClient.Response response = exchange(instances.nth(Instances.ordinal(which)), "DELETE",
                "/data/" + stored.that());
        assertEquals(200, response.status(), response::toString);
    }

    @Then("the {word} instance answers GET on that item with {int}")
    public void instanceAnswers(String which, int status) {
        HttpTestClient.Response response = exchange(instances.nth(Instances.ordinal(which)), "GET",
                "/data/" + stored.that());
        assertEquals(status, response.status(), response::toString);
    }

    @When("PostgreSQL is stopped")
    public void stopPostgres() {
        postgres.server().stop();
    }

    @When("PostgreSQL is started again")
    public void startPostgres() {
        postgres.server().start();
    }

    /** Rows of method and target; "that item" stands for the item's address. */
    @Then("each instance answers with 503, a JSON error and Retry-After:")
    public void eachAnswersUnavailable(DataTable requests) {
        for (InetSocketAddress address : instances.addresses()) {
            for (List<String> row : requests.asLists()) {
                String target = row.get(1).equals("that item") ? "/data/" + stored.that() : row.get(1);
                HttpTestClient.Response response = exchange(address, row.get(0), target);
                String what = row.get(0) + " " + target + " on " + address;
                assertEquals(503, response.status(), () -> what + "\n" + response);
                assertTrue(response.bodyText().startsWith("{\"error\":"), () -> what + "\n" + response);
                assertTrue(response.header("Retry-After") != null, () -> what + "\n" + response);
            }
        }
    }

    @Then("within {int} seconds each instance answers GET \\/health with {int}")
    public void eachRecovers(int seconds, int status) throws InterruptedException {
        for (InetSocketAddress address : instances.addresses()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            HttpTestClient.Response response = exchange(address, "GET", "/health");
            while (response.status() != status && System.nanoTime() < deadline) {
                Thread.sleep(200);
                response = exchange(address, "GET", "/health");
            }
            assertEquals(status, response.status(), response::toString);
        }
    }

    @Then("each instance answers {word} {word} with {int}")
    public void eachAnswers(String method, String target, int status) {
        for (InetSocketAddress address : instances.addresses()) {
            String path = target.equals("that-item") ? "/data/" + stored.that() : target;
            HttpTestClient.Response response = exchange(address, method, path);
            assertEquals(status, response.status(), () -> address + "\n" + response);
        }
    }

    @After("@postgres")
    public void cleanUp() {
        for (MinihttpProcess process : processes) process.destroy();
        postgres.restore();
    }

    /** One request on a connection of its own; a JSON object goes with a POST. */
    private HttpTestClient.Response exchange(InetSocketAddress address, String method, String target) {
        byte[] body = method.equals("POST") ? "{\"during\":\"outage\"}".getBytes(StandardCharsets.UTF_8) : null;
        try (HttpTestClient client = new HttpTestClient(address)) {
            client.send(items.request(method, target, body == null ? null : "application/json", body, true));
            return client.read(method.equals("HEAD"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
