package minihttp.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import minihttp.http.Request;
import minihttp.http.Response;
import minihttp.http.Status;

/** GET / and GET /echo. */
final class BasicRoutes {
    static final String WELCOME = "Welcome to minihttp!\n";

    private BasicRoutes() {
    }

    static Response welcome(Request request, Router.PathParameters parameters) {
        return Response.text(Status.OK_200, WELCOME);
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
