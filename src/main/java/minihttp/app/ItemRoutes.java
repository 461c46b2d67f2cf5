package minihttp.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import minihttp.http.Request;
import minihttp.http.Response;
import minihttp.http.Status;
import minihttp.store.Item;
import minihttp.store.ItemCursor;
import minihttp.store.ItemStore;
import minihttp.store.StoreException;
import minihttp.store.VersionCheck;

/**
 * The /data routes: JSON items kept in an {@link ItemStore}. Each item's version is its strong
 * entity tag (RFC 9110 §8.8.3), sent as {@code ETag} with every item; {@code If-Match} and
 * {@code If-None-Match} make reads and writes conditional on it (§13), and the store checks a
 * write's condition in the write itself, so of two clients that read the same version and both
 * write it back, exactly one succeeds. Failures are thrown ({@link ClientError}, the store's
 * exceptions) for {@link ErrorPolicy} to answer.
 */
final class ItemRoutes {
    private final ItemStore store;

    ItemRoutes(ItemStore store) {
        this.store = store;
    }

    Response create(Request request, Router.PathParameters parameters) {
        Preconditions.requireNoTagInIfMatch(request);
        requireJson(request);
        JsonObjects.Parsed body = JsonObjects.parseObject(request.body());
        if (body.hasId()) throw badRequest("\"id\" is assigned by the server; leave it out");
        Item item = store.create(body.json());
        return itemResponse(Status.CREATED_201, item).header("Location", "/data/" + item.id());
    }

    /**
     * The items in id order, streamed as a JSON array from the database cursor. The cursor is
     * opened, and its first row fetched, before the answer is chosen: a database that cannot
     * answer gets a 503, not a 200 cut short.
     */
    Response list(Request request, Router.PathParameters parameters) {
        Preconditions.requireNoTagInIfMatch(request);
        long limit = nonNegative(request, "limit", Long.MAX_VALUE);
        long after = nonNegative(request, "after", 0);
        ItemCursor cursor = store.openList(after, limit);
        return Response.streamed(Status.OK_200, Response.JSON, -1, out -> writeArray(out, cursor))
                .releasing(cursor);
    }

    /**
     * Once the 200 is sent, a database that fails can only cut the answer short (the chunked body
     * never ends, so the client knows it is incomplete, RFC 9112 §7.1). That is an outage, not a
     * bug: one line as for any store failure, then an IOException, which the connection takes as
     * the routine end of a stream.
     */
    private static void writeArray(OutputStream out, ItemCursor cursor) throws IOException {
        try (cursor) {
            out.write('[');
            boolean first = true;
            for (Item item = cursor.next(); item != null; item = cursor.next()) {
                if (!first) out.write(',');
                first = false;
                out.write(JsonObjects.withId(item.id(), item.json()).getBytes(StandardCharsets.UTF_8));
            }
            out.write(']');
        } catch (StoreException e) {
            ErrorPolicy.logStoreFailure("a list already under way", e);
            throw new IOException("the database failed during the list", e);
        }
    }

    /** RFC 9110 §13.2.2: If-Match first (412 when false), then If-None-Match (304 for a read). */
    Response get(Request request, Router.PathParameters parameters) {
        Item item = itemId(parameters).flatMap(store::find).orElseThrow(() -> notFound(parameters));
        if (!Preconditions.ifMatchHolds(request, item.version())) {
            throw new ClientError(Status.PRECONDITION_FAILED_412, "the item's version does not match If-Match");
        }
        if (Preconditions.ifNoneMatchFails(request, item.version())) {
            return Response.empty(Status.NOT_MODIFIED_304).header("ETag", entityTag(item.version()));
        }
        return itemResponse(Status.OK_200, item);
    }

    /**
     * A conditional replacement is checked twice: against the item as it is before the body is
     * read (RFC 9110 §13.2.1: preconditions come before the content is processed, so a stale
     * If-Match gets 412 even with a malformed body, and a large body need not be read), and again
     * by the store in the write itself, which is what makes it safe against a writer in between.
     */
    Response replace(Request request, Router.PathParameters parameters) {
        long id = itemId(parameters).orElseThrow(() -> notFound(parameters));
        requireJson(request);
        VersionCheck check = Preconditions.forWrite(request);
        if (!check.isAny()) {
            Item current = store.find(id).orElseThrow(() -> notFound(parameters));
            if (!check.accepts(current.version())) throw preconditionFailed();
        }
        JsonObjects.Parsed body = JsonObjects.parseObject(request.body());
        if (body.hasId() && !body.idEquals(id)) {
            throw badRequest("\"id\" in the body must match the id in the path, or be left out");
        }
        ItemStore.Written written = store.replace(id, body.json(), check);
        return switch (written.outcome()) {
            // RFC 9110 §9.3.4 allows a validator on a PUT answer only for content stored as sent;
            // the body here is the item as stored (id first, no whitespace between members), and
            // Content-Location says so (§8.7), so the ETag is that of the body it comes with.
            case DONE -> itemResponse(Status.OK_200, written.item()).header("Content-Location", "/data/" + id);
            case NOT_FOUND -> throw notFound(parameters);
            case VERSION_REFUSED -> throw preconditionFailed();
        };
    }

    Response delete(Request request, Router.PathParameters parameters) {
        long id = itemId(parameters).orElseThrow(() -> notFound(parameters));
        ItemStore.Written written = store.delete(id, Preconditions.forWrite(request));
        return switch (written.outcome()) {
            case DONE -> Response.json(Status.OK_200, "{\"status\":\"deleted\"}");
            case NOT_FOUND -> throw notFound(parameters);
            case VERSION_REFUSED -> throw preconditionFailed();
        };
    }

    private static Response itemResponse(Status status, Item item) {
        return Response.json(status, JsonObjects.withId(item.id(), item.json()))
                .header("ETag", entityTag(item.version()));
    }

    /** A strong entity tag: the version in quotes. */
    static String entityTag(long version) {
        return "\"" + version + "\"";
    }

    /** 415 unless the body is declared application/json: decided before the body is read. */
    static void requireJson(Request head) {
        String contentType = head.header("Content-Type");
        if (contentType == null || !isJsonUtf8(contentType)) {
            throw new ClientError(Status.UNSUPPORTED_MEDIA_TYPE_415, "send the item as Content-Type: application/json");
        }
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
        return decimal(text).orElseThrow(() -> badRequest(name + " must be a non-negative integer"));
    }

    /** Plain digits that fit a long; no sign, no spaces. */
    private static Optional<Long> decimal(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }

    private static ClientError notFound(Router.PathParameters parameters) {
        return new ClientError(Status.NOT_FOUND_404, "no item with id " + parameters.get("id"));
    }

    private static ClientError preconditionFailed() {
        return new ClientError(Status.PRECONDITION_FAILED_412, "the item has changed: its version does not match");
    }

    private static ClientError badRequest(String message) {
        return new ClientError(Status.BAD_REQUEST_400, message);
    }

    /**
     * The item conditions of RFC 9110 §13.1 over versions. Items have no modification date, so
     * If-Unmodified-Since and If-Modified-Since are ignored, as §13.1.3 and §13.1.4 require.
     */
    static final class Preconditions {
        private Preconditions() {
        }

        /**
         * §13.1.1: true when If-Match is absent, is "*" (the item exists), or lists the version
         * by strong comparison; an invalid list matches nothing.
         */
        static boolean ifMatchHolds(Request request, long version) {
            Set<Long> accepted = ifMatchVersions(request);
            return accepted == null || accepted.contains(version);
        }

        /** §13.1.2: true when If-None-Match is "*" or lists the version by weak comparison. */
        static boolean ifNoneMatchFails(Request request, long version) {
            List<String> tags = tags(request, "If-None-Match");
            if (tags == null) return false;
            return tags.contains("*") || versions(tags, true).contains(version);
        }

        /**
         * Both conditions as one version check, for the store to make in the write itself:
         * If-Match's versions, less If-None-Match's; "*" in If-None-Match accepts none.
         */
        static VersionCheck forWrite(Request request) {
            Set<Long> oneOf = ifMatchVersions(request);
            List<String> noneMatch = tags(request, "If-None-Match");
            if (noneMatch == null) return oneOf == null ? VersionCheck.ANY : VersionCheck.oneOf(oneOf);
            if (noneMatch.contains("*")) return VersionCheck.oneOf(Set.of());
            Set<Long> refused = versions(noneMatch, true);
            if (oneOf == null) return VersionCheck.noneOf(refused);
            Set<Long> accepted = new HashSet<>(oneOf);
            accepted.removeAll(refused);
            return VersionCheck.oneOf(accepted);
        }

        /**
         * For a resource without an entity tag (the list, the collection a POST adds to): a tag
         * in If-Match can never match it (§13.1.1), so only "*" or no If-Match goes on.
         */
        static void requireNoTagInIfMatch(Request request) {
            if (ifMatchVersions(request) != null) {
                throw new ClientError(Status.PRECONDITION_FAILED_412, "If-Match names a version, but the list of items has none");
            }
        }

        /** The versions If-Match accepts, or null when it accepts any (absent, or "*"). */
        private static Set<Long> ifMatchVersions(Request request) {
            if (request.headers().all("If-Match").isEmpty()) return null;
            List<String> tags = tags(request, "If-Match");
            if (tags == null) return Set.of();
            return tags.contains("*") ? null : versions(tags, false);
        }

        /** The field's entity tags, or null when it is absent or not a valid list (then ignored). */
        private static List<String> tags(Request request, String field) {
            List<String> values = request.headers().all(field);
            return values.isEmpty() ? null : EntityTags.parse(String.join(",", values));
        }

        /**
         * The versions named by these tags; weak ones only where the comparison is weak. A tag
         * names a version only when it is exactly that version's tag: §8.8.3.2 compares the
         * opaque tags character by character, so "01" is not "1".
         */
        private static Set<Long> versions(List<String> tags, boolean weakComparison) {
            Set<Long> versions = new HashSet<>();
            for (String tag : tags) {
                if (EntityTags.isWeak(tag) && !weakComparison) continue;
                String opaque = EntityTags.opaque(tag);
                decimal(opaque.substring(1, opaque.length() - 1))
                        .filter(version -> entityTag(version).equals(opaque))
                        .ifPresent(versions::add);
            }
            return versions;
        }
    }
}
