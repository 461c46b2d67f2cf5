package minihttp.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Requests on /data as a client makes them: JSON bodies in UTF-8 with their Content-Type, on the
 * scenario's main connection (recorded as "the response") or on a one-off connection for the
 * Givens and the checks, which must not disturb the conversation under test. Those act as the
 * store's owner: they carry the server's write token, if it has one; requests on the main
 * connection carry only the fields a step names.
 */
public final class ItemClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final ServerFixture server;
    private final Conversation conversation;

    public ItemClient(ServerFixture server, Conversation conversation) {
        this.server = server;
        this.conversation = conversation;
    }

    /** The exact bytes of a request; a null content type sends no Content-Type field. */
    byte[] request(String method, String target, String contentType, byte[] body, boolean close) {
        return request(method, target, contentType, body, close, List.of());
    }

    /** The same with more header fields, each a whole "Name: value" line without its line end. */
    byte[] request(String method, String target, String contentType, byte[] body, boolean close,
                   List<String> moreFields) {
        List<String> fields = new ArrayList<>(moreFields);
        if (body != null) fields.add("Content-Length: " + body.length);
        if (close) fields.add("Connection: close");
        return concat(head(method, target, contentType, fields), body == null ? new byte[0] : body);
    }

    private byte[] head(String method, String target, String contentType, List<String> fields) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        head.append("Host: ").append(server.authority()).append("\r\n");
        if (contentType != null) head.append("Content-Type: ").append(contentType).append("\r\n");
        fields.forEach(field -> head.append(field).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** On the main connection; the response becomes "the response". */
    HttpTestClient.Response send(String method, String target, String contentType, byte[] body) {
        return exchange(request(method, target, contentType, body, false), method.equals("HEAD"));
    }

    /** The same with one more header field, a whole "Name: value" line. */
    HttpTestClient.Response send(String method, String target, String contentType, byte[] body, String field) {
        return exchange(request(method, target, contentType, body, false, List.of(field)), method.equals("HEAD"));
    }

    /** A body already in chunked framing, exactly as given, in one write with its head, on the main connection. */
    HttpTestClient.Response sendChunked(String method, String target, String contentType, byte[] chunks) {
        return exchange(concat(head(method, target, contentType, List.of("Transfer-Encoding: chunked")), chunks), false);
    }

    /** Only the head of a request that announces a body of that length, on the main connection. */
    HttpTestClient.Response sendHeadOnly(String method, String target, String contentType, long length) {
        return exchange(head(method, target, contentType, List.of("Content-Length: " + length)), false);
    }

    /**
     * RFC 9110 §10.1.1 on the main connection: sends the head with Expect: 100-continue, and the
     * body only once invited with 100 Continue or, as curl does, after {@code wait} without any
     * answer; a final answer instead of the invitation means the body is never sent. Every
     * response is recorded, the interim ones too; returns the final one.
     */
    HttpTestClient.Response sendWhenInvited(String method, String target, String contentType, byte[] body,
                                            Duration wait) {
        try {
            HttpTestClient client = conversation.client();
            client.send(head(method, target, contentType,
                    List.of("Expect: 100-continue", "Content-Length: " + body.length)));
            if (client.respondsWithin(wait)) {
                HttpTestClient.Response first = client.read(false);
                conversation.received(client, first);
                if (first.status() >= 200) return first;
            }
            client.send(body);
            HttpTestClient.Response response;
            do { // a 100 Continue slower than the wait comes before the final answer
                response = client.read(false);
                conversation.received(client, response);
            } while (response.status() < 200);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpTestClient.Response exchange(byte[] bytes, boolean toHead) {
        try {
            HttpTestClient client = conversation.client();
            client.send(bytes);
            HttpTestClient.Response response = client.read(toHead);
            conversation.received(client, response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    HttpTestClient.Response sendJson(String method, String target, String json) {
        return send(method, target, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** On a connection of its own, closed afterwards; not recorded. */
    HttpTestClient.Response aside(String method, String target, String json) {
        byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        List<String> owner = server.token() == null ? List.of() : List.of("Authorization: Bearer " + server.token());
        try (HttpTestClient client = new HttpTestClient(server.address())) {
            client.send(request(method, target, json == null ? null : "application/json", body, true, owner));
            return client.read(method.equals("HEAD"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every item the server lists now, as parsed JSON objects. */
    List<JsonNode> listAll() {
        HttpTestClient.Response response = aside("GET", "/data", null);
        if (response.status() != 200) throw new AssertionError("listing the items gave\n" + response);
        return elements(response);
    }

    static List<JsonNode> elements(HttpTestClient.Response response) {
        try {
            JsonNode array = JSON.readTree(response.body());
            if (array == null || !array.isArray()) throw new AssertionError("not a JSON array:\n" + response);
            List<JsonNode> items = new ArrayList<>();
            array.forEach(items::add);
            return items;
        } catch (IOException e) {
            throw new AssertionError("not JSON:\n" + response, e);
        }
    }

    /** The "id" of a JSON item in a response body. */
    static long idOf(HttpTestClient.Response response) {
        try {
            JsonNode id = JSON.readTree(response.body()).get("id");
            if (id == null || !id.canConvertToLong()) throw new AssertionError("no integer id in\n" + response);
            return id.asLong();
        } catch (IOException e) {
            throw new AssertionError("not JSON:\n" + response, e);
        }
    }
}
