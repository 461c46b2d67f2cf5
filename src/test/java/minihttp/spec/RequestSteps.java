package minihttp.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What clients send. Each When sends its bytes and reads the responses they ask for, so the
 * Thens only look. Requests written as "METHOD target" become HTTP/1.1 requests with a Host
 * field for the server under test; quoted requests are sent byte for byte (see {@link Escapes}).
 */
public final class RequestSteps {
    /** The queue gives no sign that a request waits in it; this is ample time to get there. */
    private static final Duration QUEUEING_TIME = Duration.ofMillis(300);

    private final Conversation conversation;

    public RequestSteps(Conversation conversation) {
        this.conversation = conversation;
    }

    @When("the client requests {word} {word}")
    public void requests(String method, String target) throws IOException {
        exchange(conversation.client(), method, conversation.request(method, target, List.of()));
    }

    @When("the client requests {word} {word} with the header {string}")
    public void requestsWithHeader(String method, String target, String field) throws IOException {
        exchange(conversation.client(), method, conversation.request(method, target, List.of(field)));
    }

    @When("the client requests {word} {word} with the headers:")
    public void requestsWithHeaders(String method, String target, DataTable fields) throws IOException {
        List<String> lines = new ArrayList<>();
        for (List<String> row : fields.asLists()) lines.add(row.get(0) + ": " + row.get(1));
        exchange(conversation.client(), method, conversation.request(method, target, lines));
    }

    @When("the client sends {string}")
    public void sends(String escaped) throws IOException {
        String request = new String(Escapes.bytes(escaped), StandardCharsets.ISO_8859_1);
        exchange(conversation.client(), request.strip().split(" ", 2)[0], request);
    }

    @When("the client sends {string} and nothing more")
    public void sendsPartOfAHead(String escaped) throws IOException {
        conversation.markSent();
        sends(escaped);
    }

    /** The head, then its body a byte at a time until the server answers: at most 30 bytes. */
    @When("the client sends {string} and then one byte of its body every {int} milliseconds")
    public void trickles(String escapedHead, int millis) throws IOException {
        HttpTestClient client = conversation.client();
        conversation.markSent();
        client.send(Escapes.bytes(escapedHead));
        for (int sent = 0; sent < 30 && !client.respondsWithin(Duration.ofMillis(millis)); sent++) client.send("x");
        conversation.received(client, client.read(false));
    }

    @When("the client sends on one connection, waiting for each response:")
    public void sendsOneAfterAnother(List<String> requests) throws IOException {
        for (String request : requests) {
            String[] methodAndTarget = request.split(" ", 2);
            requests(methodAndTarget[0], methodAndTarget[1]);
        }
    }

    @When("the client sends these requests in one write:")
    public void pipelines(List<String> requests) throws IOException {
        StringBuilder bytes = new StringBuilder();
        List<Boolean> toHead = new ArrayList<>();
        for (String request : requests) {
            String[] methodAndTarget = request.split(" ", 2);
            bytes.append(conversation.request(methodAndTarget[0], methodAndTarget[1], List.of()));
            toHead.add(methodAndTarget[0].equals("HEAD"));
        }
        HttpTestClient client = conversation.client();
        client.send(bytes.toString());
        for (HttpTestClient.Response response : client.readAll(toHead)) conversation.received(client, response);
    }

    @When("the client requests GET with a target of {int} bytes")
    public void requestsLongTarget(int length) throws IOException {
        requests("GET", "/" + "a".repeat(length - 1));
    }

    /** The header section: field lines with their CRLFs, Host included, not the empty line after. */
    @When("the client requests {word} {word} with a header section of {int} bytes")
    public void requestsWithHeaderSection(String method, String target, int length) throws IOException {
        String hostLine = conversation.request(method, target, List.of()).split("\r\n")[1] + "\r\n";
        String name = "X-Filler: ";
        int fill = length - hostLine.length() - name.length() - 2;
        if (fill < 0) throw new IllegalArgumentException("a header section needs at least " + (length - fill) + " bytes");
        requestsWithHeader(method, target, name + "a".repeat(fill));
    }

    /** The count includes Host. */
    @When("the client requests {word} {word} with {int} header fields")
    public void requestsWithFieldCount(String method, String target, int count) throws IOException {
        List<String> fields = new ArrayList<>();
        for (int i = 1; i < count; i++) fields.add("X-Field-" + i + ": " + i);
        exchange(conversation.client(), method, conversation.request(method, target, fields));
    }

    /**
     * Holds the server's worker: the body is announced with Expect: 100-continue, so the 100
     * Continue shows that a worker is reading it, and then only half of it is sent.
     */
    @Given("a first client has sent a request head and only half of its body")
    public void occupyAWorker() throws IOException {
        HttpTestClient first = conversation.client("first");
        first.send(conversation.request("POST", "/data",
                List.of("Content-Type: application/json", "Expect: 100-continue", "Content-Length: 10")));
        HttpTestClient.Response interim = first.read(false);
        assertEquals(100, interim.status(), "the first client's body should be invited:\n" + interim);
        first.send("12345");
    }

    @Given("a second client's request for the items is waiting for a worker")
    public void queueARequest() throws IOException, InterruptedException {
        conversation.client("second").send(conversation.request("GET", "/data", List.of()));
        Thread.sleep(QUEUEING_TIME.toMillis());
    }

    @When("a third client requests {word} {word}")
    public void thirdClientRequests(String method, String target) throws IOException {
        exchange(conversation.client("third"), method, conversation.request(method, target, List.of()));
    }

    private void exchange(HttpTestClient client, String method, String request) throws IOException {
        client.send(request);
        conversation.received(client, client.read(method.equals("HEAD")));
    }
}
