package minihttp.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The API the console in the browser talks to: the scenario's server, or the second minihttp
 * once the page was pointed at it. The checks ask it aside, on a connection of their own, as the
 * store's owner: with its token, if it has one.
 */
public final class ConsoleApi {
    private final ServerFixture server;
    private final SecondMinihttp second;
    private boolean onSecond;

    public ConsoleApi(ServerFixture server, SecondMinihttp second) {
        this.server = server;
        this.second = second;
    }

    void pointAtSecond() {
        onSecond = true;
    }

    InetSocketAddress address() {
        return onSecond ? second.address() : server.address();
    }

    private String token() {
        return onSecond ? second.token() : server.token();
    }

    HttpTestClient.Response get(String target) {
        return send("GET", target, null, null, List.of());
    }

    /** One request; {@code fields} are whole "Name: value" lines. */
    HttpTestClient.Response send(String method, String target, String contentType, String body, List<String> fields) {
        return send(address(), token(), method, target, contentType, body, fields);
    }

    /** A GET to the second minihttp, wherever the console points. */
    HttpTestClient.Response getFromSecond(String target) {
        return send(second.address(), second.token(), "GET", target, null, null, List.of());
    }

    private static HttpTestClient.Response send(InetSocketAddress address, String token, String method, String target,
                                                String contentType, String body, List<String> fields) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n")
                .append("Host: ").append(address.getHostString()).append(':').append(address.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        if (token != null) head.append("Authorization: Bearer ").append(token).append("\r\n");
        if (contentType != null) head.append("Content-Type: ").append(contentType).append("\r\n");
        if (body != null) head.append("Content-Length: ").append(content.length).append("\r\n");
        fields.forEach(field -> head.append(field).append("\r\n"));
        head.append("\r\n");
        try (HttpTestClient client = new HttpTestClient(address)) {
            byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] request = new byte[headBytes.length + content.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(content, 0, request, headBytes.length, content.length);
            client.send(request);
            return client.read(method.equals("HEAD"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
