package minihttp.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minihttp.store.TestPostgres;

/**
 * Reads and writes per second of one minihttp instance and of two, on one PostgreSQL: a
 * throwaway server from the machine's binaries (see {@link TestPostgres}), two instances of the
 * jar with {@code --db=postgres}, and wrk. One instance gets 64 connections; two instances get 32
 * each from two wrk processes at once, and their figures are added. Rounds interleave the four
 * runs so that drift on a shared machine hits them alike; medians are printed. Not a test; run it
 * by hand after {@code mvn -B package} (needs wrk and the PostgreSQL binaries):
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) minihttp.bench.ScaleOutLoad [SECONDS [ROUNDS]]
 * </pre>
 *
 * Loopback only; every run is bounded by wrk's duration; it stops only the processes it started.
 */
public final class ScaleOutLoad {
    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NOT_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");
    private static final int CONNECTIONS = 64;
    private static final int SEED_ITEMS = 1000;

    private ScaleOutLoad() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path jar = Path.of("target/minihttp.jar");
        Path work = Files.createTempDirectory("scale-out");
        Path postScript = work.resolve("post.lua");
        Files.writeString(postScript, "wrk.method = \"POST\"\n"
                + "wrk.body = '{\"name\":\"widget\",\"qty\":3,\"tags\":[\"a\",\"b\"]}'\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        try (TestPostgres postgres = TestPostgres.startIfAvailable()
                .orElseThrow(() -> new IllegalStateException(TestPostgres.MISSING_BINARIES))) {
            String url = postgres.createDatabase();
            Map<String, String> environment = Map.of("MINIHTTP_DB_URL", url,
                    "MINIHTTP_DB_USER", postgres.user(), "MINIHTTP_DB_PASSWORD", postgres.password());
            List<String> options = List.of("--db=postgres", "--quiet");
            try (ServerProcess first = ServerProcess.start(List.of(), jar, options, environment, Duration.ofSeconds(60));
                 ServerProcess second = ServerProcess.start(List.of(), jar, options, environment, Duration.ofSeconds(60))) {
                String one = "http://127.0.0.1:" + first.address().getPort();
                String two = "http://127.0.0.1:" + second.address().getPort();
                long id = seed(one);
                String item = "/data/" + id;
                System.out.printf("PostgreSQL %s, %d items, %d s per run, %d rounds%n", url, SEED_ITEMS,
                        seconds, rounds);
                // Warm-up, unrecorded: JIT, connection pools, the table's first pages.
                wrk(List.of(one + item, two + item), seconds / 2 + 1, null);
                wrk(List.of(one + "/data", two + "/data"), seconds / 2 + 1, postScript);
                List<List<Double>> figures = new ArrayList<>();
                for (int i = 0; i < 4; i++) figures.add(new ArrayList<>());
                for (int round = 1; round <= rounds; round++) {
                    figures.get(0).add(wrk(List.of(one + item), seconds, null));
                    figures.get(1).add(wrk(List.of(one + item, two + item), seconds, null));
                    figures.get(2).add(wrk(List.of(one + "/data"), seconds, postScript));
                    figures.get(3).add(wrk(List.of(one + "/data", two + "/data"), seconds, postScript));
                    System.out.printf("round %d: reads %.0f / %.0f, writes %.0f / %.0f req/s (one / two instances)%n",
                            round, last(figures.get(0)), last(figures.get(1)), last(figures.get(2)),
                            last(figures.get(3)));
                }
                System.out.printf("median reads:  one instance %,.0f req/s, two instances %,.0f req/s (%.2fx)%n",
                        median(figures.get(0)), median(figures.get(1)), median(figures.get(1)) / median(figures.get(0)));
                System.out.printf("median writes: one instance %,.0f req/s, two instances %,.0f req/s (%.2fx)%n",
                        median(figures.get(2)), median(figures.get(3)), median(figures.get(3)) / median(figures.get(2)));
            }
        } finally {
            Files.deleteIfExists(postScript);
            Files.deleteIfExists(work);
        }
    }

    /** Stores the seed items through the first instance; returns the id of one in the middle. */
    private static long seed(String base) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long middle = 0;
        for (int i = 0; i < SEED_ITEMS; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/data"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}", StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) throw new IllegalStateException("seeding failed: " + response.body());
            if (i == SEED_ITEMS / 2) middle = Long.parseLong(response.body().replaceAll("^\\{\"id\":(\\d+).*", "$1"));
        }
        return middle;
    }

    /**
     * Runs one wrk per URL at once, the connections split between them, and returns the summed
     * requests per second; fails on any non-2xx answer or socket error.
     */
    private static double wrk(List<String> urls, int seconds, Path script) throws IOException, InterruptedException {
        List<Process> runs = new ArrayList<>();
        for (String url : urls) {
            List<String> command = new ArrayList<>(List.of("wrk", "-t" + (2 / urls.size()),
                    "-c" + CONNECTIONS / urls.size(), "-d" + seconds + "s", "--timeout", "5s"));
            if (script != null) command.addAll(List.of("-s", script.toString()));
            command.add(url);
            runs.add(new ProcessBuilder(command).redirectErrorStream(true).start());
        }
        double total = 0;
        for (Process run : runs) {
            if (!run.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
                run.destroyForcibly();
                throw new IllegalStateException("wrk did not finish");
            }
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher rate = REQUESTS_PER_SECOND.matcher(output);
            if (!rate.find()) throw new IllegalStateException("no figure from wrk:\n" + output);
            Matcher failures = NOT_2XX.matcher(output);
            Matcher errors = SOCKET_ERRORS.matcher(output);
            if (failures.find() || errors.find()) throw new IllegalStateException("errors under load:\n" + output);
            total += Double.parseDouble(rate.group(1));
        }
        return total;
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
