package minihttp.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The real jar as a child process: restarts, SIGTERM, kill -9, exit codes and what it prints.
 * Every process and temporary folder a scenario makes is removed after it.
 */
public final class ProcessSteps {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(20);

    private final ServerFixture server;
    private final Conversation conversation;
    private final ItemClient items;
    private final StoredItems stored;
    private final PostgresFixture postgres;
    private final List<MinihttpProcess> processes = new ArrayList<>();
    private Path folder;
    private Path databasePath;
    private MinihttpProcess serving;
    private MinihttpProcess ran;
    private Integer previousExitStatus;
    private ServerSocket portInUse;
    private HttpTestClient slowClient;
    private byte[] restOfBody;
    private Path tokenFile;

    public ProcessSteps(ServerFixture server, Conversation conversation, ItemClient items, StoredItems stored,
                        PostgresFixture postgres) {
        this.server = server;
        this.conversation = conversation;
        this.items = items;
        this.stored = stored;
        this.postgres = postgres;
    }

    @Given("a minihttp process keeping its items in a fresh database file")
    public void processOnFreshFile() throws IOException {
        databasePath = folder().resolve("data").resolve("items");
        startServing();
    }

    @Given("a minihttp process whose standard output nobody reads")
    public void processWithUnreadOutput() throws IOException {
        serving = MinihttpProcess.startWithOutputNobodyReads(List.of("--port=0", "--db=mem"));
        processes.add(serving);
        server.attach(serving.address());
    }

    @When("the client sends {int} requests one after another on one connection")
    public void manyRequests(int count) throws IOException {
        HttpTestClient client = conversation.client();
        for (int i = 0; i < count; i++) {
            client.send(items.request("GET", "/echo?message=" + i, null, null, false));
            conversation.received(client, client.read(false));
        }
    }

    @Then("the client got {int} responses, all with status {int}")
    public void allResponsesHave(int count, int status) {
        assertEquals(count, conversation.responses().size());
        for (HttpTestClient.Response response : conversation.responses()) {
            assertEquals(status, response.status(), response::toString);
        }
    }

    @When("the process is stopped with SIGTERM and started again on the same file")
    public void restartGracefully() throws IOException {
        conversation.closeClients();
        serving.terminate();
        previousExitStatus = serving.exitStatus(EXIT_WAIT);
        startServing();
    }

    @When("the process is killed with SIGKILL right after the last response and started again on the same file")
    public void restartAfterKill() throws IOException {
        conversation.closeClients();
        serving.kill();
        serving.exitStatus(EXIT_WAIT);
        startServing();
    }

    /** Each round: one item acknowledged, then SIGKILL at once, then a restart on the same file. */
    @When("the client stores an item and the process is killed with SIGKILL at once, {int} times over")
    public void storeThenKill(int rounds) throws IOException {
        for (int round = 1; round <= rounds; round++) {
            HttpTestClient.Response response = items.aside("POST", "/data", "{\"round\":" + round + "}");
            serving.kill();
            assertEquals(201, response.status(), response::toString);
            stored.stored(ItemClient.idOf(response), "{\"round\":" + round + "}");
            conversation.closeClients();
            serving.exitStatus(EXIT_WAIT);
            startServing();
        }
    }

    @Then("the process had exited with status {int}")
    public void hadExited(int status) {
        assertEquals(status, previousExitStatus);
    }

    /** The 100 Continue shows that a worker has the request and waits for its body. */
    @Given("a client has sent the head of a new item and half of its body")
    public void halfSentItem() throws IOException {
        byte[] body = "{\"name\":\"in flight\",\"pad\":\"xxxxxxxxxxxxxxxxxxxxxxxx\"}".getBytes(StandardCharsets.UTF_8);
        String head = new String(items.request("POST", "/data", "application/json", null, false), StandardCharsets.ISO_8859_1)
                .replace("\r\n\r\n", "\r\nContent-Length: " + body.length + "\r\nExpect: 100-continue\r\n\r\n");
        slowClient = conversation.client("in flight");
        slowClient.send(head);
        assertEquals(100, slowClient.read(false).status(), "the server should invite the body");
        slowClient.send(Arrays.copyOfRange(body, 0, body.length / 2));
        restOfBody = Arrays.copyOfRange(body, body.length / 2, body.length);
    }

    /** Returns once the server has begun its stop, which shows as new connections being refused. */
    @When("the process is sent SIGTERM")
    public void sendSigterm() throws InterruptedException {
        serving.terminate();
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(serving.address(), 500);
            } catch (IOException refused) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server still accepts connections after SIGTERM");
    }

    @When("the client sends the rest of that body")
    public void sendRest() throws IOException {
        slowClient.send(restOfBody);
        conversation.received(slowClient, slowClient.read(false));
    }

    @Then("the process exits with status {int} within {int} seconds")
    public void exitsWithin(int status, int seconds) {
        assertEquals(status, serving.exitStatus(Duration.ofSeconds(seconds)), serving::output);
    }

    @When("minihttp is run with {}")
    public void runWith(String arguments) throws IOException {
        ran = MinihttpProcess.run(List.of(arguments.split(" ")));
    }

    @Given("a port that is already in use")
    public void portInUse() throws IOException {
        portInUse = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @When("minihttp is run on that port")
    public void runOnUsedPort() throws IOException {
        ran = MinihttpProcess.run(List.of("--port=" + portInUse.getLocalPort(), "--db=mem"));
    }

    @When("a second minihttp is run on the same database file")
    public void runSecondOnSameFile() throws IOException {
        ran = MinihttpProcess.run(List.of("--port=0", "--db=file", "--db-path=" + databasePath));
    }

    @Given("a database file that holds random bytes")
    public void corruptFile() throws IOException {
        databasePath = folder().resolve("items");
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);
        Files.write(folder().resolve("items.mv.db"), noise);
    }

    @When("minihttp is run on that database file")
    public void runOnFile() throws IOException {
        ran = MinihttpProcess.run(List.of("--port=0", "--db=file", "--db-path=" + databasePath));
    }

    @When("minihttp is started on a PostgreSQL port where nothing listens")
    public void runOnNothing() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ran = MinihttpProcess.run(List.of("--port=0", "--db=postgres"), Map.of(
                "MINIHTTP_DB_URL", "jdbc:postgresql://127.0.0.1:" + port + "/items",
                "MINIHTTP_DB_USER", "minihttp", "MINIHTTP_DB_PASSWORD", "secret-password-1"));
    }

    @When("minihttp is run on that PostgreSQL database with the password {string}")
    public void runOnPostgres(String password) throws IOException {
        ran = MinihttpProcess.run(List.of("--port=0", "--db=postgres"), postgres.environment(password));
    }

    @Given("a minihttp process with the token {string} in its environment")
    public void processWithToken(String token) throws IOException {
        serving = MinihttpProcess.start(List.of("--port=0", "--db=mem", "--quiet"), Map.of("MINIHTTP_TOKEN", token));
        processes.add(serving);
        server.attach(serving.address());
    }

    @Given("a minihttp process listening on every address without a token")
    public void processOnEveryAddress() throws IOException {
        serving = MinihttpProcess.start(List.of("--host=0.0.0.0", "--port=0", "--db=mem", "--quiet"));
        processes.add(serving);
    }

    /** The content is written byte for byte (see {@link Escapes}). */
    @Given("a token file holding {string}")
    public void tokenFile(String content) throws IOException {
        tokenFile = Files.write(folder().resolve("token"), Escapes.bytes(content));
    }

    @When("minihttp is started with that token file")
    public void runWithTokenFile() throws IOException {
        ran = MinihttpProcess.run(List.of("--port=0", "--db=mem", "--token-file=" + tokenFile));
    }

    @When("minihttp is started with that token file and the token {string} in its environment")
    public void runWithBothTokens(String token) throws IOException {
        ran = MinihttpProcess.run(List.of("--port=0", "--db=mem", "--token-file=" + tokenFile),
                Map.of("MINIHTTP_TOKEN", token));
    }

    /** Log lines are written by a background thread, so the line may follow the listening line. */
    @Then("its output has a warning line containing {string}")
    public void warningLine(String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (serving.output().lines().anyMatch(line -> line.contains(" WARN ") && line.contains(text))) return;
            Thread.sleep(50);
        }
        throw new AssertionError("no warning line containing \"" + text + "\" in\n" + serving.output());
    }

    /** Checks both streams: log lines go to the standard output. */
    @Then("its output does not contain {string}")
    public void outputLacks(String text) {
        assertFalse(ran.errors().contains(text) || ran.output().contains(text),
                () -> "stdout: " + ran.output() + "\nstderr: " + ran.errors());
    }

    @Then("it exits with status {int}")
    public void exitsWith(int status) {
        processes.add(ran);
        assertEquals(status, ran.exitStatus(EXIT_WAIT), () -> "stdout: " + ran.output() + "\nstderr: " + ran.errors());
    }

    @Then("its error output starts with a one-line message naming {string}")
    public void errorNames(String named) {
        String first = ran.errors().lines().findFirst().orElse("");
        assertTrue(first.startsWith("minihttp: ") && first.contains(named), () -> "stderr: " + ran.errors());
    }

    @Then("its error output shows the usage")
    public void errorShowsUsage() {
        assertTrue(ran.errors().contains("usage: java -jar"), () -> "stderr: " + ran.errors());
    }

    @Then("its output starts with {string}")
    public void outputStartsWith(String start) {
        assertTrue(ran.output().startsWith(start), () -> "stdout: " + ran.output());
    }

    @Then("its error output is one line containing {string}")
    public void errorIsOneLine(String text) {
        String errors = ran.errors().strip();
        assertFalse(errors.contains("\n"), () -> "more than one line on stderr:\n" + errors);
        assertTrue(errors.startsWith("minihttp: ") && errors.contains(text), () -> "stderr: " + errors);
    }

    @Then("its first output line contains {string} and the port it listens on")
    public void firstLineNamesPort(String start) throws IOException {
        String first = serving.output().lines().filter(line -> line.contains("http://")).findFirst().orElse("");
        int port = serving.address().getPort();
        assertTrue(port > 0 && first.contains(start + port + "/"), () -> "stdout: " + serving.output());
        assertEquals(200, items.aside("GET", "/", null).status());
    }

    @After("@process")
    public void cleanUp() throws IOException {
        conversation.closeClients();
        for (MinihttpProcess process : processes) process.destroy();
        if (ran != null) ran.destroy();
        if (portInUse != null) portInUse.close();
        if (folder != null) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
            }
        }
    }

    private void startServing() throws IOException {
        serving = MinihttpProcess.start(List.of("--port=0", "--db=file", "--db-path=" + databasePath, "--quiet"));
        processes.add(serving);
        server.attach(serving.address());
    }

    private Path folder() throws IOException {
        if (folder == null) folder = Files.createTempDirectory("minihttp-process");
        return folder;
    }
}
