package minihttp.spec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minihttp on another origin than the one that served the console page: the real jar run as a
 * process, whose access log shows what the browser sent, or a {@link BrokenCorsServer} double.
 * One per scenario, when a Given asks for it; stopped by {@link CrossOriginSteps}.
 */
public final class SecondMinihttp {
    private static final Pattern ACCESS_LINE = Pattern.compile("\"([A-Z]+) (\\S+) HTTP/1\\.1\" \\d{3}");

    private MinihttpProcess process;
    private BrokenCorsServer brokenDouble;
    private String token;

    void startProcess(List<String> flags, String token) throws IOException {
        this.token = token;
        List<String> args = new ArrayList<>(List.of("--port=0", "--db=mem"));
        args.addAll(flags);
        process = MinihttpProcess.start(args, token == null ? Map.of() : Map.of("MINIHTTP_TOKEN", token));
    }

    void startDouble(BrokenCorsServer.Breakage breakage) throws IOException {
        brokenDouble = new BrokenCorsServer(breakage);
    }

    InetSocketAddress address() {
        if (process != null) return process.address();
        if (brokenDouble != null) return brokenDouble.address();
        throw new IllegalStateException("no second minihttp in this scenario");
    }

    /** The token its store's owner sends; null for none. */
    String token() {
        return token;
    }

    /** "METHOD target" of each request it was asked, in order, from its access log or the double's record. */
    List<String> asked() {
        if (brokenDouble != null) return brokenDouble.asked();
        List<String> asked = new ArrayList<>();
        Matcher line = ACCESS_LINE.matcher(process.output());
        while (line.find()) asked.add(line.group(1) + " " + line.group(2));
        return asked;
    }

    void stop() {
        if (process != null) process.destroy();
        if (brokenDouble != null) brokenDouble.close();
        process = null;
        brokenDouble = null;
    }
}
