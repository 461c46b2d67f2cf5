package minihttp.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Character classes of RFC 9110 §5.6 and RFC 3986, over single bytes. */
final class Syntax {
    static final int MAX_METHOD_LENGTH = 32;

    private static final boolean[] TCHAR = new boolean[256];
    private static final boolean[] TARGET = new boolean[256];
    private static final boolean[] FIELD_VALUE = new boolean[256];
    private static final boolean[] HOST = new boolean[256];

    /** Eight bytes of an array as one long, at any index. */
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long EACH_01 = 0x0101010101010101L;
    private static final long EACH_20 = 0x2020202020202020L;
    private static final long EACH_7F = 0x7F7F7F7F7F7F7F7FL;
    private static final long EACH_80 = 0x8080808080808080L;

    static {
        for (char c = '0'; c <= '9'; c++) TCHAR[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;
        // RFC 3986 §2: unreserved, reserved and '%' are the only bytes a URI may hold.
        for (char c = '0'; c <= '9'; c++) TARGET[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TARGET[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TARGET[c] = true;
        for (char c : "-._~:/?#[]@!$&'()*+,;=%".toCharArray()) TARGET[c] = true;
        // RFC 9110 §5.5: field-content is VCHAR, obs-text, SP and HTAB; every other control is invalid.
        for (int b = 0x20; b <= 0xFF; b++) FIELD_VALUE[b] = b != 0x7F;
        FIELD_VALUE['\t'] = true;
        // RFC 9112 §3.2: a Host value is uri-host [ ":" port ], so no path, query, fragment or userinfo.
        System.arraycopy(TARGET, 0, HOST, 0, 256);
        for (char c : "/?#@".toCharArray()) HOST[c] = false;
    }

    private Syntax() {
    }

    static boolean isTokenChar(int b) {
        return TCHAR[b & 0xFF];
    }

    static boolean isTargetChar(int b) {
        return TARGET[b & 0xFF];
    }

    /** A byte a Host field value may hold: a target char that cannot start a path, query, fragment or userinfo. */
    static boolean isHostChar(int b) {
        return HOST[b & 0xFF];
    }

    /** The index of the first byte from {@code from} on that is not a target char, or {@code end}. */
    static int targetEnd(byte[] bytes, int from, int end) {
        int i = from;
        while (i < end && TARGET[bytes[i] & 0xFF]) i++;
        return i;
    }

    static boolean isFieldValueChar(int b) {
        return FIELD_VALUE[b & 0xFF];
    }

    /**
     * RFC 9110 §5.6.4: a byte a quoted-pair may escape (HTAB, SP, VCHAR, obs-text), which are
     * exactly the field-value chars.
     */
    static boolean isQuotedPairChar(int b) {
        return FIELD_VALUE[b & 0xFF];
    }

    /** RFC 9110 §5.6.4: qdtext, a byte a quoted-string holds unescaped: not DQUOTE or backslash. */
    static boolean isQdTextChar(int b) {
        return b != '"' && b != '\\' && FIELD_VALUE[b & 0xFF];
    }

    /** The index of the first byte from {@code from} on that is not a token char, or {@code end}. */
    static int tokenEnd(byte[] bytes, int from, int end) {
        int i = from;
        while (i < end && TCHAR[bytes[i] & 0xFF]) i++;
        return i;
    }

    /**
     * The index of the first byte from {@code from} on that is not a field-value char, or {@code
     * end}: where a field line's value stops, at its CR or LF when it is valid. Values are most of
     * a head, so they are read eight bytes at a time while no byte in them is a control or DEL
     * (which includes HTAB: from there on, byte by byte).
     */
    static int fieldValueEnd(byte[] bytes, int from, int end) {
        int i = from;
        while (i + Long.BYTES <= end && !hasControlOrDelete((long) EIGHT_BYTES.get(bytes, i))) i += Long.BYTES;
        while (i < end && FIELD_VALUE[bytes[i] & 0xFF]) i++;
        return i;
    }

    /**
     * Whether a byte of the eight is below 0x20 or is 0x7F, by the borrow tricks of "Bit
     * Twiddling Hacks" (hasless, haszero): exact about whether, not about which.
     */
    private static boolean hasControlOrDelete(long eight) {
        long delete = eight ^ EACH_7F;
        return ((((eight - EACH_20) & ~eight) | ((delete - EACH_01) & ~delete)) & EACH_80) != 0;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF || !TCHAR[c]) return false;
        }
        return true;
    }

    static int hexValue(int b) {
        if (b >= '0' && b <= '9') return b - '0';
        if (b >= 'a' && b <= 'f') return b - 'a' + 10;
        if (b >= 'A' && b <= 'F') return b - 'A' + 10;
        return -1;
    }
}
