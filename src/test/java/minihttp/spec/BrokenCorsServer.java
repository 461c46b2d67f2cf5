package minihttp.spec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import minihttp.app.Application;
import minihttp.app.Cors;
import minihttp.app.StaticFiles;
import minihttp.http.Handler;
import minihttp.http.Headers;
import minihttp.http.Limits;
import minihttp.http.Request;
import minihttp.http.Response;
import minihttp.server.Server;
import minihttp.server.ServerConfig;
import minihttp.store.H2Database;

/**
 * A test double: the real minihttp on a fresh in-memory store, with one CORS answer broken on
 * purpose, so a scenario can show that the browser, and so the test, notices. It remembers the
 * method and path of every request it is asked.
 */
final class BrokenCorsServer implements AutoCloseable {
    enum Breakage {
        /**
         * Preflight answers leave out Access-Control-Allow-Headers, so a browser may not send a
         * JSON body cross-origin (Fetch, CORS-preflight fetch: Content-Type application/json is
         * not CORS-safelisted).
         */
        PREFLIGHT_WITHOUT_ALLOW_HEADERS,
        /** Access-Control-Expose-Headers leaves out ETag, so a page cannot read an item's version. */
        ETAG_NOT_EXPOSED
    }

    private static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    private static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";

    private final H2Database database = H2Database.open(H2Database.Config.memory(2));
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final Server server;

    BrokenCorsServer(Breakage breakage) throws IOException {
        Handler application = Application.create(database.items(), new StaticFiles(Path.of("static")));
        Handler recording = new Handler() {
            @Override
            public Response handle(Request request) {
                asked.add(request.method() + " " + request.path());
                Response answer = application.handle(request);
                return breakage == Breakage.PREFLIGHT_WITHOUT_ALLOW_HEADERS && request.method().equals("OPTIONS")
                        ? without(answer, ALLOW_HEADERS) : answer;
            }

            @Override
            public boolean mayBlock(Request head) {
                return application.mayBlock(head);
            }
        };
        Headers everyResponse = breakage == Breakage.ETAG_NOT_EXPOSED ? withoutETagExposed() : Cors.everyResponse();
        server = new Server(new ServerConfig("127.0.0.1", 0, 4, 64, Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Limits.DEFAULTS, everyResponse), recording);
        server.start();
    }

    /** An answer without a body (a preflight) with one header field left out. */
    private static Response without(Response answer, String leftOut) {
        Response copy = Response.empty(answer.status());
        answer.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase(leftOut)) copy.header(name, value);
        });
        return copy;
    }

    private static Headers withoutETagExposed() {
        Headers headers = new Headers();
        Cors.everyResponse().forEach((name, value) -> headers.add(name,
                name.equalsIgnoreCase(EXPOSE_HEADERS) ? value.replace("ETag, ", "") : value));
        if (headers.first(EXPOSE_HEADERS).contains("ETag")) {
            throw new IllegalStateException("the double no longer breaks anything: " + headers);
        }
        return headers;
    }

    InetSocketAddress address() {
        return server.address();
    }

    /** "METHOD /path" of each request, in the order they came. */
    List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public void close() {
        server.stop();
        database.close();
    }
}
