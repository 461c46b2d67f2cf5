package minihttp.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.stream.LongStream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in headless Chromium: the steps click and type as a user would, and check what the
 * page shows against what the store holds, asked aside over a socket ({@link ConsoleApi}).
 */
public final class BrowserSteps {
    private static final List<String> REVALIDATED = List.of("console.css", "console.js", "logo.svg");

    private final Browser browser;
    private final ConsolePage page;
    private final ConsoleApi api;
    private final ItemClient items;
    /** The write the console was last asked to make, to ask the server the same aside. */
    private Write lastWrite;
    /** The item's version when the user began to edit it: what the console sends in If-Match. */
    private String versionAtEdit;
    private String closedPortAddress;

    private record Write(String method, String target, String contentType, String body, String ifMatch) {
    }

    public BrowserSteps(Browser browser, ConsolePage page, ConsoleApi api, ItemClient items) {
        this.browser = browser;
        this.page = page;
        this.api = api;
        this.items = items;
    }

    @Before("@browser")
    public void startBrowserOrSkip() {
        browser.driver();
    }

    @After("@browser")
    public void closeBrowser() {
        browser.quit();
    }

    // ---- opening the page --------------------------------------------------------------------

    @Given("the console is open in the browser")
    @When("the console is opened in the browser")
    public void openConsole() {
        page.open("");
    }

    @When("the console is opened in the browser with ?api={}")
    public void openWithApi(String api) {
        page.open("?api=" + api);
    }

    @Then("the console says {string}")
    public void says(String text) {
        assertTrue(page.element("error").getText().contains(text), page::messages);
    }

    @When("the browser opens the server's address")
    public void openRoot() {
        page.openUrl(page.serverOrigin() + "/");
    }

    @Then("the browser shows the console at {string}")
    public void showsConsoleAt(String path) {
        assertEquals(page.serverOrigin() + path, page.driver().getCurrentUrl());
        assertEquals("minihttp console", page.driver().getTitle());
    }

    @When("the page is loaded again")
    public void loadAgain() {
        browser.networkEvents(); // drops the first load's events
        page.openUrl(page.driver().getCurrentUrl());
    }

    @When("the user types {string} in the API field and presses Enter")
    public void connect(String address) {
        page.type(page.element("api-base"), address);
        page.element("api-base").sendKeys(Keys.ENTER);
        page.awaitIdle();
    }

    /** A port that was just bound and closed (Chromium itself refuses some ports, such as 1, before trying). */
    @When("the user types the address of a closed port, without http:\\/\\/, in the API field and presses Enter")
    public void connectToClosedPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        closedPortAddress = "127.0.0.1:" + port;
        connect(closedPortAddress);
    }

    @Then("the API field holds that address with http:\\/\\/")
    public void apiFieldHoldsClosedPort() {
        apiField("http://" + closedPortAddress);
    }

    // ---- what the user does ------------------------------------------------------------------

    @When("the user adds the item {}")
    public void addItem(String json) {
        add("application/json", json);
    }

    @When("the user adds with the content type {string} the body {}")
    public void add(String contentType, String body) {
        lastWrite = new Write("POST", "/data", contentType, body, null);
        page.type(page.element("new-item"), body);
        page.type(page.element("new-type"), contentType);
        page.element("add-button").click();
        page.awaitIdle();
    }

    @When("the user double-clicks Add with the item {}")
    public void doubleClickAdd(String json) {
        page.type(page.element("new-item"), json);
        // Two clicks in one task: nothing of the first action's can have finished before the second.
        page.script("const add = document.getElementById('add-button'); add.click(); add.click();");
        page.awaitIdle();
        // Were the second click not ignored, its POST could still be on its way when the first action ends.
        sleep(300);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @When("the user edits item {long} to {}")
    public void edit(long id, String json) {
        startEditing(id);
        save(id, json);
    }

    @When("the user starts editing item {long}")
    public void startEditing(long id) {
        page.button(id, "edit").click();
        page.awaitIdle();
        versionAtEdit = api.get("/data/" + id).header("ETag");
    }

    /** With the mouse: the Save button (the keyboard scenario sends with Ctrl+Enter). */
    @When("the user saves item {long} as {}")
    public void save(long id, String json) {
        lastWrite = new Write("PUT", "/data/" + id, "application/json", json, versionAtEdit);
        page.type(page.item(id).findElement(By.cssSelector("textarea.item-editor")), json);
        page.button(id, "save").click();
        page.awaitIdle();
    }

    @When("the user deletes item {long}")
    public void delete(long id) {
        page.button(id, "delete").click();
        page.button(id, "confirm-delete").click();
        page.awaitIdle();
    }

    @When("the user goes to the {word} page")
    public void goToPage(String which) {
        page.element(which + "-page").click();
        page.awaitIdle();
    }

    @When("the user shows {int} items a page")
    public void pageSize(int size) {
        new Select(page.element("page-size")).selectByVisibleText(String.valueOf(size));
        page.awaitIdle();
    }

    @When("the user clicks Refresh")
    public void refresh() {
        page.element("refresh").click();
        page.awaitIdle();
    }

    @When("the user enters the token {string}")
    public void enterToken(String token) {
        page.type(page.element("token-input"), token);
        page.element("token-save").click();
        page.awaitIdle();
    }

    @When("another client stores the item {}")
    public void storeAside(String json) {
        HttpTestClient.Response response = api.send("POST", "/data", "application/json", json, List.of());
        assertEquals(201, response.status(), () -> "the other client's POST got\n" + response);
    }

    @When("another client stores {int} items")
    public void storeManyAside(int count) {
        for (int n = 1; n <= count; n++) storeAside("{\"n\":" + n + "}");
    }

    @When("the user forgets the token")
    public void forgetToken() {
        page.element("forget-token").click();
        page.awaitIdle();
    }

    @When("the user presses Escape in the token prompt")
    public void escapeTokenPrompt() {
        page.element("token-input").sendKeys(Keys.ESCAPE);
        page.awaitIdle();
    }

    @When("another client replaces item {long} with {}")
    public void replaceAside(long id, String json) {
        HttpTestClient.Response response = api.send("PUT", "/data/" + id, "application/json", json, List.of());
        assertEquals(200, response.status(), () -> "the other client's PUT got\n" + response);
    }

    // ---- from the keyboard alone ---------------------------------------------------------------

    @When("the user tabs to the item text, types {} and presses Ctrl+Enter")
    public void addFromKeyboard(String json) {
        page.tabTo(page.element("new-item"));
        typeAndSend(json);
    }

    @When("the user types {} and presses Ctrl+Enter")
    public void typeAndSend(String json) {
        WebElement field = page.focused();
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(json);
        field.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        page.awaitIdle();
    }

    @When("the user tabs to the {word} button of item {long} and presses Enter")
    public void pressItemButton(String which, long id) {
        page.tabTo(page.button(id, which.toLowerCase()));
        page.focused().sendKeys(Keys.ENTER);
        page.awaitIdle();
    }

    @When("the user tabs to the Delete button of item {long} and presses Enter twice")
    public void deleteFromKeyboard(long id) {
        pressItemButton("Delete", id);
        // The question takes the place of the buttons, and the focus goes to its "Yes".
        page.focused().sendKeys(Keys.ENTER);
        page.awaitIdle();
    }

    @When("the user tabs to the Next button and presses Enter")
    public void nextFromKeyboard() {
        page.tabTo(page.element("next-page"));
        page.focused().sendKeys(Keys.ENTER);
        page.awaitIdle();
    }

    @Then("the keyboard focus is in the editor of item {long}")
    public void focusInEditor(long id) {
        assertEquals("item-editor", page.focused().getAttribute("class"));
        assertEquals(page.item(id), page.focused().findElement(By.xpath("./ancestor::li")));
    }

    @Then("the keyboard focus is on the Edit button of item {long}")
    public void focusOnEdit(long id) {
        assertEquals(page.button(id, "edit"), page.focused(), () -> "the focus is on " + describeFocus());
    }

    @Then("the keyboard focus is on the list's heading")
    public void focusOnHeading() {
        assertEquals(page.element("items-heading"), page.focused(), () -> "the focus is on " + describeFocus());
    }

    private String describeFocus() {
        return String.valueOf(page.script("const e = document.activeElement; return e.tagName + '#' + e.id + '.' + e.className"));
    }

    @When("the browser window is {int} pixels wide")
    public void narrowWindow(int width) {
        page.driver().manage().window().setSize(new Dimension(width, 800));
        assertEquals((long) width, page.script("return window.innerWidth"), "the window did not shrink");
    }

    @Then("the console needs no sideways scrolling")
    public void noSidewaysScrolling() {
        List<?> widths = (List<?>) page.script(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        assertTrue(((Number) widths.get(0)).longValue() <= ((Number) widths.get(1)).longValue(),
                () -> "the page is " + widths.get(0) + " pixels wide in a " + widths.get(1) + "-pixel window");
    }

    // ---- what the page shows -----------------------------------------------------------------

    @Then("the console shows the item {}")
    public void showsItem(String json) {
        assertTrue(page.shownItems().contains(json), () -> "the console lists " + page.shownItems() + ", not " + json
                + "; " + page.messages());
    }

    @Then("the console lists only the item(s) {long}")
    public void listsOnly(long id) {
        assertEquals(List.of(id), page.shownIds(), page::messages);
    }

    @Then("the console lists the items {long} to {long}")
    public void listsRange(long first, long last) {
        assertEquals(LongStream.rangeClosed(first, last).boxed().toList(), page.shownIds(), page::messages);
    }

    @Then("the console lists no items")
    public void listsNothing() {
        assertEquals(List.of(), page.shownIds());
        assertTrue(page.element("empty").isDisplayed(), "no word that the list is empty");
    }

    @Then("the console shows no items, and does not say the store is empty")
    public void showsNothing() {
        assertEquals(List.of(), page.shownIds());
        assertFalse(page.element("empty").isDisplayed(), "it says the list is empty, though no server answered");
    }

    @Then("the console has no next page")
    public void noNextPage() {
        assertFalse(page.element("next-page").isEnabled(), "the Next button is still enabled");
    }

    @Then("the API field holds {string}")
    public void apiField(String value) {
        assertEquals(value, page.element("api-base").getAttribute("value"));
    }

    @Then("the console shows the server's error for that request with status {int}")
    public void showsServersError(int status) {
        List<String> fields = lastWrite.ifMatch() == null ? List.of() : List.of("If-Match: " + lastWrite.ifMatch());
        HttpTestClient.Response direct = api.send(lastWrite.method(), lastWrite.target(), lastWrite.contentType(),
                lastWrite.body(), fields);
        assertEquals(status, direct.status(), () -> "asked aside, the server answered\n" + direct);
        String message = readJson(direct.bodyText()).path("error").asText();
        assertFalse(message.isEmpty(), () -> "no error message in\n" + direct);
        WebElement error = page.element("error");
        assertTrue(error.isDisplayed(), page::messages);
        assertTrue(error.getText().startsWith(status + " "), () -> "the error shown is: " + error.getText());
        assertTrue(error.getText().contains(message),
                () -> "the error shown is \"" + error.getText() + "\", not the server's \"" + message + "\"");
    }

    @Then("the console shows no error")
    public void noError() {
        assertFalse(page.element("error").isDisplayed(), page::messages);
    }

    @Then("the console says it will not edit item {long} without its ETag")
    public void refusesToEditBlind(long id) {
        String shown = page.element("error").getText();
        assertTrue(shown.contains("ETag") && shown.contains("not editing"), () -> "the error shown is: " + shown);
        assertTrue(page.item(id).findElements(By.cssSelector("textarea")).isEmpty(),
                "an editor opened anyway");
    }

    @Then("the console asks for the token")
    public void asksForToken() {
        assertTrue(page.element("token-dialog").isDisplayed(), page::messages);
        assertFalse(page.element("error").isDisplayed(), () -> "an error shows beside the prompt: " + page.messages());
        assertEquals(page.element("token-input"), page.focused(), "the token field has no focus");
    }

    @Then("the console asks for the token, saying the server refused it")
    public void asksAgain() {
        asksForToken();
        String reason = page.element("token-reason").getText();
        assertTrue(reason.contains("refused"), reason);
    }

    @Then("the browser keeps the token {string} in the page's session storage only")
    public void tokenInSessionStorageOnly(String token) {
        assertEquals(List.of(token), page.script("return Object.values(sessionStorage)"));
        assertEquals(0L, page.script("return localStorage.length"));
        assertEquals("", page.script("return document.cookie"));
        assertFalse(page.driver().getCurrentUrl().contains(token), "the token is in the page's URL");
    }

    @Then("the console says the browser got no answer it may read")
    public void saysNoAnswer() {
        String shown = page.element("error").getText();
        assertTrue(shown.contains("got no answer") && shown.contains("CORS"), () -> "the error shown is: " + shown);
    }

    @Then("a screenshot of the console is saved as {string}")
    public void screenshot(String path) throws IOException {
        Path target = Path.of(path);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path taken = page.driver().getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(taken, target, StandardCopyOption.REPLACE_EXISTING);
        byte[] png = Files.readAllBytes(target);
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "not a PNG: " + target);
    }

    // ---- the browser's own reports -----------------------------------------------------------

    @Then("the browser's console has no errors")
    public void noConsoleErrors() {
        List<String> errors = browser.consoleEntries().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
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
        assertEquals("rgb(243, 245, 247)", page.script("return getComputedStyle(document.documentElement).backgroundColor"),
                "the stylesheet's background is not applied");
        assertFalse(page.element("page-info").getText().isEmpty(), "the script did not show the page of items");
        assertEquals(true, page.script("const logo = document.getElementById('logo');"
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
        Map<String, Integer> expected = new TreeMap<>();
        REVALIDATED.forEach(file -> expected.put(file, 304));
        assertEquals(expected, statuses);
    }

    private static JsonNode readJson(String text) {
        try {
            return ItemClient.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the store the console talks to --------------------------------------------------------

    @Then("the store holds item {long} as {}")
    public void storeHolds(long id, String json) {
        HttpTestClient.Response response = api.get("/data/" + id);
        assertEquals(200, response.status(), response::toString);
        assertEquals(json, response.bodyText());
    }

    @Then("the store has no item {long}")
    public void storeHasNo(long id) {
        assertEquals(404, api.get("/data/" + id).status());
    }

    @Then("the store holds no items")
    public void storeEmpty() {
        assertEquals("[]", api.get("/data").bodyText());
    }

    @Then("the store holds only {}")
    public void storeHoldsOnly(String json) {
        assertEquals("[" + json + "]", api.get("/data").bodyText());
    }

    @Then("the minihttp that served the page holds no items")
    public void pageServerEmpty() {
        assertEquals(new ArrayList<>(), items.listAll());
    }
}
