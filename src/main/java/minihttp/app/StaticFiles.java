package minihttp.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * runs; a missing folder makes every file 404. The full check runs when a path is first asked for
 * and again whenever the file it names changes identity or permissions; in between, serving a file
 * costs two stats (the requested path, and the real path that gets opened). Size and modification time are read when the request is handled. A small file's
 * content comes from a {@link FileCache} checked against them, so what is sent always matches the
 * validators sent with it. A larger file becomes a file body that the server opens only when it
 * sends it (never for HEAD or 304, so no descriptor is left open) and hands to the transport
 * without copying it through the heap. Never blocks on anything but the local file system, so it
 * is answered on the I/O thread. Thread-safe.
 */
public final class StaticFiles {

    /**
     * RFC 9111 §5.2.2.4: the client may store the file but must revalidate before each reuse.
     * Files here are edited in place and their URLs carry no version, so any max-age would serve
     * stale copies after an edit; revalidation costs one small 304 thanks to the ETag.
     */
    static final String CACHE_CONTROL = "no-cache";

    /** Paths remembered as checked; only files that exist get in, and past this many all are forgotten. */
    private static final int MAX_RESOLVED = 10_000;

    private final Path root;
    private final FileCache cache;
    private final ConcurrentHashMap<String, Resolved> resolved = new ConcurrentHashMap<>();
    private final Class<? extends BasicFileAttributes> attributeKind;

    /** @param root the folder to serve; it need not exist yet */
    public StaticFiles(Path root) {
        this(root, FileCache.sizedForHeap());
    }

    StaticFiles(Path root, FileCache cache) {
        this.root = root.toAbsolutePath().normalize();
        this.cache = cache;
        this.attributeKind = this.root.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? PosixFileAttributes.class : BasicFileAttributes.class;
    }

    /** The route: the file named by {@code parameters.rest()}, or 404. */
    public Response serve(Request request, Router.PathParameters parameters) {
        Optional<StaticFile> found = find(parameters.rest());
        if (found.isPresent()) {
            try {
                return respond(request, found.get());
            } catch (IOException e) {
                // Removed or made unreadable since it was found: as if it had not been there.
            }
        }
        return Response.error(Status.NOT_FOUND_404, "not found: " + request.path())
                .header("X-Content-Type-Options", "nosniff");
    }

    /**
     * Whether {@link #serve} would send the file at {@code relativePath} ("/"-separated, such as
     * {@code "index.html"}) now: it is looked up with the same checks, so a folder, a hidden
     * name or a link leading out is not there. It costs the stats serving would make, so it may
     * be asked on the I/O thread too.
     */
    public boolean has(String relativePath) {
        return find(List.of(relativePath.split("/", -1))).isPresent();
    }

    /** A regular file under the root, with what was read of it when the request was handled. */
    private record StaticFile(Path path, long size, long modifiedNanos, String contentType, String entityTag,
                              Instant lastModified) {
    }

    /**
     * A request path that passed the full check, and the file it led to then. Its permissions
     * are part of it, so that a file made unreadable (chmod changes no modification time) is
     * checked again at once.
     */
    private record Resolved(Path realPath, Object fileKey, Object permissions) {
        boolean matches(BasicFileAttributes attributes) {
            return fileKey.equals(attributes.fileKey()) && permissions.equals(StaticFiles.permissions(attributes));
        }
    }

    /**
     * Whether the remembered real path, which is what gets opened, still names the file that was
     * checked: a folder on it may have been replaced by a link since (the requested path can reach
     * the same file another way meanwhile), and then it could lead out of the root.
     */
    private boolean stillLeadsToTheSameFile(Resolved known) {
        try {
            return known.matches(Files.readAttributes(known.realPath(), attributeKind, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** The permissions where the file system has POSIX ones, else a constant. */
    private static Object permissions(BasicFileAttributes attributes) {
        return attributes instanceof PosixFileAttributes posix ? posix.permissions() : Boolean.TRUE;
    }

    private Optional<StaticFile> find(List<String> segments) {
        if (segments.isEmpty()) return Optional.empty();
        for (String segment : segments) {
            if (!isSafeSegment(segment)) return Optional.empty();
        }
        try {
            Path candidate = root;
            for (String segment : segments) candidate = candidate.resolve(segment);
            // One stat, following links: what the path names now.
            BasicFileAttributes attributes = Files.readAttributes(candidate, attributeKind);
            String key = String.join("/", segments);
            Resolved known = resolved.get(key);
            if (known != null && attributes.isRegularFile() && known.matches(attributes)
                    && stillLeadsToTheSameFile(known)) {
                return Optional.of(staticFile(known.realPath(), attributes));
            }
            return resolve(key, candidate, segments);
        } catch (IOException | InvalidPathException | SecurityException e) {
            // Missing, unreadable, a broken link, or a name this file system cannot hold.
            return Optional.empty();
        }
    }

    /**
     * The full check, made when a path is first asked for and whenever the file it names is no
     * longer the one checked (the file system's key of the file, device and inode on Unix, has
     * changed): every link followed to a real path that must lie under the root's real path.
     * Its outcome is remembered by key, so a file served again costs one stat, not a walk of
     * every folder on its path with a readlink each.
     */
    private Optional<StaticFile> resolve(String key, Path candidate, List<String> segments) throws IOException {
        Path realRoot = root.toRealPath();
        Path lexical = realRoot;
        for (String segment : segments) lexical = lexical.resolve(segment);
        // The segment checks already keep the candidate inside; this restates it lexically.
        if (!lexical.normalize().startsWith(realRoot)) return Optional.empty();
        // Follows every symbolic link, so a link that leads out of the root shows here.
        Path real = candidate.toRealPath();
        if (!real.startsWith(realRoot) || hasHiddenName(realRoot.relativize(real))) return Optional.empty();
        BasicFileAttributes attributes = Files.readAttributes(real, attributeKind);
        if (!attributes.isRegularFile() || !Files.isReadable(real)) return Optional.empty();
        Object fileKey = attributes.fileKey();
        if (fileKey != null) {
            if (resolved.size() >= MAX_RESOLVED) resolved.clear();
            resolved.put(key, new Resolved(real, fileKey, permissions(attributes)));
        }
        return Optional.of(staticFile(real, attributes));
    }

    private static StaticFile staticFile(Path real, BasicFileAttributes attributes) {
        long size = attributes.size();
        long modifiedNanos = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        return new StaticFile(real, size, modifiedNanos, MediaTypes.forFileName(real.getFileName().toString()),
                entityTag(size, modifiedNanos), lastModified(attributes.lastModifiedTime().toInstant()));
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

    private Response respond(Request request, StaticFile file) throws IOException {
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
        boolean head = request.method().equals("HEAD");
        if (selection instanceof ByteRange.Part part) {
            ByteRange range = part.range();
            Response partial = body(Status.PARTIAL_CONTENT_206, file, range.first(), range.length(), head);
            // RFC 9110 §15.3.7: a 206 carries the ETag and Cache-Control a 200 would have.
            return representation(partial, file).header("Content-Range", range.contentRange(file.size()));
        }
        return representation(body(Status.OK_200, file, 0, file.size(), head), file);
    }

    /**
     * The bytes from memory when the file is small enough to be cached, else the file
     * itself; for HEAD no content is read at all, only its length promised.
     */
    private Response body(Status status, StaticFile file, long first, long length, boolean head) throws IOException {
        ByteBuffer content = head ? null : cache.content(file.path(), file.size(), file.modifiedNanos());
        if (content == null) {
            return Response.file(status, file.contentType(), new Response.FileRegion(file.path(), first, length));
        }
        return Response.shared(status, file.contentType(), content.slice((int) first, (int) length));
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
}
