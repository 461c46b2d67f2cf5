package minihttp.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import minihttp.http.HttpDate;
import minihttp.http.Request;
import minihttp.http.Response;
import minihttp.http.Status;

/**
 * {@code GET /static/{path...}}: serves the regular files under one folder, streamed, with
 * validators, conditional requests (RFC 9110 §13) and single byte ranges (RFC 9110 §14).
 *
 * <p>Nothing outside the folder is ever opened. Each decoded path segment is checked (no empty,
 * dot, hidden, slash, backslash, NUL or colon segments), and the resolved file's real path, with
 * every symbolic link followed, must lie under the folder's real path; a link that stays inside
 * is served, one that leads out is not. A refused path, a missing file and a folder all answer
 * the same 404, so a client learns nothing about what exists outside.
 *
 * <p>The folder is looked up on every request, so it may be created or replaced while the server
 * runs; a missing folder makes every file 404. Size and modification time are read when the
 * request is handled; the file is opened only when the server streams the body, which it never
 * does for HEAD or 304, so no descriptor is left open. Memory per response is one
 * {@value #BUFFER_BYTES}-byte buffer, whatever the file's size. Thread-safe (immutable).
 */
public final class StaticFiles {
    static final int BUFFER_BYTES = 32 * 1024;

    /**
     * RFC 9111 §5.2.2.4: the client may store the file but must revalidate before each reuse.
     * Files here are edited in place and their URLs carry no version, so any max-age would serve
     * stale copies after an edit; revalidation costs one small 304 thanks to the ETag.
     */
    static final String CACHE_CONTROL = "no-cache";

    private final Path root;

    /** @param root the folder to serve; it need not exist yet */
    public StaticFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The route: the file named by {@code parameters.rest()}, or 404. */
    public Response serve(Request request, Router.PathParameters parameters) {
        Optional<StaticFile> found = find(parameters.rest());
        if (found.isEmpty()) {
            return Response.error(Status.NOT_FOUND_404, "not found: " + request.path())
                    .header("X-Content-Type-Options", "nosniff");
        }
        return respond(request, found.get());
    }

    /** A regular file under the root, with what was read of it when the request was handled. */
    private record StaticFile(Path path, long size, String contentType, String entityTag, Instant lastModified) {
    }

    private Optional<StaticFile> find(List<String> segments) {
        if (segments.isEmpty()) return Optional.empty();
        for (String segment : segments) {
            if (!isSafeSegment(segment)) return Optional.empty();
        }
        try {
            Path realRoot = root.toRealPath();
            Path candidate = realRoot;
            for (String segment : segments) candidate = candidate.resolve(segment);
            // The segment checks already keep the candidate inside; this restates it lexically.
            if (!candidate.normalize().startsWith(realRoot)) return Optional.empty();
            // Follows every symbolic link, so a link that leads out of the root shows here.
            Path real = candidate.toRealPath();
            if (!real.startsWith(realRoot) || hasHiddenName(realRoot.relativize(real))) return Optional.empty();
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            if (!attributes.isRegularFile() || !Files.isReadable(real)) return Optional.empty();
            long size = attributes.size();
            Instant modified = attributes.lastModifiedTime().toInstant();
            return Optional.of(new StaticFile(real, size, MediaTypes.forFileName(real.getFileName().toString()),
                    entityTag(size, attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)),
                    lastModified(modified)));
        } catch (IOException | InvalidPathException | SecurityException e) {
            // Missing, unreadable, a broken link, or a name this file system cannot hold.
            return Optional.empty();
        }
    }

    /**
     * A segment may name one entry in one folder, nothing else. The router has removed literal
     * "." and ".." segments, but percent-encoded ones ({@code %2e%2e}) and encoded separators
     * ({@code %2f}, {@code %5c}) arrive here decoded, inside a single segment. A colon would let a
     * Windows path name a drive ({@code C:}) or an alternate data stream, NUL ends a C string.
     * A segment starting with '.' is refused too: dotfiles and dot-folders such as .git or .env
     * hold repository data and secrets that are never meant to be public.
     */
    static boolean isSafeSegment(String segment) {
        if (segment.isEmpty() || segment.startsWith(".")) return false;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '/' || c == '\\' || c == ':' || c == '\0') return false;
        }
        return true;
    }

    /** A link inside the root may still point at a dotfile there; the same rule applies to it. */
    private static boolean hasHiddenName(Path relative) {
        for (Path name : relative) {
            if (name.toString().startsWith(".")) return true;
        }
        return false;
    }

    /**
     * A strong validator (RFC 9110 §8.8.3) from size and modification time in nanoseconds, in
     * hex: it changes whenever the file is replaced or edited, short of a same-size rewrite
     * within the file system's clock resolution, the usual trade-off of file servers.
     */
    static String entityTag(long size, long modifiedNanos) {
        return "\"" + Long.toHexString(size) + "-" + Long.toHexString(modifiedNanos) + "\"";
    }

    /**
     * HTTP dates have whole seconds. RFC 9110 §8.8.2.1: a modification time in the future MUST be
     * replaced by the message origination date.
     */
    private static Instant lastModified(Instant modified) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant seconds = modified.truncatedTo(ChronoUnit.SECONDS);
        return seconds.isAfter(now) ? now : seconds;
    }

    private static Response respond(Request request, StaticFile file) {
        if (preconditionFailed(request, file)) {
            return validators(Response.error(Status.PRECONDITION_FAILED_412, "precondition failed"), file);
        }
        boolean getOrHead = request.method().equals("GET") || request.method().equals("HEAD");
        if (getOrHead && notModified(request, file)) {
            // RFC 9110 §15.4.5: a 304 carries the ETag and Cache-Control a 200 would have.
            return validators(Response.empty(Status.NOT_MODIFIED_304), file);
        }
        ByteRange.Selection selection = rangeSelection(request, file);
        if (selection instanceof ByteRange.Unsatisfiable) {
            // RFC 9110 §15.5.17: a 416 SHOULD say the current length in Content-Range.
            return Response.error(Status.RANGE_NOT_SATISFIABLE_416, "range not satisfiable")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Accept-Ranges", "bytes")
                    .header("Content-Range", ByteRange.unsatisfiedContentRange(file.size()));
        }
        if (selection instanceof ByteRange.Part part) {
            ByteRange range = part.range();
            Response partial = Response.streamed(Status.PARTIAL_CONTENT_206, file.contentType(), range.length(),
                    out -> copy(file, range.first(), range.length(), out));
            // RFC 9110 §15.3.7: a 206 carries the ETag and Cache-Control a 200 would have.
            return representation(partial, file).header("Content-Range", range.contentRange(file.size()));
        }
        Response whole = Response.streamed(Status.OK_200, file.contentType(), file.size(),
                out -> copy(file, 0, file.size(), out));
        return representation(whole, file);
    }

    private static Response validators(Response response, StaticFile file) {
        return response
                .header("ETag", file.entityTag())
                .header("Last-Modified", HttpDate.format(file.lastModified()))
                .header("Cache-Control", CACHE_CONTROL)
                .header("X-Content-Type-Options", "nosniff");
    }

    private static Response representation(Response response, StaticFile file) {
        return validators(response, file).header("Accept-Ranges", "bytes");
    }

    /**
     * RFC 9110 §13.2.2 steps 1 and 2: If-Match (§13.1.1, which an origin server MUST evaluate)
     * holds for "*" or a strongly equal tag; only without it does If-Unmodified-Since count
     * (§13.1.4), ignored unless it is one valid date.
     */
    private static boolean preconditionFailed(Request request, StaticFile file) {
        List<String> match = request.headers().all("If-Match");
        if (!match.isEmpty()) {
            List<String> tags = EntityTags.parse(String.join(",", match));
            if (tags == null) return true; // an invalid list matches nothing
            for (String tag : tags) {
                if (tag.equals("*") || EntityTags.stronglyEqual(tag, file.entityTag())) return false;
            }
            return true;
        }
        List<String> unmodifiedSince = request.headers().all("If-Unmodified-Since");
        if (unmodifiedSince.size() != 1) return false;
        return HttpDate.parse(unmodifiedSince.get(0)).map(file.lastModified()::isAfter).orElse(false);
    }

    /**
     * RFC 9110 §13.2.2 steps 3 and 4, for GET and HEAD: If-None-Match decides when present
     * (§13.1.2); only without it does If-Modified-Since count (§13.1.3).
     */
    private static boolean notModified(Request request, StaticFile file) {
        List<String> noneMatch = request.headers().all("If-None-Match");
        if (!noneMatch.isEmpty()) {
            // RFC 9110 §13.1.2: "*" matches any current representation; otherwise weak comparison.
            List<String> tags = EntityTags.parse(String.join(",", noneMatch));
            if (tags == null) return false; // not a valid list: the condition cannot be evaluated
            for (String tag : tags) {
                if (tag.equals("*") || EntityTags.weaklyEqual(tag, file.entityTag())) return true;
            }
            return false;
        }
        List<String> modifiedSince = request.headers().all("If-Modified-Since");
        // RFC 9110 §13.1.3: ignored unless it is exactly one valid HTTP-date.
        if (modifiedSince.size() != 1) return false;
        Optional<Instant> since = HttpDate.parse(modifiedSince.get(0));
        // §13.2.2 step 4: not modified when the last modification is at or before the date.
        return since.isPresent() && !file.lastModified().isAfter(since.get());
    }

    /**
     * RFC 9110 §14.2: Range is defined for GET only, so any other method (HEAD included) gets
     * the whole representation. §13.1.5: If-Range sends the range only if its validator still
     * holds, otherwise the whole representation.
     */
    private static ByteRange.Selection rangeSelection(Request request, StaticFile file) {
        if (!request.method().equals("GET")) return new ByteRange.Whole();
        List<String> ranges = request.headers().all("Range");
        if (ranges.isEmpty()) return new ByteRange.Whole();
        // Range is not a list field: two of them cannot be combined into one valid value.
        if (ranges.size() > 1) return new ByteRange.Whole();
        List<String> ifRange = request.headers().all("If-Range");
        if (!ifRange.isEmpty() && !(ifRange.size() == 1 && ifRangeHolds(ifRange.get(0), file))) {
            return new ByteRange.Whole();
        }
        return ByteRange.select(ranges.get(0), file.size());
    }

    /**
     * RFC 9110 §13.1.5: an entity-tag must match by strong comparison; an HTTP-date must
     * exactly equal Last-Modified. Anything else does not hold.
     */
    private static boolean ifRangeHolds(String validator, StaticFile file) {
        String value = validator.trim();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return EntityTags.stronglyEqual(value, file.entityTag());
        }
        return HttpDate.parse(value).map(date -> date.equals(file.lastModified())).orElse(false);
    }

    /**
     * Streams {@code length} bytes from {@code first} through one bounded buffer. The file is
     * opened here, by its real path and without following a link in its last name, so a file
     * swapped for a link since the request was checked is not followed. If it shrank since its
     * size was read, the promised length can no longer be met: the IOException makes the server
     * drop the connection, the only honest signal once Content-Length is sent.
     */
    private static void copy(StaticFile file, long first, long length, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER_BYTES, Math.max(length, 1)));
            long position = first;
            long remaining = length;
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw new IOException("file shrank while being sent: " + file.path() + " ended at byte "
                            + position + ", " + remaining + " bytes short");
                }
                out.write(buffer.array(), 0, read);
                position += read;
                remaining -= read;
            }
        }
    }

    /** Entity-tag lists and comparison (RFC 9110 §8.8.3). */
    static final class EntityTags {
        private EntityTags() {
        }

        /**
         * The members of {@code "*" / #entity-tag}, each as received ({@code W/"x"} or {@code "x"}),
         * or null when the value is not such a list. Commas may appear inside the quotes.
         */
        static List<String> parse(String value) {
            List<String> tags = new ArrayList<>();
            int i = 0;
            int n = value.length();
            while (i < n) {
                char c = value.charAt(i);
                if (c == ' ' || c == '\t' || c == ',') {
                    i++;
                    continue;
                }
                int start = i;
                if (c == '*') {
                    i++;
                } else {
                    if (value.startsWith("W/", i)) i += 2;
                    if (i >= n || value.charAt(i) != '"') return null;
                    int close = value.indexOf('"', i + 1);
                    if (close < 0) return null;
                    i = close + 1;
                }
                tags.add(value.substring(start, i));
                while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) i++;
                if (i < n && value.charAt(i) != ',') return null;
            }
            return tags;
        }

        /** RFC 9110 §8.8.3.2: the opaque-tags are equal, weakness ignored. */
        static boolean weaklyEqual(String a, String b) {
            return opaque(a).equals(opaque(b));
        }

        /** RFC 9110 §8.8.3.2: both are strong and their opaque-tags are equal. */
        static boolean stronglyEqual(String a, String b) {
            return !a.startsWith("W/") && !b.startsWith("W/") && a.equals(b);
        }

        private static String opaque(String tag) {
            return tag.startsWith("W/") ? tag.substring(2) : tag;
        }
    }
}
