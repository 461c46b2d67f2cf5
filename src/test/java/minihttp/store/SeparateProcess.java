package minihttp.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A second JVM using a database file, for tests about what one process leaves to another.
 *
 * <p>It opens the file, prints {@link #READY} (or {@code failed: <message>}) and then, by mode:
 * {@code hold} keeps the file open until its standard input ends; {@code write} creates items
 * until it is killed, keeping every second one: after each call returns it prints
 * {@code kept <id>} for an item it will not touch again, or {@code created <id>} and then
 * {@code deleted <id>} for one it deletes right away. It also stops once nobody reads its
 * output, so a crashed test leaves no writer behind.
 */
final class SeparateProcess {

    static final String READY = "ready";

    private final Process process;
    private final BufferedReader output;

    private SeparateProcess(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static SeparateProcess start(String mode, Path path) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                java.toString(),
                "-cp", System.getProperty("java.class.path"),
                // A JVM that lives a second starts about twice as fast without the optimizing
                // compiler and the parallel collector.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                // Log lines would mix with the lines the test reads.
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
                "-Dslf4j.internal.verbosity=WARN",
                SeparateProcess.class.getName(), mode, path.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new SeparateProcess(process);
    }

    /** The next line the process printed, or null once it has exited. */
    String readLine() throws IOException {
        return output.readLine();
    }

    /** Ends a {@code hold} process the graceful way and waits for it. */
    void finish() throws IOException, InterruptedException {
        process.getOutputStream().close();
        process.waitFor();
    }

    /** Ends the process like {@code kill -9} and waits for it. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public static void main(String[] args) throws IOException {
        String mode = args[0];
        Path path = Path.of(args[1]);
        try (H2Database database = H2Database.open(H2Database.Config.file(path, 2))) {
            System.out.println(READY);
            System.out.flush();
            if (mode.equals("hold")) {
                System.in.transferTo(OutputStream.nullOutputStream());
            } else {
                writeUntilStopped(database.items());
            }
        } catch (StoreException e) {
            System.out.println("failed: " + e.getMessage());
        }
    }

    private static void writeUntilStopped(ItemStore items) {
        for (long n = 0; !System.out.checkError(); n++) {
            Item item = items.create("{\"n\":" + n + "}");
            boolean keep = n % 2 == 0;
            System.out.println((keep ? "kept " : "created ") + item.id());
            System.out.flush();
            if (!keep) {
                items.delete(item.id());
                System.out.println("deleted " + item.id());
                System.out.flush();
            }
        }
    }
}
