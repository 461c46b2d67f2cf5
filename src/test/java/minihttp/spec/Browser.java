package minihttp.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opentest4j.TestAbortedException;

/**
 * Headless Chromium from the machine's packages (Debian's chromium and chromium-driver), driven
 * through its chromedriver by Selenium: nothing is downloaded, and Selenium Manager is never asked,
 * because both programs are named. Each scenario gets a browser of its own with a fresh profile
 * folder, so no cache, storage or cookie carries over. Without the programs, asking for a browser
 * skips the scenario with a message that says how to get them.
 * Created per scenario by PicoContainer; not thread-safe.
 */
public final class Browser {
    /** Other places may be given as system properties, e.g. for a Chromium built elsewhere. */
    private static final Path CHROMIUM = Path.of(System.getProperty("minihttp.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("minihttp.chromedriver", "/usr/bin/chromedriver"));
    /**
     * This machine has no outside network: without these, Chromium keeps trying to reach it
     * (updates, sync, field trials). --no-sandbox because tests may run as root, where the
     * sandbox refuses to start.
     */
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1100,860");
    static final Duration WAIT = Duration.ofSeconds(15);
    /**
     * Selenium looks for DevTools classes matching the browser's version at every start and warns
     * when it has none; these tests use only the WebDriver protocol and chromedriver's logs. Held
     * here, as java.util.logging keeps loggers weakly.
     */
    private static final Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");
    private static volatile boolean skipReported;

    private ChromeDriver driver;
    private Path profile;

    /** The browser of this scenario, started when first asked for. */
    ChromeDriver driver() {
        if (driver == null) start();
        return driver;
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver(), WAIT);
    }

    /** What the page wrote to the browser's console, and what the browser itself reported there. */
    List<LogEntry> consoleEntries() {
        return driver().manage().logs().get(LogType.BROWSER).getAll();
    }

    /** The DevTools network events (Network.*) since last asked, as JSON messages. */
    List<LogEntry> networkEvents() {
        return driver().manage().logs().get(LogType.PERFORMANCE).getAll();
    }

    void quit() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (profile != null) {
            deleteRecursively(profile);
            profile = null;
        }
    }

    private void start() {
        String missing = missingPrograms();
        if (missing != null) {
            if (!skipReported) {
                skipReported = true;
                System.err.println("[browser tests skipped] " + missing);
            }
            throw new TestAbortedException(missing);
        }
        try {
            profile = Files.createTempDirectory("minihttp-chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    /** Null when both programs are there; else why the browser tests cannot run, and the fix. */
    static String missingPrograms() {
        List<String> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(program -> !Files.isExecutable(program))
                .map(Path::toString).toList();
        if (missing.isEmpty()) return null;
        return "the headless Chromium tests need " + String.join(" and ", missing)
                + ": install Debian's packages with `apt-get install chromium chromium-driver` (.ci/run does),"
                + " or name other programs with -Dminihttp.chromium=… -Dminihttp.chromedriver=…";
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the system cleans it up
        }
    }
}
