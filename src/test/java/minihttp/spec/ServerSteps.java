package minihttp.spec;

import io.cucumber.java.en.Given;

/** Givens that choose the server's flags; each one needs a server of the scenario's own. */
public final class ServerSteps {
    private final ServerFixture server;

    public ServerSteps(ServerFixture server) {
        this.server = server;
    }

    @Given("the server closes connections idle for {int} second(s)")
    public void idleTimeout(int seconds) {
        server.require("--idle-timeout=" + seconds);
    }

    @Given("the server allows {int} second(s) to send a request head")
    public void headerTimeout(int seconds) {
        server.require("--header-timeout=" + seconds);
    }

    @Given("the server accepts request bodies of at most {int} bytes")
    public void maxBody(int bytes) {
        server.require("--max-body=" + bytes);
    }

    @Given("the server holds at most {int} connection(s)")
    public void maxConnections(int connections) {
        server.require("--max-connections=" + connections);
    }

    @Given("the server holds at most {int} connection(s) from one client address")
    public void maxConnectionsPerClient(int connections) {
        server.require("--max-connections-per-client=" + connections);
    }

    @Given("the server requires the token {string} for writes")
    public void token(String token) {
        server.requireToken(token);
    }

    @Given("the server requires the token for reads too")
    public void protectReads() {
        server.require("--protect-reads");
    }

    @Given("the server runs with {int} worker(s) and room for {int} waiting request(s)")
    public void pool(int threads, int queue) {
        server.require("--threads=" + threads);
        server.require("--queue=" + queue);
    }
}
