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
import minihttp.http.Limits;
import minihttp.http.Request;
import minihttp.http.Response;
import minihttp.server.Server;
import minihttp.server.ServerConfig;
import minihttp.store.H2Database;

/**
 * A test double: the real minihttp, on a fresh in-memory store, except that its preflight answers
 * leave out Access-Control-Allow-Headers, so a browser may not send a JSON body cross-origin
 * (Fetch, CORS-preflight fetch: Content-Type application/json is not CORS-safelisted). Everything
 * else, simple requests included, is answered as minihttp answers it. It remembers the method
 * and path of every request it is asked.
 */
final class PreflightBreakingServer implements AutoCloseable {
    private static final String LEFT_OUT = "Access-Control-Allow-Headers";

    private final H2Database database = H2Database.open(H2Database.Config.memory(2));
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final Server server;

    PreflightBreakingServer() throws IOException {
        Handler application = Application.create(database.items(), new StaticFiles(Path.of("static")));
        Handler broken = new Handler() {
            @Override
            public Response handle(Request request) {
                asked.add(request.method() + " " + request.path());
                Response answer = application.handle(request);
                return request.method().equals("OPTIONS") ? without(answer) : answer;
            }

            @Override
            public boolean mayBlock(Request head) {
                return application.mayBlock(head);
            }
        };
        server = new Server(new ServerConfig("127.0.0.1", 0, 4, 64, Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Limits.DEFAULTS, Cors.everyResponse()), broken);
        server.start();
    }

    private static Response without(Response preflight) {
        Response copy = Response.empty(preflight.status());
        preflight.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase(LEFT_OUT)) copy.header(name, value);
        });
        return copy;
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
