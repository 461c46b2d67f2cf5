package minihttp.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import minihttp.http.CommonFields;
import minihttp.http.Headers;
import minihttp.http.Response;
import minihttp.http.ResponseWriter;
import minihttp.http.Status;
import minihttp.http.WireBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding the head of a small response: 200, Content-Type, the server's CORS fields,
 * Content-Length, Date, into a reused buffer, as an I/O thread does. The response is built once
 * (that is the handler's work); only the writer is measured. Run with
 * {@code mvn -B -Pbench verify -Djmh.include=ResponseWriter}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResponseWriterBenchmark {
    private static final String DATE = "Sun, 06 Nov 1994 08:49:37 GMT";

    private final WireBuffer wire = new WireBuffer(1024);
    private final byte[] dateField = ResponseWriter.dateField(DATE);
    private final CommonFields cors = new CommonFields(new Headers()
            .add("Access-Control-Allow-Origin", "*")
            .add("Access-Control-Expose-Headers", "Location, ETag, Last-Modified, Content-Range, Retry-After, WWW-Authenticate"));
    private Response response;

    @Setup
    public void setUp() {
        byte[] body = "{\"id\":42,\"name\":\"pen\",\"price\":1.10}".getBytes(StandardCharsets.UTF_8);
        response = Response.bytes(Status.OK_200, Response.JSON, body);
    }

    @Benchmark
    public int writeHead() {
        wire.clear();
        ResponseWriter.writeHead(response, false, false, true, dateField, cors, wire);
        return wire.size();
    }
}
