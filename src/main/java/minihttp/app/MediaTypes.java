package minihttp.app;

import java.util.Locale;
import java.util.Map;

/**
 * The Content-Type to send for a file, chosen by its extension (the text after the last '.',
 * compared case-insensitively). Text types carry {@code charset=utf-8}, since the files this
 * server ships are written in UTF-8; an unknown or missing extension is
 * {@code application/octet-stream}, which a browser downloads instead of guessing (the route also
 * sends {@code X-Content-Type-Options: nosniff} so it never guesses). Thread-safe (immutable).
 */
public final class MediaTypes {
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final String UTF_8 = "; charset=utf-8";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            // text
            Map.entry("html", "text/html" + UTF_8),
            Map.entry("htm", "text/html" + UTF_8),
            Map.entry("css", "text/css" + UTF_8),
            // RFC 9239 §6: text/javascript is the one type to use; application/javascript is obsolete.
            Map.entry("js", "text/javascript" + UTF_8),
            Map.entry("mjs", "text/javascript" + UTF_8),
            Map.entry("txt", "text/plain" + UTF_8),
            Map.entry("md", "text/markdown" + UTF_8),
            Map.entry("csv", "text/csv" + UTF_8),
            Map.entry("ics", "text/calendar" + UTF_8),
            // structured text
            Map.entry("json", "application/json" + UTF_8),
            Map.entry("map", "application/json" + UTF_8), // source maps are JSON
            Map.entry("jsonld", "application/ld+json" + UTF_8),
            Map.entry("webmanifest", "application/manifest+json" + UTF_8),
            Map.entry("xml", "application/xml" + UTF_8),
            Map.entry("svg", "image/svg+xml" + UTF_8),
            // images
            Map.entry("png", "image/png"),
            Map.entry("apng", "image/apng"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"),
            // fonts
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            // audio and video
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("ogv", "video/ogg"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("oga", "audio/ogg"),
            Map.entry("opus", "audio/ogg"),
            Map.entry("wav", "audio/wav"),
            Map.entry("flac", "audio/flac"),
            Map.entry("m4a", "audio/mp4"),
            // documents and archives; a .gz is the gzip file itself, not a gzip-encoded body
            Map.entry("pdf", "application/pdf"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"),
            Map.entry("tar", "application/x-tar"));

    private MediaTypes() {
    }

    /** The Content-Type for a file name such as {@code "site.CSS"}; never null. */
    public static String forFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) return OCTET_STREAM;
        String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(extension, OCTET_STREAM);
    }
}
