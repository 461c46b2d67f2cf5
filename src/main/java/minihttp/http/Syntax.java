package minihttp.http;

/** Character classes of RFC 9110 §5.6 and RFC 3986, over single bytes. */
final class Syntax {
    static final int MAX_METHOD_LENGTH = 32;

    private static final boolean[] TCHAR = new boolean[256];
    private static final boolean[] TARGET = new boolean[256];

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
    }

    private Syntax() {
    }

    static boolean isTokenChar(int b) {
        return TCHAR[b & 0xFF];
    }

    static boolean isTargetChar(int b) {
        return TARGET[b & 0xFF];
    }

    /** RFC 9110 §5.5: field-content is VCHAR, obs-text, SP and HTAB; every other control is invalid. */
    static boolean isFieldValueChar(int b) {
        int u = b & 0xFF;
        return u == '\t' || (u >= 0x20 && u != 0x7F);
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
