package minihttp.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCacheTest {
    @TempDir
    Path folder;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content).toRealPath();
    }

    private static long modified(Path file) throws IOException {
        return Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS);
    }

    private static byte[] bytes(ByteBuffer content) {
        byte[] copy = new byte[content.remaining()];
        content.duplicate().get(copy);
        return copy;
    }

    @Test
    void theContentCannotBeChangedThroughWhatIsHandedOut() throws IOException {
        FileCache cache = new FileCache(100, 1000);
        Path file = write("a.txt", "alpha");
        assertTrue(cache.content(file, 5, modified(file)).isReadOnly());
    }

    @Test
    void aSecondUseWithTheSameSizeAndTimeComesFromMemory() throws IOException {
        FileCache cache = new FileCache(100, 1000);
        Path file = write("a.txt", "alpha");
        ByteBuffer first = cache.content(file, 5, modified(file));
        assertArrayEquals("alpha".getBytes(StandardCharsets.UTF_8), bytes(first));
        assertSame(first, cache.content(file, 5, modified(file)));
    }

    @Test
    void aNewModificationTimeReadsTheFileAgain() throws IOException {
        FileCache cache = new FileCache(100, 1000);
        Path file = write("a.txt", "alpha");
        cache.content(file, 5, modified(file));
        write("a.txt", "omega");
        assertArrayEquals("omega".getBytes(StandardCharsets.UTF_8), bytes(cache.content(file, 5, modified(file) + 1)));
    }

    @Test
    void aFileOverTheLimitIsNotKept() throws IOException {
        FileCache cache = new FileCache(4, 1000);
        Path file = write("a.txt", "alpha");
        assertNull(cache.content(file, 5, modified(file)));
        assertEquals(0, cache.cachedBytes());
    }

    @Test
    void aFileWhoseSizeChangedSinceItWasSeenIsNotKept() throws IOException {
        FileCache cache = new FileCache(100, 1000);
        Path file = write("a.txt", "alpha and more");
        assertNull(cache.content(file, 5, modified(file)));
        assertEquals(0, cache.cachedBytes());
    }

    @Test
    void theCacheNeverHoldsMoreThanItsBudget() throws IOException {
        FileCache cache = new FileCache(10, 25);
        for (int i = 0; i < 20; i++) {
            Path file = write("f" + i + ".txt", "0123456789");
            assertArrayEquals("0123456789".getBytes(StandardCharsets.UTF_8), bytes(cache.content(file, 10, modified(file))));
            assertTrue(cache.cachedBytes() <= 25, "holds " + cache.cachedBytes() + " bytes");
        }
    }
}
