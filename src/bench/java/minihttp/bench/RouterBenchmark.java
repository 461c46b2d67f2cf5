package minihttp.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import minihttp.app.Router;
import minihttp.http.Limits;
import minihttp.http.ParseResult;
import minihttp.http.Request;
import minihttp.http.RequestParser;
import minihttp.http.Response;
import minihttp.http.Status;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the router costs the I/O thread per request: {@code mayBlock} then {@code handle}, as the
 * connection calls them, on the application's route table. The routes answer with one prepared
 * response, so only the matching and the router's own answers (405 here) are measured.
 * Run with {@code mvn -B -Pbench verify -Djmh.include=RouterBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouterBenchmark {

    /** The first route in the table, a parameter route, the last (trailing segments), a 405. */
    @Param({"GET /", "GET /data/42", "GET /static/css/site.css", "DELETE /echo"})
    public String requestLine;

    private Router router;
    private Request request;

    @Setup
    public void setUp() {
        Response ok = Response.empty(Status.NO_CONTENT_204);
        Router.Route answer = (request, parameters) -> ok;
        router = new Router()
                .nonBlocking("GET", "/", answer)
                .nonBlocking("GET", "/echo", answer)
                .route("POST", "/data", answer)
                .route("GET", "/data", answer)
                .route("GET", "/data/{id}", answer)
                .route("PUT", "/data/{id}", answer)
                .route("DELETE", "/data/{id}", answer)
                .nonBlocking("GET", "/static/{path...}", answer);
        byte[] head = (requestLine + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        ParseResult result = new RequestParser(Limits.DEFAULTS).parse(head, 0, head.length);
        request = ((ParseResult.Complete) result).request();
    }

    @Benchmark
    public void route(Blackhole blackhole) {
        blackhole.consume(router.mayBlock(request));
        blackhole.consume(router.handle(request));
    }
}
