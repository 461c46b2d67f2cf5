package minihttp.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;

/**
 * The console (static/index.html) in headless Chromium: the steps click and type as a user
 * would, and check what the page shows against what the store holds, read aside over a socket.
 * "The second minihttp" is the API on another origin: the real jar run as a process, whose access
 * log shows what the browser sent, or the {@link PreflightBreakingServer} double.
 */
public final class BrowserSteps {
    private static final Pattern ACCESS_LINE = Pattern.compile("\"([A-Z]+) (\\S+) HTTP/1\\.1\" (\\d{3})");
    private static final Set<String> REVALIDATED = Set.of("console.css", "console.js", "logo.svg");

    private final Browser browser;
    private final ServerFixture server;
    private final ItemClient items;
    private MinihttpProcess secondProcess;
    private PreflightBreakingServer secondDouble;
    private String secondToken;
    /** The write the console was last asked to make, to ask the server the same aside. */
    private Write lastWrite;
    /** The item's version when the user began to edit it: what the console sends in If-Match. */
    private String versionAtEdit;

    private record Write(String method, String target, String contentType, String body, String ifMatch) {
    }

    public BrowserSteps(Browser browser, ServerFixture server, ItemClient items) {
        this.browser = browser;
        this.server = server;
        this.items = items;
    }

    @Before("@browser")
    public void startBrowserOrSkip() {
        browser.driver();
    }

    @After("@browser")
    public void closeBrowserAndSecondServer() {
        browser.quit();
        if (secondProcess != null) secondProcess.destroy();
        if (secondDouble != null) secondDouble.close();
    }

    // ---- opening the page --------------------------------------------------------------------

    @Given("the console is open in the browser")
    @When("the console is opened in the browser")
    public void openConsole() {
        open(pageUrl(""));
    }

    @Given("the console is open in the browser with ?api= naming the second minihttp")
    public void openConsoleOnSecond() {
        open(pageUrl("?api=" + origin(secondAddress())));
    }

    @When("the user types the second minihttp's address in the API field and presses Enter")
    public void connectToSecond() {
        type(element("api-base"), origin(secondAddress()));
        element("api-base").sendKeys(Keys.ENTER);
        awaitSettled();
    }

    @When("the browser opens the server's address")
    public void openRoot() {
        open(origin(server.address()) + "/");
    }

    @Then("the browser shows the console at {string}")
    public void showsConsoleAt(String path) {
        assertEquals(origin(server.address()) + path, browser.driver().getCurrentUrl());
        assertEquals("minihttp console", browser.driver().getTitle());
    }

    @When("the page is loaded again")
    public void loadAgain() {
        browser.networkEvents(); // drops the first load's events
        open(browser.driver().getCurrentUrl());
    }

    private String pageUrl(String query) {
        return origin(server.address()) + "/static/index.html" + query;
    }

    private static String origin(InetSocketAddress address) {
        return "http://" + address.getHostString() + ":" + address.getPort();
    }

    private void open(String url) {
        browser.driver().get(url);
        awaitSettled();
    }

    /** No request out, or the token dialog waiting for the user. */
    private void awaitSettled() {
        browser.waiting().withMessage("the console to finish its requests").until(driver ->
                (Boolean) script("return document.getElementById('main').getAttribute('aria-busy') === 'false'"
                        + " || document.getElementById('token-dialog').open"));
    }

    private Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) browser.driver()).executeScript(code, arguments);
    }

    private WebElement element(String id) {
        return browser.driver().findElement(By.id(id));
    }

    private void type(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    // ---- what the user does ------------------------------------------------------------------

    @When("the user adds the item {}")
    public void addItem(String json) {
        add("application/json", json);
    }

    @When("the user adds with the content type {string} the body {}")
    public void add(String contentType, String body) {
        lastWrite = new Write("POST", "/data", contentType, body, null);
        type(element("new-item"), body);
        type(element("new-type"), contentType);
        element("add-button").click();
        awaitSettled();
    }

    @When("the user edits item {long} to {}")
    public void edit(long id, String json) {
        startEditing(id);
        save(id, json);
    }

    @When("the user starts editing item {long}")
    public void startEditing(long id) {
        item(id).findElement(By.cssSelector("button.edit")).click();
        awaitSettled();
        versionAtEdit = items.aside("GET", "/data/" + id, null).header("ETag");
    }

    @When("the user saves item {long} as {}")
    public void save(long id, String json) {
        WebElement editor = item(id).findElement(By.cssSelector("textarea.item-editor"));
        lastWrite = new Write("PUT", "/data/" + id, "application/json", json, versionAtEdit);
        type(editor, json);
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        awaitSettled();
    }

    @When("the user deletes item {long}")
    public void delete(long id) {
        item(id).findElement(By.cssSelector("button.delete")).click();
        item(id).findElement(By.cssSelector("button.confirm-delete")).click();
        awaitSettled();
    }

    @When("the user goes to the {word} page")
    public void goToPage(String which) {
        element(which + "-page").click();
        awaitSettled();
    }

    @When("the user enters the token {string}")
    public void enterToken(String token) {
        type(element("token-input"), token);
        element("token-save").click();
        awaitSettled();
    }

    @When("the user tabs to the item text, types {} and presses Ctrl+Enter")
    public void addFromKeyboard(String json) {
        tabTo(element("new-item"));
        WebElement focused = browser.driver().switchTo().activeElement();
        focused.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        focused.sendKeys(json);
        focused.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        awaitSettled();
    }

    @When("the user tabs to the Delete button of item {long} and presses Enter twice")
    public void deleteFromKeyboard(long id) {
        tabTo(item(id).findElement(By.cssSelector("button.delete")));
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        // The question takes the place of the buttons, and the focus goes to its "Yes".
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        awaitSettled();
    }

    /** Presses Tab from the top of the page until the focus is on {@code target}, a bounded number of times. */
    private void tabTo(WebElement target) {
        script("document.activeElement.blur()");
        for (int presses = 0; presses < 40; presses++) {
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            if (browser.driver().switchTo().activeElement().equals(target)) return;
        }
        throw new AssertionError("Tab never reached " + target);
    }

    @When("the browser window is {int} pixels wide")
    public void narrowWindow(int width) {
        browser.driver().manage().window().setSize(new Dimension(width, 800));
    }

    @Then("the console needs no sideways scrolling")
    public void noSidewaysScrolling() {
        Object widths = script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        List<?> pair = (List<?>) widths;
        assertTrue(((Number) pair.get(0)).longValue() <= ((Number) pair.get(1)).longValue(),
                () -> "the page is " + pair.get(0) + " pixels wide in a " + pair.get(1) + "-pixel window");
    }

    @Then("the console lists no items")
    public void listsNothing() {
        assertEquals(List.of(), shownIds());
        assertTrue(element("empty").isDisplayed(), "no word that the list is empty");
    }

    @When("another client replaces item {long} with {}")
    public void replaceAside(long id, String json) {
        HttpTestClient.Response response = items.aside("PUT", "/data/" + id, json);
        assertEquals(200, response.status(), () -> "the other client's PUT got\n" + response);
    }

    // ---- what the page shows -----------------------------------------------------------------

    private WebElement item(long id) {
        return browser.driver().findElement(By.cssSelector("#items li.item[data-id='" + id + "']"));
    }

    /** The JSON text of each item the page lists, in order. */
    private List<String> shownItems() {
        return browser.driver().findElements(By.cssSelector("#items li.item .item-json")).stream()
                .map(WebElement::getText).toList();
    }

    private List<Long> shownIds() {
        return browser.driver().findElements(By.cssSelector("#items li.item")).stream()
                .map(item -> Long.parseLong(item.getAttribute("data-id"))).toList();
    }

    @Then("the console shows the item {}")
    public void showsItem(String json) {
        assertTrue(shownItems().contains(json), () -> "the console lists " + shownItems() + ", not " + json
                + "; its messages: " + messages());
    }

    @Then("the console lists only the item(s) {long}")
    public void listsOnly(long id) {
        assertEquals(List.of(id), shownIds(), this::messages);
    }

    @Then("the console lists the items {long} to {long}")
    public void listsRange(long first, long last) {
        assertEquals(LongStream.rangeClosed(first, last).boxed().toList(), shownIds(), this::messages);
    }

    @Then("the console has no next page")
    public void noNextPage() {
        assertTrue(!element("next-page").isEnabled(), "the Next button is still enabled");
    }

    @Then("the console shows the server's error for that request with status {int}")
    public void showsServersError(int status) {
        HttpTestClient.Response direct = sendAside(lastWrite);
        assertEquals(status, direct.status(), () -> "asked aside, the server answered\n" + direct);
        String message = readJson(direct.bodyText()).path("error").asText();
        WebElement error = element("error");
        assertTrue(error.isDisplayed(), () -> "no error is shown; the status line says: " + element("status").getText());
        assertTrue(error.getText().startsWith(status + " "), () -> "the error shown is: " + error.getText());
        assertTrue(error.getText().contains(message),
                () -> "the error shown is \"" + error.getText() + "\", not the server's \"" + message + "\"");
    }

    @Then("the console asks for the write token")
    public void asksForToken() {
        assertTrue(element("token-dialog").isDisplayed(), () -> "no token prompt; the page says: " + messages());
        assertTrue(element("error").getText().isEmpty(), () -> "an error shows beside the prompt: " + messages());
        assertEquals(element("token-input"), browser.driver().switchTo().activeElement(), "the token field has no focus");
    }

    @Then("the console asks for the write token, saying the server refused it")
    public void asksAgain() {
        asksForToken();
        assertTrue(element("token-reason").getText().contains("refused"), element("token-reason").getText());
    }

    @Then("the browser keeps the token {string} in the page's session storage only")
    public void tokenInSessionStorageOnly(String token) {
        assertEquals(List.of(token), script("return Object.values(sessionStorage)"));
        assertEquals(0L, script("return localStorage.length"));
        assertEquals("", script("return document.cookie"));
        assertTrue(!browser.driver().getCurrentUrl().contains(token), "the token is in the page's URL");
    }

    @Then("the console says the browser got no answer it may read")
    public void saysNoAnswer() {
        String shown = element("error").getText();
        assertTrue(shown.contains("got no answer") && shown.contains("CORS"), () -> "the error shown is: " + shown);
    }

    @Then("a screenshot of the console is saved as {string}")
    public void screenshot(String path) throws IOException {
        Path target = Path.of(path);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path taken = browser.driver().getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(taken, target, StandardCopyOption.REPLACE_EXISTING);
        byte[] png = Files.readAllBytes(target);
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "not a PNG: " + target);
    }

    private String messages() {
        return "error: \"" + element("error").getText() + "\", status: \"" + element("status").getText() + "\"";
    }

    // ---- the browser's own reports -----------------------------------------------------------

    @Then("the browser's console has no errors")
    public void noConsoleErrors() {
        List<String> errors = browser.consoleEntries().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        assertEquals(List.of(), errors);
    }

    @Then("the browser's console reports the CORS refusal")
    public void consoleReportsCors() {
        List<String> messages = browser.consoleEntries().stream().map(LogEntry::getMessage).toList();
        assertTrue(messages.stream().anyMatch(message -> message.contains("blocked by CORS policy")
                        && message.contains("Access-Control-Allow-Headers")),
                () -> "no CORS refusal in the browser's console: " + messages);
    }

    @Then("the page has its stylesheet, its script and its image")
    public void pageIsComplete() {
        assertEquals("rgb(243, 245, 247)", script("return getComputedStyle(document.documentElement).backgroundColor"),
                "the stylesheet's background is not applied");
        assertEquals("false", element("main").getAttribute("aria-busy"), "the script did not load the list");
        assertTrue(!element("page-info").getText().isEmpty(), "the script did not show the page of items");
        assertEquals(true, script("const logo = document.getElementById('logo');"
                + " return logo.complete && logo.naturalWidth > 0"), "the image did not load");
    }

    /**
     * From the DevTools network events of the second load: each file was asked again (its
     * Cache-Control is no-cache) and the answer was 304, not the file once more.
     */
    @Then("the browser revalidated the stylesheet, the script and the image with 304")
    public void revalidated() {
        Map<String, Integer> statuses = new TreeMap<>();
        for (LogEntry entry : browser.networkEvents()) {
            JsonNode message = readJson(entry.getMessage()).path("message");
            if (!message.path("method").asText().equals("Network.responseReceived")) continue;
            JsonNode response = message.path("params").path("response");
            String url = response.path("url").asText();
            String file = url.substring(url.lastIndexOf('/') + 1);
            if (REVALIDATED.contains(file)) statuses.put(file, response.path("status").asInt());
        }
        assertEquals(REVALIDATED.stream().collect(Collectors.toMap(file -> file, file -> 304, (a, b) -> a, TreeMap::new)),
                statuses);
    }

    private static JsonNode readJson(String text) {
        try {
            return ItemClient.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the store ---------------------------------------------------------------------------

    @Then("the store holds item {long} as {}")
    public void storeHolds(long id, String json) {
        HttpTestClient.Response response = items.aside("GET", "/data/" + id, null);
        assertEquals(200, response.status(), response::toString);
        assertEquals(json, response.bodyText());
    }

    @Then("the store has no item {long}")
    public void storeHasNo(long id) {
        assertEquals(404, items.aside("GET", "/data/" + id, null).status());
    }

    @Then("the store holds no items")
    @Then("the minihttp that served the page holds no items")
    public void storeEmpty() {
        assertEquals(List.of(), items.listAll());
    }

    private HttpTestClient.Response sendAside(Write write) {
        byte[] body = write.body().getBytes(StandardCharsets.UTF_8);
        List<String> fields = new ArrayList<>();
        if (server.token() != null) fields.add("Authorization: Bearer " + server.token());
        if (write.ifMatch() != null) fields.add("If-Match: " + write.ifMatch());
        try (HttpTestClient client = new HttpTestClient(server.address())) {
            client.send(items.request(write.method(), write.target(), write.contentType(), body, true, fields));
            return client.read(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the second minihttp -----------------------------------------------------------------

    @Given("a second minihttp runs as its own process, logging each request")
    public void secondProcess() throws IOException {
        secondProcess = MinihttpProcess.start(List.of("--port=0", "--db=mem"));
    }

    @Given("a second minihttp runs as its own process with the token {string} for reads and writes")
    public void secondProcessWithToken(String token) throws IOException {
        secondToken = token;
        secondProcess = MinihttpProcess.start(List.of("--port=0", "--db=mem", "--protect-reads"),
                Map.of("MINIHTTP_TOKEN", token));
    }

    @Given("a second minihttp whose preflight answers leave out Access-Control-Allow-Headers")
    public void secondDouble() throws IOException {
        secondDouble = new PreflightBreakingServer();
    }

    private InetSocketAddress secondAddress() {
        return secondProcess != null ? secondProcess.address() : secondDouble.address();
    }

    /** "METHOD target" of each request the second minihttp was asked, in order. */
    private List<String> askedOfSecond() {
        if (secondDouble != null) return secondDouble.asked();
        List<String> asked = new ArrayList<>();
        Matcher line = ACCESS_LINE.matcher(secondProcess.output());
        while (line.find()) asked.add(line.group(1) + " " + line.group(2));
        return asked;
    }

    @Then("the second minihttp holds only {}")
    public void secondHoldsOnly(String json) {
        assertEquals("[" + json + "]", listOfSecond());
    }

    @Then("the second minihttp holds no items")
    public void secondHoldsNothing() {
        assertEquals("[]", listOfSecond());
    }

    private String listOfSecond() {
        try (HttpTestClient client = new HttpTestClient(secondAddress())) {
            String authorization = secondToken == null ? "" : "Authorization: Bearer " + secondToken + "\r\n";
            client.send("GET /data HTTP/1.1\r\nHost: " + origin(secondAddress()).substring(7) + "\r\n" + authorization
                    + "Connection: close\r\n\r\n");
            HttpTestClient.Response response = client.read(false);
            assertEquals(200, response.status(), response::toString);
            return response.bodyText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Each row is a preflight and the write it was for: the write came, and the preflight came
     * before it. A browser caches a preflight per URL, so a second write to the same URL may
     * come without one; the first may not.
     */
    @Then("the second minihttp's log shows each write preceded by its preflight:")
    public void preflightsBeforeWrites(DataTable pairs) {
        List<String> asked = awaitAsked(pairs.asLists().stream().map(pair -> pair.get(1)).toList());
        for (List<String> pair : pairs.asLists()) {
            int preflight = asked.indexOf(pair.get(0));
            int write = asked.indexOf(pair.get(1));
            assertTrue(preflight >= 0 && preflight < write,
                    () -> pair.get(1) + " was not preceded by " + pair.get(0) + " in " + asked);
        }
    }

    @Then("the second minihttp was asked the preflight for POST \\/data but never the POST")
    public void askedOnlyPreflight() {
        List<String> asked = awaitAsked(List.of("OPTIONS /data"));
        assertTrue(!asked.contains("POST /data"), () -> "the browser sent the POST after all: " + asked);
    }

    /** The access log line is written after the answer, so it may trail the page by a moment. */
    private List<String> awaitAsked(List<String> expected) {
        long deadline = System.nanoTime() + Browser.WAIT.toNanos();
        List<String> asked = askedOfSecond();
        while (!asked.containsAll(expected) && System.nanoTime() < deadline) {
            sleep();
            asked = askedOfSecond();
        }
        return asked;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
