package minihttp.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import minihttp.http.Response;
import minihttp.http.ResponseWriter;
import minihttp.http.Status;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding the head of a small response: 200, Content-Type, a CORS field, Content-Length, Date.
 * The response is built once (that is the handler's work); only the writer is measured. The one
 * call into the writer is in {@link #writeHead}, so a new writer API changes that line only.
 * Run with {@code mvn -B -Pbench verify -Djmh.include=ResponseWriter}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResponseWriterBenchmark {
    private static final String DATE = "Sun, 06 Nov 1994 08:49:37 GMT";

    private Response response;

    @Setup
    public void setUp() {
        byte[] body = "{\"id\":42,\"name\":\"pen\",\"price\":1.10}".getBytes(StandardCharsets.UTF_8);
        response = Response.bytes(Status.OK_200, Response.JSON, body)
                .header("Access-Control-Allow-Origin", "*");
    }

    @Benchmark
    public Object writeHead() {
        return ResponseWriter.plan(response, false, false, true, DATE);
    }
}
