package minihttp.app;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p>Precedence, whatever the order routes were added in: segment by segment from the left, a
 * literal beats {@code {name}}, which beats {@code {name...}}; the first pattern in that order
 * that matches the whole path is the path's pattern. It alone decides the answer: a method it
 * does not take is a 405 listing its methods, even when a less specific pattern takes that
 * method (so {@code PUT /data/export} is 405 when "/data/export" has only GET, though
 * "/data/{id}" takes PUT). A path is one resource (RFC 9110 §15.5.6: Allow lists the target
 * resource's methods), and an id route never receives a name that has its own route.
 *
 * <p>Defaults: no pattern matches → 404; a method the server does not know → 501 (RFC 9110 §9.1
 * SHOULD); a known method the path does not take → 405 with Allow (RFC 9110 §15.5.6 MUST);
 * HEAD runs the GET route unless the pattern has its own; OPTIONS answers the CORS preflight
 * with 204, and {@code OPTIONS *} with every method in the table. Allow and the preflight's
 * methods come from the table and are worked out when routes are added, not per request.
 *
 * <p>Routes are added by one thread before the router is handed to the server; once built it is
 * read-only and thread-safe.
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

    /** How Allow lists methods: the usual ones in the usual order, then any other alphabetically. */
    private static final List<String> CONVENTIONAL_ORDER = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");
    private static final Comparator<String> ALLOW_ORDER =
            Comparator.comparingInt(Router::conventionalRank).thenComparing(Comparator.naturalOrder());

    private static final PathParameters NO_PARAMETERS = new PathParameters(Map.of(), List.of());

    /** A route and whether it may block, which decides the thread it runs on. */
    private record Target(Route route, boolean mayBlock) {
    }

    /** One pattern: its routes by method and its Allow list, kept up to date as routes are added. */
    private static final class Entry {
        final String pattern;
        /** Per segment, the name it captures under, or null for a literal or a trailing {@code {name...}}. */
        final String[] parameterNames;
        final boolean capturesRest;
        final Map<String, Target> byMethod = new HashMap<>();
        String allow;

        Entry(String pattern, String[] parameterNames, boolean capturesRest) {
            this.pattern = pattern;
            this.parameterNames = parameterNames;
            this.capturesRest = capturesRest;
        }

        void add(String method, Target target) {
            byMethod.put(method, target);
            allow = allowList(byMethod.keySet());
        }

        /** The route for a method; HEAD falls back to GET (RFC 9110 §9.3.2: GET's answer without the body). */
        Target target(String method) {
            Target target = byMethod.get(method);
            return target == null && method.equals("HEAD") ? byMethod.get("GET") : target;
        }

        /** What this pattern captures from a path it matched. */
        PathParameters parameters(List<String> path) {
            Map<String, String> single = Map.of();
            for (int i = 0; i < parameterNames.length; i++) {
                if (parameterNames[i] == null) continue;
                if (single.isEmpty()) single = new LinkedHashMap<>();
                single.put(parameterNames[i], path.get(i));
            }
            if (!capturesRest) return single.isEmpty() ? NO_PARAMETERS : new PathParameters(single, List.of());
            int restStart = parameterNames.length - 1;
            return new PathParameters(single, List.copyOf(path.subList(restStart, path.size())));
        }
    }

    /**
     * A prefix of one or more patterns, as a tree: the next segment is a literal, one
     * {@code {name}} (whatever the name) or a trailing {@code {name...}}.
     */
    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        Node parameter;
        /** The pattern that ends here with {@code {name...}}. */
        Entry rest;
        /** The pattern that ends exactly here. */
        Entry entry;
    }

    private final Node root = new Node();
    private final Set<String> methodsInTable = new HashSet<>();
    /** Allow for {@code OPTIONS *}: every method some path takes. */
    private String allowAnywhere = allowList(Set.of());

    /**
     * Adds a route that may block (the store, a streamed body): it runs on a worker. The same
     * pattern may be given once per method.
     *
     * @throws IllegalArgumentException for a malformed pattern, OPTIONS (the router answers it),
     *                                  a method the server does not know, or a pattern that
     *                                  differs from one already added only in its names
     */
    public Router route(String method, String pattern, Route route) {
        return add(method, pattern, new Target(route, true));
    }

    /**
     * Adds a route that never blocks and answers with bytes in memory or a file: it is answered
     * on the I/O thread that read the request, with no hand-off to a worker. Throws as
     * {@link #route} does.
     */
    public Router nonBlocking(String method, String pattern, Route route) {
        return add(method, pattern, new Target(route, false));
    }

    private Router add(String method, String pattern, Target target) {
        if (method.equals("OPTIONS")) {
            throw new IllegalArgumentException("OPTIONS is answered by the router from the table");
        }
        if (!RequestParser.STANDARD_METHODS.contains(method)) {
            // Answered 501 before routing: such a route could never run.
            throw new IllegalArgumentException("not a method the server knows: " + method);
        }
        entryFor(pattern).add(method, target);
        methodsInTable.add(method);
        allowAnywhere = allowList(methodsInTable);
        return this;
    }

    /** The entry of a pattern, created with the nodes leading to it if it is new. */
    private Entry entryFor(String pattern) {
        if (!pattern.startsWith("/")) throw new IllegalArgumentException("a pattern starts with '/': " + pattern);
        String[] segments = pattern.substring(1).split("/", -1);
        String[] parameterNames = new String[segments.length];
        Node node = root;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.startsWith("{") && segment.endsWith("...}")) {
                if (i != segments.length - 1) {
                    throw new IllegalArgumentException("{name...} must be the last segment: " + pattern);
                }
                node.rest = sameOrNew(node.rest, pattern, parameterNames, true);
                return node.rest;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                parameterNames[i] = segment.substring(1, segment.length() - 1);
                if (node.parameter == null) node.parameter = new Node();
                node = node.parameter;
            } else {
                node = node.literals.computeIfAbsent(segment, literal -> new Node());
            }
        }
        node.entry = sameOrNew(node.entry, pattern, parameterNames, false);
        return node.entry;
    }

    /** Two patterns that match the same paths under different names would leave one unreachable. */
    private static Entry sameOrNew(Entry existing, String pattern, String[] parameterNames, boolean capturesRest) {
        if (existing == null) return new Entry(pattern, parameterNames, capturesRest);
        if (existing.pattern.equals(pattern)) return existing;
        throw new IllegalArgumentException(pattern + " matches the same paths as " + existing.pattern);
    }

    @Override
    public Response handle(Request request) {
        String method = request.method();
        if (!RequestParser.STANDARD_METHODS.contains(method)) {
            return Response.error(Status.NOT_IMPLEMENTED_501, "method not implemented: " + method);
        }
        // The parser lets "*" through only for OPTIONS (RFC 9112 §3.2.4): a question about the server.
        if (request.path().equals("*")) return Cors.preflight(allowAnywhere);
        Entry entry = match(root, request.pathSegments(), 0);
        if (entry == null) return Response.error(Status.NOT_FOUND_404, "not found: " + request.path());
        if (method.equals("OPTIONS")) return Cors.preflight(entry.allow);
        Target target = entry.target(method);
        if (target == null) {
            return Response.error(Status.METHOD_NOT_ALLOWED_405, "method not allowed: " + method)
                    .header("Allow", entry.allow);
        }
        return target.route().handle(request, entry.parameters(request.pathSegments()));
    }

    /**
     * The router's own answers (404, 405, 501, OPTIONS) never block; a route says for itself.
     * Matches the path again in {@link #handle}: a match is a few map lookups without allocation,
     * cheaper than carrying it from here to there.
     */
    @Override
    public boolean mayBlock(Request head) {
        String method = head.method();
        if (method.equals("OPTIONS") || !RequestParser.STANDARD_METHODS.contains(method)) return false;
        Entry entry = match(root, head.pathSegments(), 0);
        Target target = entry == null ? null : entry.target(method);
        return target != null && target.mayBlock();
    }

    /**
     * The most specific entry matching {@code path} from segment {@code index} on, or null: a
     * literal first, then {@code {name}}, then {@code {name...}}, going back to the next choice
     * when a branch fails further right.
     */
    private static Entry match(Node node, List<String> path, int index) {
        if (index == path.size()) return node.entry;
        Node literal = node.literals.get(path.get(index));
        if (literal != null) {
            Entry entry = match(literal, path, index + 1);
            if (entry != null) return entry;
        }
        if (node.parameter != null) {
            Entry entry = match(node.parameter, path, index + 1);
            if (entry != null) return entry;
        }
        return node.rest;
    }

    /** Allow for methods with routes: HEAD with GET (RFC 9110 §9.3.2), and always OPTIONS. */
    private static String allowList(Set<String> methods) {
        Set<String> allowed = new HashSet<>(methods);
        if (allowed.contains("GET")) allowed.add("HEAD");
        allowed.add("OPTIONS");
        String[] ordered = allowed.toArray(String[]::new);
        Arrays.sort(ordered, ALLOW_ORDER);
        return String.join(", ", ordered);
    }

    private static int conventionalRank(String method) {
        int rank = CONVENTIONAL_ORDER.indexOf(method);
        return rank >= 0 ? rank : CONVENTIONAL_ORDER.size();
    }
}
