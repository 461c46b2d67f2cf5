package minihttp.spec;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.cucumber.java.After;
import io.cucumber.java.Before;

/**
 * Scenario set-up and clean-up. Scenarios tagged {@code @needs-own-server} start a server with
 * special flags, and those tagged {@code @process} run the jar themselves, so both are skipped
 * (not failed) against an external server. After each
 * scenario the clients close first, so that the server's stop does not wait for their requests.
 */
public final class Hooks {
    private final ServerFixture server;
    private final Conversation conversation;

    public Hooks(ServerFixture server, Conversation conversation) {
        this.server = server;
        this.conversation = conversation;
    }

    @Before("@needs-own-server or @process")
    public void skipAgainstAnExternalServer() {
        assumeFalse(server.isExternal(), "needs its own server, but " + ServerFixture.BASE_URL_PROPERTY + " is set");
    }

    @After
    public void closeClientsThenStopServer() {
        conversation.closeClients();
        server.stop();
    }
}
