package minihttp.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import minihttp.http.ProtocolException;
import minihttp.http.Request;
import minihttp.http.Response;
import minihttp.http.Status;
import minihttp.store.Item;
import minihttp.store.ItemStore;
import minihttp.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The /data routes: JSON items kept in an {@link ItemStore}. */
final class ItemRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ItemRoutes.class);

    private final ItemStore store;

    ItemRoutes(ItemStore store) {
        this.store = store;
    }

    /** A database failure is the server's trouble, not the client's: 503 and a log line. */
    Router.Route guarded(Router.Route route) {
        return (request, parameters) -> {
            try {
                return route.handle(request, parameters);
            } catch (StoreException e) {
                LOG.error("database failure on {}", request, e);
                return Response.error(Status.SERVICE_UNAVAILABLE_503, "the database is unavailable, try again")
                        .header("Retry-After", "1");
            }
        };
    }

    Response create(Request request, Router.PathParameters parameters) {
        Response refusal = unlessJson(request);
        if (refusal != null) return refusal;
        JsonObjects.Parsed body = JsonObjects.parseObject(request.body());
        if (body.hasId()) return badRequest("\"id\" is assigned by the server; leave it out");
        Item item = store.create(body.json());
        return Response.json(Status.CREATED_201, JsonObjects.withId(item.id(), item.json()))
                .header("Location", "/data/" + item.id());
    }

    /** The items in id order, streamed as a JSON array from the database cursor. */
    Response list(Request request, Router.PathParameters parameters) {
        long limit = nonNegative(request, "limit", Long.MAX_VALUE);
        long after = nonNegative(request, "after", 0);
        return Response.streamed(Status.OK_200, Response.JSON, -1, out -> writeArray(out, after, limit));
    }

    private void writeArray(OutputStream out, long after, long limit) throws IOException {
        out.write('[');
        boolean[] first = {true};
        try {
            store.list(after, limit, item -> {
                try {
                    if (!first[0]) out.write(',');
                    first[0] = false;
                    out.write(JsonObjects.withId(item.id(), item.json()).getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.write(']');
    }

    Response get(Request request, Router.PathParameters parameters) {
        Optional<Long> id = itemId(parameters);
        Optional<Item> item = id.flatMap(store::find);
        return item.map(found -> Response.json(Status.OK_200, JsonObjects.withId(found.id(), found.json())))
                .orElseGet(() -> notFound(parameters));
    }

    Response replace(Request request, Router.PathParameters parameters) {
        Optional<Long> id = itemId(parameters);
        if (id.isEmpty()) return notFound(parameters);
        Response refusal = unlessJson(request);
        if (refusal != null) return refusal;
        JsonObjects.Parsed body = JsonObjects.parseObject(request.body());
        if (body.hasId() && !body.idEquals(id.get())) {
            return badRequest("\"id\" in the body must match the id in the path, or be left out");
        }
        return store.replace(id.get(), body.json())
                .map(item -> Response.json(Status.OK_200, JsonObjects.withId(item.id(), item.json())))
                .orElseGet(() -> notFound(parameters));
    }

    Response delete(Request request, Router.PathParameters parameters) {
        Optional<Long> id = itemId(parameters);
        if (id.isPresent() && store.delete(id.get())) {
            return Response.json(Status.OK_200, "{\"status\":\"deleted\"}");
        }
        return notFound(parameters);
    }

    /** 415 unless the body is declared application/json, else null: decided before the body is read. */
    static Response unlessJson(Request head) {
        String contentType = head.header("Content-Type");
        if (contentType != null && isJsonUtf8(contentType)) return null;
        return Response.error(Status.UNSUPPORTED_MEDIA_TYPE_415, "send the item as Content-Type: application/json");
    }

    private static boolean isJsonUtf8(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) return false;
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].trim().split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset")) {
                String charset = parameter.length < 2 ? "" : parameter[1].trim().replace("\"", "");
                if (!charset.toLowerCase(Locale.ROOT).equals("utf-8")) return false;
            }
        }
        return true;
    }

    /** A path id is a positive decimal integer; anything else names no item. */
    private static Optional<Long> itemId(Router.PathParameters parameters) {
        return decimal(parameters.get("id")).filter(id -> id > 0);
    }

    private static long nonNegative(Request request, String name, long fallback) {
        String text = request.queryParameter(name);
        if (text == null) return fallback;
        return decimal(text).orElseThrow(() -> new ProtocolException(Status.BAD_REQUEST_400,
                name + " must be a non-negative integer", false));
    }

    /** Plain digits that fit a long; no sign, no spaces. */
    private static Optional<Long> decimal(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }

    private static Response notFound(Router.PathParameters parameters) {
        return Response.error(Status.NOT_FOUND_404, "no item with id " + parameters.get("id"));
    }

    private static Response badRequest(String message) {
        return Response.error(Status.BAD_REQUEST_400, message);
    }
}
