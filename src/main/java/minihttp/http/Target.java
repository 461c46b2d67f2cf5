package minihttp.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A request-target taken apart: decoded path segments and query parameters. */
record Target(String path, List<String> segments, String rawQuery, Map<String, List<String>> query) {

    static final Target ASTERISK = new Target("*", List.of(), null, Map.of());

    /**
     * Parses origin-form and absolute-form (RFC 9112 §3.2.1, §3.2.2). The caller has checked the
     * characters and handles "*" and authority-form itself.
     *
     * @throws ProtocolException 400 on a malformed target, percent-encoding or UTF-8
     */
    static Target parse(String raw) {
        Target plain = parsePlainPath(raw);
        if (plain != null) return plain;
        String pathAndQuery = raw;
        if (!raw.startsWith("/")) {
            pathAndQuery = stripSchemeAndAuthority(raw);
        }
        if (pathAndQuery.indexOf('#') >= 0) {
            throw bad("a request target has no fragment");
        }
        int question = pathAndQuery.indexOf('?');
        String rawPath = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String rawQuery = question < 0 ? null : pathAndQuery.substring(question + 1);

        List<String> segments = new ArrayList<>();
        for (String rawSegment : removeDotSegments(rawPath)) {
            segments.add(percentDecode(rawSegment, false));
        }
        String path = "/" + String.join("/", segments);
        Map<String, List<String>> query = rawQuery == null ? Map.of() : parseQuery(rawQuery);
        return new Target(path, Collections.unmodifiableList(segments), rawQuery, query);
    }

    /**
     * The common case without the general machinery: origin-form whose path has no escapes and no
     * segment starting with a dot, so its segments are its raw pieces and the path is the raw
     * path. Null for anything else, which {@link #parse} then takes apart in full.
     */
    private static Target parsePlainPath(String raw) {
        if (!raw.startsWith("/")) return null;
        int pathEnd = raw.length();
        int segmentCount = 1;
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '?') {
                pathEnd = i;
                break;
            }
            if (c == '%' || c == '#' || (c == '.' && raw.charAt(i - 1) == '/')) return null;
            if (c == '/') segmentCount++;
        }
        if (raw.indexOf('#', pathEnd) >= 0) return null;
        String path = pathEnd == raw.length() ? raw : raw.substring(0, pathEnd);
        String rawQuery = pathEnd == raw.length() ? null : raw.substring(pathEnd + 1);
        Map<String, List<String>> query = rawQuery == null ? Map.of() : parseQuery(rawQuery);
        return new Target(path, splitPlainPath(path, segmentCount), rawQuery, query);
    }

    private static List<String> splitPlainPath(String path, int segmentCount) {
        if (segmentCount == 1) return List.of(path.substring(1));
        if (segmentCount == 2) {
            int slash = path.indexOf('/', 1);
            return List.of(path.substring(1, slash), path.substring(slash + 1));
        }
        String[] segments = new String[segmentCount];
        int segmentStart = 1;
        for (int k = 0; k < segmentCount; k++) {
            int slash = k + 1 < segmentCount ? path.indexOf('/', segmentStart) : path.length();
            segments[k] = path.substring(segmentStart, slash);
            segmentStart = slash + 1;
        }
        return List.of(segments);
    }

    private static String stripSchemeAndAuthority(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        int afterScheme;
        if (lower.startsWith("http://")) {
            afterScheme = 7;
        } else if (lower.startsWith("https://")) {
            afterScheme = 8;
        } else {
            throw bad("the request target must be an absolute path or an absolute http URI");
        }
        int pathStart = afterScheme;
        while (pathStart < raw.length() && "/?#".indexOf(raw.charAt(pathStart)) < 0) pathStart++;
        if (pathStart == afterScheme) {
            throw bad("an absolute URI needs a host");
        }
        if (raw.substring(afterScheme, pathStart).indexOf('@') >= 0) {
            // RFC 9110 §4.2.4: userinfo in an http URI SHOULD be treated as an error.
            throw bad("an http URI must not carry user information");
        }
        String rest = raw.substring(pathStart);
        return rest.startsWith("/") ? rest : "/" + rest;
    }

    /**
     * RFC 3986 §5.2.4 on the raw path: "." segments vanish and ".." removes its parent, never
     * climbing above the root. Encoded dots (%2e) are not dot-segments here; they decode to a
     * literal "." or ".." segment that handlers of file paths must refuse.
     */
    private static List<String> removeDotSegments(String rawPath) {
        String[] parts = rawPath.substring(1).split("/", -1);
        Deque<String> kept = new ArrayDeque<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (part.equals(".") || part.equals("..")) {
                if (part.equals("..") && !kept.isEmpty()) kept.removeLast();
                if (last) kept.addLast(""); // "/a/.." names the folder "/", keep the trailing slash
            } else {
                kept.addLast(part);
            }
        }
        if (kept.isEmpty()) kept.add("");
        return new ArrayList<>(kept);
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) return params;
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) continue;
            int equals = pair.indexOf('=');
            String name = percentDecode(equals < 0 ? pair : pair.substring(0, equals), true);
            String value = equals < 0 ? "" : percentDecode(pair.substring(equals + 1), true);
            params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        params.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(params);
    }

    /** Decodes %XX escapes as UTF-8, strictly; in a query '+' stands for a space. */
    static String percentDecode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw; // the caller checked the characters: plain ASCII needs no decoding
        }
        byte[] bytes = new byte[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 1 < raw.length() ? Syntax.hexValue(raw.charAt(i + 1)) : -1;
                int low = i + 2 < raw.length() ? Syntax.hexValue(raw.charAt(i + 2)) : -1;
                if (high < 0 || low < 0) {
                    throw bad("malformed percent-encoding in the request target");
                }
                bytes[length++] = (byte) (high << 4 | low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes[length++] = ' ';
            } else {
                bytes[length++] = (byte) c;
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer decoded = utf8.decode(ByteBuffer.wrap(bytes, 0, length));
            return decoded.toString();
        } catch (CharacterCodingException e) {
            throw bad("the request target is not valid UTF-8 once percent-decoded");
        }
    }

    private static ProtocolException bad(String message) {
        return ProtocolException.fatal(Status.BAD_REQUEST_400, message);
    }
}
