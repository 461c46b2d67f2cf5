package minihttp.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import minihttp.store.ItemStore;
import minihttp.store.JdbcItemStore;
import org.flywaydb.core.Flyway;

/**
 * What the durability setting costs: item creates per second on an H2 file database with
 * WRITE_DELAY=0 (every commit written before it returns, as minihttp runs) against H2's default
 * (commits written up to 500 ms later). Not a test; run it by hand, it prints figures:
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) minihttp.bench.WriteDelayBenchmark
 * </pre>
 *
 * Rounds alternate between the two settings so drift on a shared machine hits both alike; the
 * medians of the rounds are printed.
 */
public final class WriteDelayBenchmark {
    private static final int ROUNDS = 5;
    private static final int CREATES_PER_ROUND = 4000;
    private static final String ITEM = "{\"name\":\"pen\",\"price\":1.10,\"tags\":[\"a\",\"b\"]}";

    public static void main(String[] args) throws Exception {
        int[] threadCounts = {1, 8};
        Path folder = Files.createTempDirectory("write-delay-bench");
        for (int threads : threadCounts) {
            double[] durable = new double[ROUNDS];
            double[] delayed = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                durable[round] = createsPerSecond(folder.resolve("durable-" + threads + "-" + round), "WRITE_DELAY=0", threads);
                delayed[round] = createsPerSecond(folder.resolve("delayed-" + threads + "-" + round), "WRITE_DELAY=500", threads);
            }
            double durableMedian = median(durable);
            double delayedMedian = median(delayed);
            System.out.printf("%d thread(s): WRITE_DELAY=0 %.0f creates/s, WRITE_DELAY=500 %.0f creates/s, ratio %.2f%n",
                    threads, durableMedian, delayedMedian, durableMedian / delayedMedian);
            System.out.printf("  rounds WRITE_DELAY=0 %s%n  rounds WRITE_DELAY=500 %s%n",
                    Arrays.toString(round(durable)), Arrays.toString(round(delayed)));
        }
    }

    private static double createsPerSecond(Path base, String writeDelay, int threads) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + base + ";" + writeDelay + ";DB_CLOSE_ON_EXIT=FALSE");
        config.setUsername("sa");
        config.setMaximumPoolSize(Math.max(2, threads)); // Flyway holds two while it migrates
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            ItemStore store = new JdbcItemStore(pool);
            for (int i = 0; i < 200; i++) store.create(ITEM); // warm-up
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(executor.submit(() -> {
                    for (int i = 0; i < CREATES_PER_ROUND / threads; i++) store.create(ITEM);
                }));
            }
            for (Future<?> future : done) future.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            executor.shutdown();
            return CREATES_PER_ROUND / seconds;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }
}
