package minihttp.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.util.List;
import org.openqa.selenium.Keys;

/**
 * The console served by one minihttp driving a second one on another port: the real
 * cross-origin case, where the browser preflights each write, and doubles whose CORS answers
 * are broken on purpose, which the browser must refuse.
 */
public final class CrossOriginSteps {
    private final SecondMinihttp second;
    private final ConsolePage page;
    private final ConsoleApi api;

    public CrossOriginSteps(SecondMinihttp second, ConsolePage page, ConsoleApi api) {
        this.second = second;
        this.page = page;
        this.api = api;
    }

    @After("@browser")
    public void stopSecond() {
        second.stop();
    }

    @Given("a second minihttp runs as its own process, logging each request")
    public void secondProcess() throws IOException {
        second.startProcess(List.of(), null);
    }

    @Given("a second minihttp runs as its own process with the token {string} for reads and writes")
    public void secondProcessWithToken(String token) throws IOException {
        second.startProcess(List.of("--protect-reads"), token);
    }

    @Given("a second minihttp whose preflight answers leave out Access-Control-Allow-Headers")
    public void preflightBreakingDouble() throws IOException {
        second.startDouble(BrokenCorsServer.Breakage.PREFLIGHT_WITHOUT_ALLOW_HEADERS);
    }

    @Given("a second minihttp whose answers do not expose ETag to scripts")
    public void etagHidingDouble() throws IOException {
        second.startDouble(BrokenCorsServer.Breakage.ETAG_NOT_EXPOSED);
    }

    @Given("the console is open in the browser with ?api= naming the second minihttp")
    public void openOnSecond() {
        api.pointAtSecond();
        page.open("?api=" + ConsolePage.origin(second.address()));
    }

    @When("the user types the second minihttp's address in the API field and presses Enter")
    public void connectToSecond() {
        api.pointAtSecond();
        page.type(page.element("api-base"), ConsolePage.origin(second.address()));
        page.element("api-base").sendKeys(Keys.ENTER);
        page.awaitIdle();
    }

    @Then("the second minihttp holds only {}")
    public void holdsOnly(String json) {
        assertEquals("[" + json + "]", api.getFromSecond("/data").bodyText());
    }

    @Then("the second minihttp holds no items")
    public void holdsNothing() {
        assertEquals("[]", api.getFromSecond("/data").bodyText());
    }

    /**
     * Each row is a preflight and the write it was for: both came, the preflight first. A
     * browser caches a preflight per URL, so a later write to the same URL may come without one;
     * the first may not.
     */
    @Then("the second minihttp's log shows each write preceded by its preflight:")
    public void preflightsBeforeWrites(DataTable pairs) {
        List<String> asked = awaitAsked(pairs.asLists().stream().flatMap(List::stream).toList());
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
        assertTrue(asked.contains("OPTIONS /data"), () -> "no preflight came: " + asked);
        assertFalse(asked.contains("POST /data"), () -> "the browser sent the POST after all: " + asked);
    }

    /** An access log line is written after its answer is sent, so it may trail the page by a moment. */
    private List<String> awaitAsked(List<String> expected) {
        long deadline = System.nanoTime() + Browser.WAIT.toNanos();
        List<String> asked = second.asked();
        while (!asked.containsAll(expected) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            asked = second.asked();
        }
        return asked;
    }
}
