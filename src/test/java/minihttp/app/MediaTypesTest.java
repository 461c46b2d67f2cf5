package minihttp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** File names and the Content-Type each gets, one named row per case. */
class MediaTypesTest {

    static Stream<Arguments> fileNames() {
        return Stream.of(
            arguments("html is UTF-8 text", "index.html", "text/html; charset=utf-8"),
            arguments("htm is html", "old.htm", "text/html; charset=utf-8"),
            arguments("css", "site.css", "text/css; charset=utf-8"),
            arguments("js is text/javascript (RFC 9239)", "app.js", "text/javascript; charset=utf-8"),
            arguments("mjs is text/javascript", "module.mjs", "text/javascript; charset=utf-8"),
            arguments("json carries a charset", "data.json", "application/json; charset=utf-8"),
            arguments("source map is JSON", "app.js.map", "application/json; charset=utf-8"),
            arguments("web manifest", "site.webmanifest", "application/manifest+json; charset=utf-8"),
            arguments("txt", "hello.txt", "text/plain; charset=utf-8"),
            arguments("markdown", "README.md", "text/markdown; charset=utf-8"),
            arguments("csv", "table.csv", "text/csv; charset=utf-8"),
            arguments("xml", "feed.xml", "application/xml; charset=utf-8"),
            arguments("svg is text too", "logo.svg", "image/svg+xml; charset=utf-8"),
            arguments("png", "a.png", "image/png"),
            arguments("jpg", "a.jpg", "image/jpeg"),
            arguments("jpeg", "a.jpeg", "image/jpeg"),
            arguments("gif", "a.gif", "image/gif"),
            arguments("webp", "a.webp", "image/webp"),
            arguments("avif", "a.avif", "image/avif"),
            arguments("ico", "favicon.ico", "image/vnd.microsoft.icon"),
            arguments("bmp", "a.bmp", "image/bmp"),
            arguments("woff", "f.woff", "font/woff"),
            arguments("woff2", "f.woff2", "font/woff2"),
            arguments("ttf", "f.ttf", "font/ttf"),
            arguments("otf", "f.otf", "font/otf"),
            arguments("wasm", "m.wasm", "application/wasm"),
            arguments("pdf", "doc.pdf", "application/pdf"),
            arguments("mp4", "v.mp4", "video/mp4"),
            arguments("webm", "v.webm", "video/webm"),
            arguments("mp3", "s.mp3", "audio/mpeg"),
            arguments("ogg", "s.ogg", "audio/ogg"),
            arguments("wav", "s.wav", "audio/wav"),
            arguments("zip", "a.zip", "application/zip"),
            arguments("gz is the archive, not an encoding", "a.tar.gz", "application/gzip"),
            arguments("extension is case-insensitive", "PHOTO.JPG", "image/jpeg"),
            arguments("mixed case extension", "Index.HtMl", "text/html; charset=utf-8"),
            arguments("unknown extension", "data.bin", "application/octet-stream"),
            arguments("no extension", "LICENSE", "application/octet-stream"),
            arguments("trailing dot", "name.", "application/octet-stream"),
            arguments("only the last extension counts", "page.html.bak", "application/octet-stream"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("fileNames")
    void contentTypeFollowsTheExtension(String name, String fileName, String contentType) {
        assertEquals(contentType, MediaTypes.forFileName(fileName));
    }
}
