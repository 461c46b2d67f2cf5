package minihttp.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder a scenario's server serves under /static/: a fresh temporary folder {@code public}
 * inside a temporary base folder, which also holds the files "outside" it. The first use asks
 * the {@link ServerFixture} for {@code --static=<public>}; {@link #delete} removes everything.
 *
 * <p>It remembers the secrets a response must never reveal: the content of every file written
 * outside the folder and of every file under a dot-name inside it. Created per scenario by
 * PicoContainer; not thread-safe.
 */
public final class StaticFolder {
    /**
     * Files are written as if an hour old: their Last-Modified is then a strong validator (RFC
     * 9110 §8.8.2.2) and a later change shows in it and in the ETag, whatever the clock resolution.
     */
    private static final Duration AGE = Duration.ofHours(1);

    private final ServerFixture server;
    private final List<String> secrets = new ArrayList<>();
    private Path base;
    private Path root;

    public StaticFolder(ServerFixture server) {
        this.server = server;
    }

    /** The served folder's path, which need not exist; the server is told to serve it. */
    Path root() {
        if (root == null) {
            try {
                base = Files.createTempDirectory("minihttp-static-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a temporary folder", e);
            }
            root = base.resolve("public");
            server.require("--static=" + root);
        }
        return root;
    }

    /** Writes a file under the folder, creating the folder and its subfolders as needed. */
    Path write(String relative, byte[] content) throws IOException {
        Path file = inside(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(AGE)));
        for (Path name : root().relativize(file)) {
            if (name.toString().startsWith(".")) {
                secrets.add(new String(content, StandardCharsets.ISO_8859_1));
                break;
            }
        }
        return file;
    }

    /** Writes a file next to the folder, outside it: what no request may ever reach. */
    void writeOutside(String name, String content) throws IOException {
        root();
        Path file = base.resolve(name).normalize();
        if (!file.getParent().equals(base)) throw new IllegalArgumentException("one file name, please: " + name);
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
        secrets.add(content);
    }

    /**
     * A symbolic link under the folder, to {@code target} as {@code ln -s} takes it: relative to
     * the link's own folder.
     *
     * @throws UnsupportedOperationException when this file system cannot make links
     */
    void link(String relative, String target) throws IOException {
        Path link = inside(relative);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, link.getFileSystem().getPath(target));
    }

    /** A file under the folder by its relative path. */
    Path inside(String relative) {
        Path file = root().resolve(relative).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("not a path inside the static folder: " + relative);
        }
        return file;
    }

    List<String> secrets() {
        return secrets;
    }

    /** Removes the base folder and all it holds; links are removed, not followed. */
    void delete() throws IOException {
        if (base == null) return;
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
        base = null;
        root = null;
    }
}
