package minihttp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import minihttp.cli.Options.DbKind;
import minihttp.cli.Options.UsageException;
import minihttp.http.Limits;
import minihttp.server.ServerConfig;
import minihttp.store.H2Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line: values, defaults, refusals, and the usage and README drawn from one table. */
class OptionsTest {
    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    private static Options parse(String... args) throws UsageException {
        return Options.parse(args, NO_ENVIRONMENT);
    }

    @Test
    void withoutArgumentsEveryOptionHasItsDefault() throws UsageException {
        Options options = parse();

        assertEquals("127.0.0.1", options.host());
        assertEquals(8080, options.port());
        assertEquals(ServerConfig.DEFAULT_THREADS, options.threads());
        assertEquals(ServerConfig.DEFAULT_QUEUE, options.queue());
        assertEquals(Duration.ofSeconds(5), options.idleTimeout());
        assertEquals(Duration.ofSeconds(5), options.headerTimeout());
        assertEquals(Limits.DEFAULT_MAX_BODY, options.maxBody());
        assertEquals(DbKind.FILE, options.dbKind());
        assertEquals(H2Database.Mode.FILE, options.db());
        assertNull(options.dbUrl());
        assertEquals(Path.of("db/data/minihttp"), options.dbPath());
        assertEquals(Math.min(ServerConfig.DEFAULT_THREADS, 32), options.dbPool());
        assertEquals(Path.of("static"), options.staticRoot());
        assertFalse(options.quiet());
        assertEquals("info", options.logLevel());
        assertFalse(options.help());
        assertFalse(options.version());
    }

    @Test
    void everyGivenValueIsRead() throws UsageException {
        Options options = parse("--host=::1", "--port=0", "--threads=3", "--queue=7", "--idle-timeout=9",
                "--header-timeout=2", "--max-body=0", "--db=mem", "--db-path=/tmp/x", "--db-pool=5", "--static=www",
                "--quiet", "--log-level=WARN", "--help", "--version");

        assertEquals("::1", options.host());
        assertEquals(0, options.port());
        assertEquals(3, options.threads());
        assertEquals(7, options.queue());
        assertEquals(Duration.ofSeconds(9), options.idleTimeout());
        assertEquals(Duration.ofSeconds(2), options.headerTimeout());
        assertEquals(0, options.maxBody());
        assertEquals(DbKind.MEM, options.dbKind());
        assertEquals(H2Database.Mode.MEMORY, options.db());
        assertEquals(Path.of("/tmp/x"), options.dbPath());
        assertEquals(5, options.dbPool());
        assertEquals(Path.of("www"), options.staticRoot());
        assertTrue(options.quiet());
        assertEquals("warn", options.logLevel());
        assertTrue(options.help());
        assertTrue(options.version());
    }

    @Test
    void theHeaderTimeoutFollowsTheIdleTimeoutUnlessGiven() throws UsageException {
        assertEquals(Duration.ofSeconds(30), parse("--idle-timeout=30").headerTimeout());
        assertEquals(Duration.ofSeconds(3), parse("--header-timeout=3", "--idle-timeout=30").headerTimeout());
    }

    @Test
    void theDatabasePoolFollowsTheWorkerCount() throws UsageException {
        assertEquals(4, parse("--threads=4").dbPool());
        assertEquals(100, parse("--threads=100").dbPool());
        assertEquals(50, parse("--threads=100", "--db-pool=50").dbPool());
    }

    @Test
    void theConnectionLimitsHaveGenerousDefaultsAndTakeGivenValues() throws UsageException {
        assertEquals(ServerConfig.DEFAULT_MAX_CONNECTIONS, parse().maxConnections());
        assertEquals(ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_CLIENT, parse().maxConnectionsPerClient());
        Options given = parse("--max-connections=3", "--max-connections-per-client=2");
        assertEquals(3, given.maxConnections());
        assertEquals(2, given.maxConnectionsPerClient());
        UsageException refusal = assertThrows(UsageException.class, () -> parse("--max-connections-per-client=0"));
        assertEquals("--max-connections-per-client must be a whole number from 1 to 10000000, got: 0", refusal.getMessage());
    }

    @Test
    void theTokenFileAndProtectReadsAreOffUnlessGiven() throws UsageException {
        assertNull(parse().tokenFile());
        assertFalse(parse().protectReads());
        Options options = parse("--token-file=/run/secrets/token", "--protect-reads");
        assertEquals(Path.of("/run/secrets/token"), options.tokenFile());
        assertTrue(options.protectReads());
    }

    @Test
    void aRepeatedOptionTakesItsLastValue() throws UsageException {
        assertEquals(9090, parse("--port=1", "--port=9090").port());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
            arguments(List.of("stray"), "unexpected argument: stray"),
            arguments(List.of("-p"), "unexpected argument: -p"),
            arguments(List.of("--bogus"), "unknown option: --bogus"),
            arguments(List.of("--bogus=1"), "unknown option: --bogus"),
            arguments(List.of("--quiet=yes"), "--quiet takes no value"),
            arguments(List.of("--port"), "--port needs a value: --port=N"),
            arguments(List.of("--port=abc"), "--port must be a whole number from 0 to 65535, got: abc"),
            arguments(List.of("--port=70000"), "--port must be a whole number from 0 to 65535, got: 70000"),
            arguments(List.of("--port="), "--port must be a whole number from 0 to 65535, got: "),
            arguments(List.of("--threads=0"), "--threads must be a whole number from 1 to 10000, got: 0"),
            arguments(List.of("--queue=0"), "--queue must be a whole number from 1 to 1000000, got: 0"),
            arguments(List.of("--idle-timeout=0"), "--idle-timeout must be a whole number from 1 to 86400, got: 0"),
            arguments(List.of("--header-timeout=1.5"), "--header-timeout must be a whole number from 1 to 86400, got: 1.5"),
            arguments(List.of("--max-body=-5"), "--max-body must be a whole number from 0 to 2147483639, got: -5"),
            arguments(List.of("--db-pool=1001"), "--db-pool must be a whole number from 1 to 1000, got: 1001"),
            arguments(List.of("--host="), "--host must be an address or a known host name, got: "),
            arguments(List.of("--db=oracle"), "--db must be mem, file or postgres, got: oracle"),
            arguments(List.of("--db=postgres"),
                    "--db=postgres needs --db-url=jdbc:postgresql://HOST:PORT/NAME or MINIHTTP_DB_URL in the environment"),
            arguments(List.of("--db=postgres", "--db-url="), "--db-url must be like jdbc:postgresql://HOST:PORT/NAME"),
            arguments(List.of("--db=postgres", "--db-url=postgres://me:secret@db/items"),
                    "--db-url must be like jdbc:postgresql://HOST:PORT/NAME, not postgres://..."),
            arguments(List.of("--db=postgres", "--db-url=jdbc:mysql://db/items"),
                    "--db-url must be like jdbc:postgresql://HOST:PORT/NAME, not jdbc:mysql://..."),
            arguments(List.of("--db-url=jdbc:postgresql://db/items"), "--db-url is for --db=postgres"),
            arguments(List.of("--db=mem", "--db-url=jdbc:postgresql://db/items"), "--db-url is for --db=postgres"),
            arguments(List.of("--db-path= "), "--db-path needs a path"),
            arguments(List.of("--static="), "--static needs a folder"),
            arguments(List.of("--token-file="), "--token-file needs a file"),
            arguments(List.of("--token-file"), "--token-file needs a value: --token-file=FILE"),
            arguments(List.of("--protect-reads=yes"), "--protect-reads takes no value"),
            arguments(List.of("--log-level=loud"), "--log-level must be trace, debug, info, warn, error or off, got: loud"),
            arguments(List.of("--port=1", "--bogus", "--port=x"), "unknown option: --bogus")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aBadCommandLineIsRefusedWithOneLine(List<String> args, String message) {
        UsageException refusal = assertThrows(UsageException.class, () -> parse(args.toArray(String[]::new)));
        assertEquals(message, refusal.getMessage());
    }

    @Test
    void postgresTakesItsUrlFromTheCommandLine() throws UsageException {
        Options options = parse("--db=postgres", "--db-url=jdbc:postgresql://db:5432/items");

        assertEquals(DbKind.POSTGRES, options.dbKind());
        assertEquals("jdbc:postgresql://db:5432/items", options.dbUrl());
        assertNull(options.db());
    }

    @Test
    void postgresTakesItsUrlFromTheEnvironmentWhenNotGiven() throws UsageException {
        Options options = Options.parse(new String[] {"--db=postgres"}, Map.of("MINIHTTP_DB_URL", "jdbc:postgresql://db/items"));

        assertEquals("jdbc:postgresql://db/items", options.dbUrl());
    }

    @Test
    void theCommandLineUrlWinsOverTheEnvironment() throws UsageException {
        Map<String, String> environment = Map.of("MINIHTTP_DB_URL", "jdbc:postgresql://from-environment/items");

        Options options = Options.parse(new String[] {"--db-url=jdbc:postgresql://given/items", "--db=postgres"}, environment);

        assertEquals("jdbc:postgresql://given/items", options.dbUrl());
    }

    @Test
    void theEnvironmentUrlIsIgnoredForAnH2Database() throws UsageException {
        Map<String, String> environment = Map.of("MINIHTTP_DB_URL", "not even a URL");

        assertNull(Options.parse(new String[] {"--db=mem"}, environment).dbUrl());
        assertNull(Options.parse(new String[0], environment).dbUrl());
    }

    @Test
    void aBlankEnvironmentUrlCountsAsUnset() {
        UsageException refusal = assertThrows(UsageException.class,
                () -> Options.parse(new String[] {"--db=postgres"}, Map.of("MINIHTTP_DB_URL", " ")));
        assertTrue(refusal.getMessage().startsWith("--db=postgres needs --db-url="), refusal.getMessage());
    }

    /** The refusal quotes only the scheme: the rest of a URL may hold a password. */
    @Test
    void aBadEnvironmentUrlIsRefusedByItsVariableName() {
        Map<String, String> environment = Map.of("MINIHTTP_DB_URL", "postgresql://me:secret@db/items");

        UsageException refusal = assertThrows(UsageException.class, () -> Options.parse(new String[] {"--db=postgres"}, environment));

        assertEquals("MINIHTTP_DB_URL must be like jdbc:postgresql://HOST:PORT/NAME, not postgresql://...", refusal.getMessage());
    }

    @Test
    void theUsageSaysWhereTheDatabaseUserAndPasswordComeFrom() {
        String flattened = Options.USAGE.replaceAll("\\s+", " ");
        assertTrue(flattened.contains("MINIHTTP_DB_USER and MINIHTTP_DB_PASSWORD"), Options.USAGE);
    }

    @Test
    void theUsageListsEveryOptionWithItsDefault() {
        assertTrue(Options.USAGE.startsWith("usage: java -jar target/minihttp.jar [options]\n"), Options.USAGE);
        String flattened = Options.USAGE.replaceAll("\\s+", " ");
        for (Option<?> option : Options.TABLE.options()) {
            String entry = "  " + option.synopsis() + " ";
            assertTrue(Options.USAGE.contains("\n" + entry), () -> entry + " missing from\n" + Options.USAGE);
            String shown = option.shownDefault().isEmpty() ? option.help()
                    : option.help() + " [default: " + option.shownDefault() + "]";
            assertTrue(flattened.contains(option.synopsis() + " " + shown), () -> shown + " missing from\n" + Options.USAGE);
        }
    }

    @Test
    void theUsageFitsIn100Columns() {
        for (String line : Options.USAGE.split("\n")) {
            assertTrue(line.length() <= 100, () -> "too long: " + line);
        }
    }

    @Test
    void everyDeclaredOptionIsInTheTable() throws IllegalAccessException {
        Set<String> declared = new HashSet<>();
        for (Field field : Options.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Option.class) {
                declared.add(((Option<?>) field.get(null)).name());
            }
        }
        Set<String> listed = Options.TABLE.options().stream().map(Option::name).collect(Collectors.toSet());
        assertEquals(declared, listed);
    }

    @Test
    void theDbPlaceholderListsEveryKind() {
        List<String> words = Arrays.stream(DbKind.values()).map(ValueReader::wordFor).toList();
        assertEquals(String.join("|", words), Options.DB.placeholder());
    }

    /**
     * The README's table under "Command line" lists each option once, in the usage order, with
     * the same help and default; backquotes and the \| a Markdown table needs are left out.
     */
    @Test
    void theReadmeTableListsExactlyTheDeclaredOptions() throws IOException {
        List<String> readme = readmeOptionRows();
        List<String> declared = Options.TABLE.options().stream()
                .map(option -> option.synopsis() + " | " + option.help() + " | " + option.shownDefault())
                .toList();
        assertEquals(String.join("\n", declared), String.join("\n", readme));
    }

    @Test
    void theReadmeSaysWhereTheDatabaseUserAndPasswordComeFrom() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String commandLine = readme.substring(readme.indexOf("## Command line"), readme.indexOf("## Routes"));
        assertTrue(commandLine.contains("`MINIHTTP_DB_USER`") && commandLine.contains("`MINIHTTP_DB_PASSWORD`"), commandLine);
    }

    private static List<String> readmeOptionRows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int header = lines.indexOf("| option | meaning | default |");
        assertTrue(header >= 0, "README.md has no options table");
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) break;
            String[] cells = line.substring(1, line.length() - 1).split("(?<!\\\\)\\|", -1);
            assertEquals(3, cells.length, () -> "not three cells: " + line);
            rows.add(Arrays.stream(cells).map(OptionsTest::plain).reduce((a, b) -> a + " | " + b).orElseThrow());
        }
        return rows;
    }

    private static String plain(String markdownCell) {
        return markdownCell.replace("`", "").replace("\\|", "|").strip();
    }
}
