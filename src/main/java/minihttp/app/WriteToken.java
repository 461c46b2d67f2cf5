package minihttp.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import minihttp.http.Handler;
import minihttp.http.Request;
import minihttp.http.Response;
import minihttp.http.Status;

/**
 * A write token: the secret a client presents as {@code Authorization: Bearer <token>} (RFC 6750
 * §2.1) to change the store, and, with {@code protectReads}, to read it. {@link #guard} puts an
 * application behind it.
 *
 * <p>What needs the token: every method but GET, HEAD and OPTIONS, so POST, PUT and DELETE, and
 * any method a later route takes (a method that is not safe changes something, RFC 9110 §9.2.1).
 * With {@code protectReads}, GET and HEAD too, except on the open path the guard is given (the
 * health check, which load balancers poll without credentials). OPTIONS never: a browser sends its
 * CORS preflight without credentials (Fetch standard, CORS-preflight request).
 *
 * <p>A request without the token is answered 401 with a JSON error and
 * {@code WWW-Authenticate: Bearer realm="minihttp"} (RFC 9110 §15.5.2 MUST, RFC 6750 §3), with
 * {@code error="invalid_token"} added when Bearer credentials were sent but are not the token
 * (RFC 6750 §3.1: "malformed, or invalid for other reasons"); no field, or another scheme such as
 * Basic, gets no error code (§3: "SHOULD NOT include an error code"). Two Authorization fields are
 * an invalid token whatever they hold, since intermediaries may disagree on which one counts. The answer is
 * decided from the head alone before the route runs, so a refused request's body is never read
 * nor invited (no 100 Continue), and the refusal is answered on the I/O thread.
 *
 * <p>Only the token's SHA-256 digest is kept; a sent value is digested and compared with
 * {@link MessageDigest#isEqual}, so the time taken shows neither how much of the token a guess got
 * right nor the token's length. Immutable and thread-safe; it never logs, and {@link #toString}
 * does not show the token.
 */
public final class WriteToken {
    static final String CHALLENGE = "Bearer realm=\"minihttp\"";
    static final String CHALLENGE_INVALID = CHALLENGE + ", error=\"invalid_token\"";
    private static final String AUTHORIZATION = "Authorization";
    /** RFC 9110 §11.1: the scheme is case-insensitive; RFC 6750 §2.1: it is followed by 1*SP. */
    private static final String SCHEME = "Bearer";

    private final byte[] digest;
    private final boolean protectReads;

    /**
     * @param token        the secret: printable ASCII, no whitespace (checked where it is read, with
     *                     messages for the user; here only as a guard)
     * @param protectReads whether GET and HEAD need it too
     */
    public WriteToken(String token, boolean protectReads) {
        if (token.isEmpty() || !token.chars().allMatch(c -> c > ' ' && c < 0x7F)) {
            throw new IllegalArgumentException("a token is one or more printable ASCII characters without whitespace");
        }
        this.digest = sha256(token);
        this.protectReads = protectReads;
    }

    /**
     * The application behind this token.
     *
     * @param openPath a path whose GET and HEAD stay open even with {@code protectReads}
     */
    Handler guard(Handler application, String openPath) {
        return new Guard(application, openPath);
    }

    @Override
    public String toString() {
        return protectReads ? "write token (reads too)" : "write token";
    }

    /** Whether a request may pass, and if not, whether it sent Bearer credentials. */
    private enum Verdict { PASS, NO_CREDENTIALS, INVALID_TOKEN }

    private final class Guard implements Handler {
        private final Handler next;
        private final String openPath;

        Guard(Handler next, String openPath) {
            this.next = next;
            this.openPath = openPath;
        }

        @Override
        public Response handle(Request request) {
            return switch (verdict(request, openPath)) {
                case PASS -> next.handle(request);
                case NO_CREDENTIALS -> Response.error(Status.UNAUTHORIZED_401,
                                "this request needs the token, sent as Authorization: Bearer <token>")
                        .header("WWW-Authenticate", CHALLENGE);
                case INVALID_TOKEN -> Response.error(Status.UNAUTHORIZED_401, "the token sent is not valid")
                        .header("WWW-Authenticate", CHALLENGE_INVALID);
            };
        }

        /** A refusal never blocks; a route that never blocks needs no check here. */
        @Override
        public boolean mayBlock(Request head) {
            return next.mayBlock(head) && verdict(head, openPath) == Verdict.PASS;
        }
    }

    private Verdict verdict(Request request, String openPath) {
        if (!needsToken(request, openPath)) return Verdict.PASS;
        List<String> fields = request.headers().all(AUTHORIZATION);
        if (fields.isEmpty()) return Verdict.NO_CREDENTIALS;
        if (fields.size() > 1) return Verdict.INVALID_TOKEN;
        String field = fields.get(0);
        int space = field.indexOf(' ');
        String scheme = space < 0 ? field : field.substring(0, space);
        if (!scheme.equalsIgnoreCase(SCHEME)) return Verdict.NO_CREDENTIALS;
        int start = space < 0 ? field.length() : space;
        while (start < field.length() && field.charAt(start) == ' ') start++;
        // Whatever follows is digested as is: a value with a space or a character the token
        // cannot hold simply does not match.
        String sent = field.substring(start);
        return MessageDigest.isEqual(sha256(sent), digest) ? Verdict.PASS : Verdict.INVALID_TOKEN;
    }

    private boolean needsToken(Request request, String openPath) {
        String method = request.method();
        if (method.equals("OPTIONS")) return false;
        if (!method.equals("GET") && !method.equals("HEAD")) return true;
        return protectReads && !request.path().equals(openPath);
    }

    /** Field values hold one char per byte (ISO-8859-1), so no byte of what was sent is lost. */
    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.ISO_8859_1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
