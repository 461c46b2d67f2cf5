package minihttp.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Clients that hold connections open, for the connection limits. Each Given waits until the
 * server has done what it says, so the When that follows never races it: a connection counts as
 * closed once the client has seen the server close it.
 */
public final class ConnectionSteps {
    /** The first of the connected clients, which "one of them" and "that connection" mean. */
    private static final String FIRST = "connected-1";
    /** Ample for a 1-second idle timeout on a loaded machine; the step fails rather than waits longer. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Conversation conversation;

    public ConnectionSteps(Conversation conversation) {
        this.conversation = conversation;
    }

    @Given("{int} client(s) is/are connected and has/have been answered")
    public void connected(int count) throws IOException {
        for (int i = 1; i <= count; i++) {
            String name = "connected-" + i;
            HttpTestClient client = conversation.client(name);
            client.send(conversation.request("GET", "/", List.of()));
            HttpTestClient.Response response = client.read(false);
            assertEquals(200, response.status(), () -> "client " + name + " should have been answered:\n" + response);
        }
    }

    /** With Connection: close, so that the client sees when the server has let the connection go. */
    @Given("one of them has closed its connection")
    public void oneClosed() throws IOException {
        HttpTestClient client = conversation.client(FIRST);
        client.send(conversation.request("GET", "/", List.of("Connection: close")));
        assertEquals(200, client.read(false).status());
        assertTrue(client.closesWithin(CLOSE_WAIT), "the server should have closed the connection after Connection: close");
    }

    @Given("the server has since closed that connection for being idle")
    public void closedWhenIdle() throws IOException {
        assertTrue(conversation.client(FIRST).closesWithin(CLOSE_WAIT),
                "the server should have closed the idle connection within " + CLOSE_WAIT.toSeconds() + " s");
    }

    @When("another client requests {word} {word}")
    public void anotherRequests(String method, String target) throws IOException {
        HttpTestClient client = conversation.client("another");
        client.send(conversation.request(method, target, List.of()));
        conversation.received(client, client.read(method.equals("HEAD")));
    }
}
