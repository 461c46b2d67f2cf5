package minihttp.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import minihttp.http.Request;
import minihttp.http.Response;
import minihttp.http.Status;

/** GET / and GET /echo. */
final class BasicRoutes {
    static final String WELCOME = "Welcome to minihttp!\n";
    /** The browser console, as a path under the static folder and as the URL it is served at. */
    static final String CONSOLE_FILE = "index.html";
    static final String CONSOLE = "/static/" + CONSOLE_FILE;
    static final String HTML = "text/html; charset=utf-8";

    /** RFC 9110 §15.4: a redirect's content is usually a short hypertext note with a link to the new URI. */
    private static final byte[] CONSOLE_NOTE = ("<!doctype html>\n<title>minihttp</title>\n"
            + "<p>The console is at <a href=\"" + CONSOLE + "\">" + CONSOLE + "</a>.</p>\n")
            .getBytes(StandardCharsets.UTF_8);

    private BasicRoutes() {
    }

    /**
     * GET /: a browser is sent on to the console page when the static folder has one, any other
     * client gets the welcome text. Both answers say Vary: Accept (RFC 9110 §12.5.5), so a cache
     * never hands one kind of client the other's.
     */
    static Response root(Request request, StaticFiles staticFiles) {
        if (prefersHtml(request) && staticFiles.has(CONSOLE_FILE)) {
            return Response.bytes(Status.FOUND_302, HTML, CONSOLE_NOTE)
                    .header("Location", CONSOLE)
                    .header("Vary", "Accept");
        }
        return Response.text(Status.OK_200, WELCOME).header("Vary", "Accept");
    }

    /**
     * Only a strict preference counts: a client that takes both alike (curl's wildcard, no Accept
     * at all, HTTPie's application/json first) keeps the plain text it has always had. Browsers
     * name text/html and take text/plain only at their wildcard's lower quality.
     */
    private static boolean prefersHtml(Request request) {
        List<String> fields = request.headers().all("Accept");
        if (!namesEither(fields, "html", "plain")) {
            // Only wildcards can cover the two types then, and they cover both alike: a tie. Most
            // clients that are not browsers (curl's */*, none at all) end here, without a parse.
            return false;
        }
        AcceptHeader accept = AcceptHeader.parse(fields);
        return accept.quality("text/html") > accept.quality("text/plain");
    }

    /** Whether any field holds either word, in any case. */
    private static boolean namesEither(List<String> fields, String word, String other) {
        for (String field : fields) {
            for (int i = 0; i < field.length(); i++) {
                if (field.regionMatches(true, i, word, 0, word.length())
                        || field.regionMatches(true, i, other, 0, other.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {"message": the decoded query parameter}, escaped by Jackson: quotes, backslashes, controls. */
    static Response echo(Request request, Router.PathParameters parameters) {
        String message = request.queryParameter("message");
        if (message == null) {
            return Response.error(Status.BAD_REQUEST_400, "missing query parameter: message");
        }
        StringWriter body = new StringWriter();
        try (JsonGenerator json = Jackson.FACTORY.createGenerator(body)) {
            json.writeStartObject();
            json.writeStringField("message", message);
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
        return Response.json(Status.OK_200, body.toString());
    }

    /*
     * Jackson's streaming writer (what ObjectMapper writes strings with), loaded on the first
     * echo: GET / is the first request a client or a health check makes, and ObjectMapper alone
     * took about 0.2 s to load there.
     */
    private static final class Jackson {
        static final JsonFactory FACTORY = new JsonFactory();
    }
}
