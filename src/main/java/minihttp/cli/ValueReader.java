package minihttp.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import minihttp.cli.Options.UsageException;

/**
 * Turns the text of one option into its value, or refuses it with a one-line message that names
 * where the text was written: {@code --port}, or an environment variable. Readers are pure and
 * thread-safe; the factories below are the kinds of value minihttp's options take.
 */
@FunctionalInterface
interface ValueReader<T> {

    /**
     * @param source where the text was written, for the message: "--port" or "MINIHTTP_DB_URL"
     * @throws UsageException when the text is not a value of this kind
     */
    T read(String source, String text) throws UsageException;

    default <R> ValueReader<R> map(Function<? super T, ? extends R> convert) {
        return (source, text) -> convert.apply(read(source, text));
    }

    static ValueReader<Long> longBetween(long min, long max) {
        return (source, text) -> {
            try {
                long value = Long.parseLong(text);
                if (value >= min && value <= max) return value;
            } catch (NumberFormatException e) {
                // refused below, in the same words as a number out of range
            }
            throw new UsageException(source + " must be a whole number from " + min + " to " + max + ", got: " + text);
        };
    }

    static ValueReader<Integer> intBetween(int min, int max) {
        return longBetween(min, max).map(Math::toIntExact);
    }

    static ValueReader<Duration> secondsBetween(long min, long max) {
        return longBetween(min, max).map(Duration::ofSeconds);
    }

    /** An IP address or a host name that resolves now, so a typo fails here and not at bind time. */
    static ValueReader<String> address() {
        return (source, text) -> {
            try {
                if (text.isBlank()) throw new UnknownHostException();
                InetAddress.getByName(text);
                return text;
            } catch (UnknownHostException e) {
                throw new UsageException(source + " must be an address or a known host name, got: " + text);
            }
        };
    }

    /** @param what the noun for the refusal of a blank text, e.g. "a folder" */
    static ValueReader<Path> path(String what) {
        return (source, text) -> {
            if (text.isBlank()) throw new UsageException(source + " needs " + what);
            return Path.of(text);
        };
    }

    /** One of these words, in any case; the value is the word as listed. */
    static ValueReader<String> oneOf(List<String> words) {
        return (source, text) -> {
            for (String word : words) {
                if (word.equalsIgnoreCase(text)) return word;
            }
            throw new UsageException(source + " must be " + alternatives(words) + ", got: " + text);
        };
    }

    /** A constant of {@code type}, written as its name in any case. */
    static <E extends Enum<E>> ValueReader<E> oneOf(Class<E> type) {
        List<String> words = Arrays.stream(type.getEnumConstants()).map(ValueReader::wordFor).toList();
        return oneOf(words).map(word -> Enum.valueOf(type, word.toUpperCase(Locale.ROOT)));
    }

    /** How a user writes an enum constant: POSTGRES is "postgres". */
    static String wordFor(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A URL starting with {@code prefix}. A refusal quotes only what comes before "//" of the
     * text, since the rest of a database URL may hold a password.
     *
     * @param form the shape to show the user, e.g. "jdbc:postgresql://HOST:PORT/NAME"
     */
    static ValueReader<String> url(String prefix, String form) {
        return (source, text) -> {
            if (text.startsWith(prefix)) return text;
            int slashes = text.indexOf("//");
            String quoted = slashes < 0 ? "" : ", not " + text.substring(0, slashes + 2) + "...";
            throw new UsageException(source + " must be like " + form + quoted);
        };
    }

    private static String alternatives(List<String> words) {
        if (words.size() == 1) return words.get(0);
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
