package minihttp.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario said to the server and heard back: its client connections (the main one and
 * any named extra ones) and the responses received, in order. Shared by the step classes through
 * PicoContainer, one per scenario; not thread-safe.
 */
public final class Conversation {
    private static final String MAIN = "";

    private final ServerFixture server;
    private final Map<String, HttpTestClient> clients = new LinkedHashMap<>();
    private final List<HttpTestClient.Response> responses = new ArrayList<>();
    private HttpTestClient lastClient;
    private long sentNanos;
    private long receivedNanos;

    public Conversation(ServerFixture server) {
        this.server = server;
    }

    /** The scenario's main connection, opened on first use. */
    HttpTestClient client() {
        return client(MAIN);
    }

    /** A further connection by name, opened on first use. */
    HttpTestClient client(String name) {
        return clients.computeIfAbsent(name, key -> {
            try {
                return new HttpTestClient(server.address());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot connect to " + server.address(), e);
            }
        });
    }

    /** A complete HTTP/1.1 request with a Host field for this server, plus the given field lines. */
    String request(String method, String target, List<String> fields) {
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        request.append("Host: ").append(server.authority()).append("\r\n");
        fields.forEach(field -> request.append(field).append("\r\n"));
        return request.append("\r\n").toString();
    }

    /** Records a response and the connection it came on, which "the connection" then means. */
    void received(HttpTestClient from, HttpTestClient.Response response) {
        lastClient = from;
        responses.add(response);
        receivedNanos = System.nanoTime();
    }

    /** Notes when a request whose answer is to be timed went out. */
    void markSent() {
        sentNanos = System.nanoTime();
    }

    /** From the request marked sent to the last response, in seconds. */
    double secondsToLastResponse() {
        if (sentNanos == 0) throw new IllegalStateException("no request was marked as sent");
        return (receivedNanos - sentNanos) / 1e9;
    }

    /** The connection the last response came on. */
    HttpTestClient lastClient() {
        if (lastClient == null) throw new IllegalStateException("no response was received yet");
        return lastClient;
    }

    /** Every response of the scenario, interim ones included, in the order received. */
    List<HttpTestClient.Response> responses() {
        return responses;
    }

    /** The last response received. */
    HttpTestClient.Response response() {
        if (responses.isEmpty()) throw new IllegalStateException("no response was received yet");
        return responses.get(responses.size() - 1);
    }

    void closeClients() {
        for (HttpTestClient client : clients.values()) {
            try {
                client.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        clients.clear();
    }
}
