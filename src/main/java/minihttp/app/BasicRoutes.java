package minihttp.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import minihttp.http.Request;
import minihttp.http.Response;
import minihttp.http.Status;

/** GET / and GET /echo. */
final class BasicRoutes {
    static final String WELCOME = "Welcome to minihttp!\n";
    private static final ObjectMapper MAPPER = new ObjectMapper();

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
        try {
            return Response.json(Status.OK_200, MAPPER.writeValueAsString(new Echo(message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }

    private record Echo(String message) {
    }
}
