package minihttp.spec;

import java.net.InetSocketAddress;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The console (static/index.html) in the scenario's browser, as the steps see it: opened from
 * the scenario's server, its fields and buttons found by id, and waited on until it is idle.
 * Created per scenario by PicoContainer; not thread-safe.
 */
public final class ConsolePage {
    private final Browser browser;
    private final ServerFixture server;

    public ConsolePage(Browser browser, ServerFixture server) {
        this.browser = browser;
        this.server = server;
    }

    ChromeDriver driver() {
        return browser.driver();
    }

    static String origin(InetSocketAddress address) {
        return "http://" + address.getHostString() + ":" + address.getPort();
    }

    /** The page server's origin. */
    String serverOrigin() {
        return origin(server.address());
    }

    /** Opens static/index.html from the scenario's server, with this query ("" or "?…"). */
    void open(String query) {
        openUrl(serverOrigin() + "/static/index.html" + query);
    }

    void openUrl(String url) {
        driver().get(url);
        awaitIdle();
    }

    /**
     * The console marks the body data-busy from the moment an action starts (in the click's own
     * event handler, so a wait that follows a click cannot miss it) until all its requests are
     * done; a token prompt waits for the user instead.
     */
    void awaitIdle() {
        browser.waiting().withMessage("the console to finish its action").until(driver ->
                (Boolean) script("return document.body.dataset.busy === 'false'"
                        + " || document.getElementById('token-dialog').open"));
    }

    Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) driver()).executeScript(code, arguments);
    }

    WebElement element(String id) {
        return driver().findElement(By.id(id));
    }

    WebElement focused() {
        return driver().switchTo().activeElement();
    }

    void type(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    WebElement item(long id) {
        return driver().findElement(By.cssSelector("#items li.item[data-id='" + id + "']"));
    }

    WebElement button(long id, String kind) {
        return item(id).findElement(By.cssSelector("button." + kind));
    }

    /** The JSON text of each item the page lists, in order. */
    List<String> shownItems() {
        return driver().findElements(By.cssSelector("#items li.item .item-json")).stream()
                .map(WebElement::getText).toList();
    }

    List<Long> shownIds() {
        return driver().findElements(By.cssSelector("#items li.item")).stream()
                .map(item -> Long.parseLong(item.getAttribute("data-id"))).toList();
    }

    /** What the page says, for failure messages. */
    String messages() {
        return "error: \"" + element("error").getText() + "\", status: \"" + element("status").getText() + "\"";
    }

    /** Presses Tab from the top of the page until the focus is on {@code target}, a bounded number of times. */
    void tabTo(WebElement target) {
        script("document.activeElement.blur()");
        for (int presses = 0; presses < 60; presses++) {
            new Actions(driver()).sendKeys(Keys.TAB).perform();
            if (focused().equals(target)) return;
        }
        throw new AssertionError("Tab never reached " + target);
    }
}
