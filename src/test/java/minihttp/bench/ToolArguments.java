package minihttp.bench;

import java.util.Map;
import java.util.TreeMap;

/** The {@code --name=value} arguments of the load tools here, read the same way by each. */
final class ToolArguments {
    private ToolArguments() {
    }

    /** Every argument by name; anything not {@code --name=value} is refused. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> given = new TreeMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) throw new IllegalArgumentException("expected --name=value: " + arg);
            given.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return given;
    }

    /** A whole number from {@code min} to {@code max}, or {@code fallback} when not given. */
    static int number(String text, int fallback, int min, int max) {
        if (text == null) return fallback;
        int value = Integer.parseInt(text);
        if (value < min || value > max) throw new IllegalArgumentException(value + " is not in " + min + ".." + max);
        return value;
    }
}
