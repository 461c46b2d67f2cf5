package minihttp.server;

import minihttp.http.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger "minihttp.access": client, request line, status, body
 * bytes sent, duration. Request text is escaped so that a client cannot start a new log line or
 * send terminal escapes.
 */
final class AccessLog {
    static final String LOGGER_NAME = "minihttp.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private AccessLog() {
    }

    static boolean enabled() {
        return LOG.isInfoEnabled();
    }

    static void log(Transport client, Request request, int status, long bodyBytes, long startNanos) {
        if (!LOG.isInfoEnabled()) return;
        log(client, request.method() + " " + request.target() + " " + request.version(), status, bodyBytes, startNanos);
    }

    static void log(Transport client, String requestLine, int status, long bodyBytes, long startNanos) {
        if (!LOG.isInfoEnabled()) return;
        double millis = (System.nanoTime() - startNanos) / 1_000_000.0;
        LOG.info("{} \"{}\" {} {} {}ms", client.peer(), escape(requestLine), status, bodyBytes,
                String.format("%.2f", millis));
    }

    /** Controls, DEL, quote, backslash and non-ASCII become \xHH (or \\ and \"). */
    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
            if (plain && out == null) continue;
            if (out == null) out = new StringBuilder(text.length() + 16).append(text, 0, i);
            if (plain) {
                out.append(c);
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(String.format(c <= 0xFF ? "\\x%02x" : "\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }
}
