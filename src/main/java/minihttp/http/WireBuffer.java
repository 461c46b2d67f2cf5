package minihttp.http;

import java.nio.ByteBuffer;

/**
 * A growable byte array for building what goes on the wire: ASCII text goes in one byte per
 * char, with no intermediate String or encoder. Reused by one thread from one response to the
 * next ({@link #clear()}), so steady traffic allocates nothing here. Not thread-safe.
 */
public final class WireBuffer {
    private byte[] bytes;
    private int size;

    public WireBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    public void clear() {
        size = 0;
    }

    public int size() {
        return size;
    }

    public byte[] array() {
        return bytes;
    }

    public WireBuffer write(byte b) {
        ensure(1);
        bytes[size++] = b;
        return this;
    }

    public WireBuffer write(byte[] source) {
        return write(source, 0, source.length);
    }

    public WireBuffer write(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
        return this;
    }

    /** The source's remaining bytes; its position is left where it was. */
    public WireBuffer write(ByteBuffer source) {
        int length = source.remaining();
        ensure(length);
        source.get(source.position(), bytes, size, length);
        size += length;
        return this;
    }

    /** Chars below 256 as one byte each (ISO-8859-1), the way header values are held. */
    public WireBuffer writeLatin1(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) bytes[size + i] = (byte) text.charAt(i);
        size += length;
        return this;
    }

    public WireBuffer writeDecimal(long value) {
        if (value < 0) throw new IllegalArgumentException("negative: " + value);
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) digits++;
        ensure(digits);
        for (int i = size + digits - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += digits;
        return this;
    }

    public WireBuffer writeHex(long value) {
        return writeLatin1(Long.toHexString(value));
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        byte[] copy = new byte[size];
        System.arraycopy(bytes, 0, copy, 0, size);
        return copy;
    }

    /** What was written, wrapped without a copy: valid until the next write or clear. */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(bytes, 0, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            byte[] larger = new byte[Math.max(bytes.length * 2, size + more)];
            System.arraycopy(bytes, 0, larger, 0, size);
            bytes = larger;
        }
    }
}
