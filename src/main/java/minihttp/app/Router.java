package minihttp.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import minihttp.http.Handler;
import minihttp.http.Request;
import minihttp.http.RequestParser;
import minihttp.http.Response;
import minihttp.http.Status;

/**
 * A table from method and path pattern to route. Patterns are "/"-separated literals,
 * {@code {name}} for one segment and {@code {name...}} for one or more trailing segments;
 * matching is on decoded segments, so an encoded "/" never crosses a segment boundary.
 *
 * <p>Defaults: no pattern matches → 404; a method the server does not know → 501 (RFC 9110 §9.1
 * SHOULD); a known method the path does not take → 405 with Allow (RFC 9110 §15.5.6 MUST);
 * HEAD runs the GET route; OPTIONS answers the CORS preflight with 204. Thread-safe once built.
 */
public final class Router implements Handler {

    /** A handler that also gets the values its pattern captured. */
    @FunctionalInterface
    public interface Route {
        Response handle(Request request, PathParameters parameters);
    }

    /** Values captured by a pattern: one segment by name, or the trailing segments of {@code {name...}}. */
    public record PathParameters(Map<String, String> single, List<String> rest) {
        public String get(String name) {
            return single.get(name);
        }
    }

    private static final List<String> METHOD_ORDER = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");

    private record Pattern(List<String> segments) {
        static Pattern of(String pattern) {
            return new Pattern(List.of(pattern.substring(1).split("/", -1)));
        }

        PathParameters match(List<String> path) {
            Map<String, String> single = Map.of();
            for (int i = 0; i < segments.size(); i++) {
                String expected = segments.get(i);
                if (expected.endsWith("...}")) {
                    if (i >= path.size()) return null;
                    return new PathParameters(single, List.copyOf(path.subList(i, path.size())));
                }
                if (i >= path.size()) return null;
                if (expected.startsWith("{")) {
                    if (single.isEmpty()) single = new LinkedHashMap<>();
                    single.put(expected.substring(1, expected.length() - 1), path.get(i));
                } else if (!expected.equals(path.get(i))) {
                    return null;
                }
            }
            return segments.size() == path.size() ? new PathParameters(single, List.of()) : null;
        }
    }

    /** A route and whether it may block, which decides the thread it runs on. */
    private record Target(Route route, boolean mayBlock) {
    }

    private record Entry(Pattern pattern, Map<String, Target> byMethod) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /**
     * Adds a route that may block (the store, a streamed body): it runs on a worker. The same
     * pattern may be given once per method.
     */
    public Router route(String method, String pattern, Route route) {
        return add(method, pattern, new Target(route, true));
    }

    /**
     * Adds a route that never blocks and answers with bytes in memory or a file: it is answered
     * on the I/O thread that read the request, with no hand-off to a worker.
     */
    public Router nonBlocking(String method, String pattern, Route route) {
        return add(method, pattern, new Target(route, false));
    }

    private Router add(String method, String pattern, Target target) {
        Pattern parsed = Pattern.of(pattern);
        Entry entry = entries.stream().filter(e -> e.pattern().equals(parsed)).findFirst().orElseGet(() -> {
            Entry created = new Entry(parsed, new LinkedHashMap<>());
            entries.add(created);
            return created;
        });
        entry.byMethod().put(method, target);
        return this;
    }

    @Override
    public Response handle(Request request) {
        Resolution resolution = resolve(request);
        return resolution.answer() != null
                ? resolution.answer()
                : resolution.target().route().handle(request, resolution.parameters());
    }

    /** The router's own answers (404, 405, 501, OPTIONS) never block; a route says for itself. */
    @Override
    public boolean mayBlock(Request head) {
        Resolution resolution = resolve(head);
        return resolution.answer() == null && resolution.target().mayBlock();
    }

    /** Either the router's own answer, or the route to run with its parameters. */
    private record Resolution(Response answer, Target target, PathParameters parameters) {
    }

    private Resolution resolve(Request request) {
        String method = request.method();
        if (!RequestParser.STANDARD_METHODS.contains(method)) {
            return answer(Response.error(Status.NOT_IMPLEMENTED_501, "method not implemented: " + method));
        }
        if (request.path().equals("*")) {
            return answer(Cors.preflight(String.join(", ", METHOD_ORDER)));
        }
        for (Entry entry : entries) {
            PathParameters parameters = entry.pattern().match(request.pathSegments());
            if (parameters == null) continue;
            if (method.equals("OPTIONS")) return answer(Cors.preflight(allowed(entry)));
            Target route = entry.byMethod().get(method.equals("HEAD") ? "GET" : method);
            if (route == null) {
                return answer(Response.error(Status.METHOD_NOT_ALLOWED_405, "method not allowed: " + method)
                        .header("Allow", allowed(entry)));
            }
            return new Resolution(null, route, parameters);
        }
        return answer(Response.error(Status.NOT_FOUND_404, "not found: " + request.path()));
    }

    private static Resolution answer(Response response) {
        return new Resolution(response, null, null);
    }

    private static String allowed(Entry entry) {
        List<String> methods = new ArrayList<>();
        for (String method : METHOD_ORDER) {
            boolean served = entry.byMethod().containsKey(method)
                    || method.equals("HEAD") && entry.byMethod().containsKey("GET")
                    || method.equals("OPTIONS");
            if (served) methods.add(method);
        }
        return String.join(", ", methods);
    }
}
