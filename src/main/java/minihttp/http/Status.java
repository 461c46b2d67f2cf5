package minihttp.http;

/** The response status codes minihttp sends, each name carrying its number. */
public enum Status {
    CONTINUE_100(100, "Continue"),
    OK_200(200, "OK"),
    CREATED_201(201, "Created"),
    NO_CONTENT_204(204, "No Content"),
    PARTIAL_CONTENT_206(206, "Partial Content"),
    FOUND_302(302, "Found"),
    NOT_MODIFIED_304(304, "Not Modified"),
    BAD_REQUEST_400(400, "Bad Request"),
    UNAUTHORIZED_401(401, "Unauthorized"),
    NOT_FOUND_404(404, "Not Found"),
    METHOD_NOT_ALLOWED_405(405, "Method Not Allowed"),
    REQUEST_TIMEOUT_408(408, "Request Timeout"),
    PRECONDITION_FAILED_412(412, "Precondition Failed"),
    CONTENT_TOO_LARGE_413(413, "Content Too Large"),
    URI_TOO_LONG_414(414, "URI Too Long"),
    UNSUPPORTED_MEDIA_TYPE_415(415, "Unsupported Media Type"),
    RANGE_NOT_SATISFIABLE_416(416, "Range Not Satisfiable"),
    EXPECTATION_FAILED_417(417, "Expectation Failed"),
    REQUEST_HEADER_FIELDS_TOO_LARGE_431(431, "Request Header Fields Too Large"),
    INTERNAL_SERVER_ERROR_500(500, "Internal Server Error"),
    NOT_IMPLEMENTED_501(501, "Not Implemented"),
    SERVICE_UNAVAILABLE_503(503, "Service Unavailable"),
    HTTP_VERSION_NOT_SUPPORTED_505(505, "HTTP Version Not Supported");

    private final int code;
    private final String reason;
    /** "HTTP/1.1 200 OK\r\n", encoded once: a response head starts with it. */
    private final byte[] statusLine;

    Status(int code, String reason) {
        this.code = code;
        this.reason = reason;
        this.statusLine = ("HTTP/1.1 " + code + " " + reason + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    byte[] statusLine() {
        return statusLine;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** RFC 9110 §15: 1xx, 204 and 304 responses never carry content. */
    public boolean allowsContent() {
        return code >= 200 && code != 204 && code != 304;
    }
}
