package minihttp.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.After;
import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.opentest4j.TestAbortedException;

/**
 * The /static/ route: a folder of the scenario's own ({@link StaticFolder}), requests that send
 * back the validators the client was given, and checks of bodies against the files on disk.
 */
public final class StaticSteps {
    /** RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; strong means without W/. */
    private static final String STRONG_ETAG = "\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\"";
    private static final int MIB = 1024 * 1024;

    /** What a request sends back: a validator from the response the client has fetched. */
    enum Validator {
        ETAG, WEAK_ETAG, LAST_MODIFIED
    }

    private final StaticFolder folder;
    private final Conversation conversation;
    private HttpTestClient.Response fetched;

    public StaticSteps(StaticFolder folder, Conversation conversation) {
        this.folder = folder;
        this.conversation = conversation;
    }

    @ParameterType("its ETag marked weak|its ETag|its Last-Modified")
    public Validator fileValidator(String phrase) {
        return switch (phrase) {
            case "its ETag marked weak" -> Validator.WEAK_ETAG;
            case "its ETag" -> Validator.ETAG;
            default -> Validator.LAST_MODIFIED;
        };
    }

    @After
    public void deleteTheFolder() throws IOException {
        folder.delete();
    }

    /** Columns path (relative, "/"-separated) and content (UTF-8 text). */
    @Given("the static folder holds:")
    public void holds(DataTable files) throws IOException {
        for (Map<String, String> row : files.asMaps()) {
            String content = row.get("content") == null ? "" : row.get("content");
            folder.write(row.get("path"), content.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Given("the static folder has since been created holding:")
    public void createdHolding(DataTable files) throws IOException {
        holds(files);
    }

    /** The same random bytes on every run. */
    @Given("the static folder holds {string} with {int} MiB of random bytes")
    public void holdsRandomBytes(String relative, int mebibytes) throws IOException {
        byte[] content = new byte[mebibytes * MIB];
        new Random(relative.hashCode()).nextBytes(content);
        folder.write(relative, content);
    }

    @Given("outside the static folder lies {string} holding {string}")
    public void outside(String name, String content) throws IOException {
        folder.writeOutside(name, content);
    }

    /** Skips the scenario where the file system cannot make symbolic links. */
    @Given("the static folder holds a link {string} to {string}")
    public void holdsLink(String relative, String target) throws IOException {
        try {
            folder.link(relative, target);
        } catch (UnsupportedOperationException | SecurityException e) {
            throw new TestAbortedException("this file system cannot make symbolic links", e);
        } catch (FileSystemException e) {
            // Windows without the privilege to make links
            throw new TestAbortedException("cannot make a symbolic link here: " + e.getMessage(), e);
        }
    }

    @Given("the static folder does not exist")
    public void doesNotExist() {
        assertFalse(Files.exists(folder.root()));
    }

    @Given("{string} was last modified on {string}")
    public void lastModified(String relative, String httpDate) throws IOException {
        Instant time = ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Files.setLastModifiedTime(existing(relative), FileTime.from(time));
    }

    /** New content, and a modification time of now: later than any the file had. */
    @Given("{string} has since changed to {string}")
    public void changed(String relative, String content) throws IOException {
        Path file = existing(relative);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    }

    /** The response's validators are what later steps send back as "its ETag" and so on. */
    @Given("the client has fetched {word}")
    public void hasFetched(String target) throws IOException {
        HttpTestClient.Response response = exchange("GET", target, List.of());
        assertEquals(200, response.status(), () -> "fetching " + target + " should succeed:\n" + response);
        fetched = response;
    }

    @Given("the server has answered GET {word} with {int}")
    public void hasAnswered(String target, int status) throws IOException {
        HttpTestClient.Response response = exchange("GET", target, List.of());
        assertEquals(status, response.status(), response::toString);
    }

    @When("the client requests {word} {word} with {string} set to {fileValidator}")
    public void requestsWithValidator(String method, String target, String field, Validator validator)
            throws IOException {
        exchange(method, target, List.of(field + ": " + validator(validator)));
    }

    @When("the client requests {word} {word} with {string} set to {fileValidator} and the header {string}")
    public void requestsWithValidatorAndHeader(String method, String target, String field, Validator validator,
                                               String other) throws IOException {
        exchange(method, target, List.of(field + ": " + validator(validator), other));
    }

    @Then("the response has a strong ETag")
    public void strongETag() {
        String etag = response().header("ETag");
        assertNotNull(etag, this::shown);
        assertTrue(etag.matches(STRONG_ETAG), () -> "not a strong entity-tag: " + etag + "\n" + shown());
    }

    /** Equal to that of the response the client fetched before. */
    @Then("the response header {string} is unchanged")
    public void headerUnchanged(String name) {
        assertNotNull(fetched.header(name), () -> "the fetched response had no " + name);
        assertEquals(fetched.headers(name), response().headers(name), this::shown);
    }

    @Then("the response header {string} has changed")
    public void headerChanged(String name) {
        assertNotNull(response().header(name), this::shown);
        assertNotEquals(fetched.headers(name), response().headers(name), this::shown);
    }

    /** Inclusive, as in a Range field. */
    @Then("the response body is bytes {int} to {int} of {string}")
    public void bodyIsPart(int first, int last, String relative) throws IOException {
        byte[] content = Files.readAllBytes(existing(relative));
        assertArrayEquals(Arrays.copyOfRange(content, first, last + 1), response().body(),
                () -> "bytes " + first + " to " + last + " of " + relative);
    }

    @Then("the response body is the whole of {string}")
    public void bodyIsWhole(String relative) throws IOException {
        byte[] content = Files.readAllBytes(existing(relative));
        byte[] body = response().body();
        assertEquals(content.length, body.length, "body length");
        assertEquals(sha256(content), sha256(body), "SHA-256 of the body");
    }

    /**
     * Neither the body nor any header field holds the content of a file outside the folder or of
     * a dotfile inside it.
     */
    @Then("the response reveals no secret")
    public void revealsNoSecret() {
        HttpTestClient.Response response = response();
        List<String> seen = new ArrayList<>();
        seen.add(new String(response.body(), StandardCharsets.ISO_8859_1));
        response.headers().forEach(field -> seen.add(field.getValue()));
        assertFalse(folder.secrets().isEmpty(), "the scenario has no secret to keep");
        for (String secret : folder.secrets()) {
            for (String text : seen) assertFalse(text.contains(secret), () -> "revealed " + secret + " in\n" + response);
        }
    }

    private String validator(Validator validator) {
        if (fetched == null) throw new IllegalStateException("the client has fetched nothing yet");
        String etag = fetched.header("ETag");
        String lastModified = fetched.header("Last-Modified");
        return switch (validator) {
            case ETAG -> require(etag, "ETag");
            case WEAK_ETAG -> "W/" + require(etag, "ETag");
            case LAST_MODIFIED -> require(lastModified, "Last-Modified");
        };
    }

    private String require(String value, String name) {
        if (value == null) throw new IllegalStateException("the fetched response had no " + name + ":\n" + fetched);
        return value;
    }

    private Path existing(String relative) {
        Path file = folder.inside(relative);
        assertTrue(Files.isRegularFile(file), () -> "no file " + relative + " in the static folder");
        return file;
    }

    private HttpTestClient.Response exchange(String method, String target, List<String> fields) throws IOException {
        HttpTestClient client = conversation.client();
        client.send(conversation.request(method, target, fields));
        HttpTestClient.Response response = client.read(method.equals("HEAD"));
        conversation.received(client, response);
        return response;
    }

    private HttpTestClient.Response response() {
        return conversation.response();
    }

    private String shown() {
        return "response:\n" + response();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
