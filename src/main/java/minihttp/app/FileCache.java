package minihttp.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The contents of static files up to a size, kept in memory so that serving one costs no open or
 * read. They are held outside the heap, where the transport writes them without first copying them
 * there (as it must from a heap array), and shared read-only by every response. Each use is
 * checked against the size and modification time just read from the file system, so an edited or
 * replaced file is read again at once. Bounded in bytes: past the budget, other entries are
 * dropped until it fits. Thread-safe, without a lock shared by all requests.
 */
final class FileCache {
    private record Entry(long size, long modifiedNanos, ByteBuffer content) {
    }

    private final ConcurrentHashMap<Path, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong cachedBytes = new AtomicLong();
    private final long maxFileBytes;
    private final long maxTotalBytes;

    /**
     * @param maxFileBytes  the largest file kept; larger ones are sent from disk
     * @param maxTotalBytes the most bytes kept in all
     */
    FileCache(long maxFileBytes, long maxTotalBytes) {
        this.maxFileBytes = maxFileBytes;
        this.maxTotalBytes = maxTotalBytes;
    }

    /**
     * A budget that stays small next to the heap (whose size also bounds the memory outside it by
     * default): an eighth of it, at most 32 MiB. Files up to a thirty-second of the budget (1 MiB
     * by default) are kept, so that at least 32 of them fit before they push each other out, and
     * the I/O thread, which reads a file into the cache, reads at most that much at once.
     */
    static FileCache sizedForHeap() {
        long budget = Math.min(32L << 20, Runtime.getRuntime().maxMemory() / 8);
        return new FileCache(budget / 32, budget);
    }

    /**
     * The content of the file at {@code realPath}, which was just seen with this size and
     * modification time, as a read-only buffer to take views of; null when it is too large to
     * keep, or changed while it was read.
     */
    ByteBuffer content(Path realPath, long size, long modifiedNanos) throws IOException {
        if (size > maxFileBytes) return null;
        Entry known = entries.get(realPath);
        if (known != null && known.size() == size && known.modifiedNanos() == modifiedNanos) return known.content();
        ByteBuffer content = read(realPath, size);
        if (content == null) return null;
        Entry fresh = new Entry(size, modifiedNanos, content);
        Entry replaced = entries.put(realPath, fresh);
        cachedBytes.addAndGet(size - (replaced == null ? 0 : replaced.size()));
        evictOverBudget(realPath);
        return content;
    }

    long cachedBytes() {
        return cachedBytes.get();
    }

    /** Exactly {@code size} bytes, or null when the file is not that size any more. */
    private static ByteBuffer read(Path realPath, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(realPath, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            // One byte more than expected shows a file that grew since it was seen.
            ByteBuffer content = ByteBuffer.allocateDirect((int) size + 1);
            while (content.hasRemaining() && channel.read(content) >= 0) {
                // Reads until full or at the end of the file.
            }
            if (content.position() != size) return null;
            return content.flip().asReadOnlyBuffer();
        }
    }

    private void evictOverBudget(Path keep) {
        Iterator<java.util.Map.Entry<Path, Entry>> oldest = entries.entrySet().iterator();
        while (cachedBytes.get() > maxTotalBytes && oldest.hasNext()) {
            java.util.Map.Entry<Path, Entry> next = oldest.next();
            if (next.getKey().equals(keep)) continue;
            if (entries.remove(next.getKey(), next.getValue())) cachedBytes.addAndGet(-next.getValue().size());
        }
    }
}
