package minihttp.cli;

import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import minihttp.cli.Options.UsageException;

/**
 * One command-line option, declared once: everything the usage text, the parser and the README's
 * options table need to know about it. Start from {@link #flag} or {@link #valued}, then add a
 * default and, for an option that only makes sense beside another, {@link #onlyWith}. Immutable.
 *
 * @param name         without the dashes: "port"
 * @param placeholder  what stands for the value in the usage: "N"; null for a flag
 * @param help         one sentence for the usage and the README, without the default
 * @param shownDefault the default as the user reads it: "8080" or "the idle timeout"; "" for none
 * @param reader       turns the given text into the value
 * @param whenAbsent   the value when the option is not given; may read the options declared
 *                     before it, and the environment
 * @param condition    when the option applies at all; null when it always does
 */
record Option<T>(String name, String placeholder, String help, String shownDefault, ValueReader<T> reader,
                 DefaultRule<T> whenAbsent, Condition condition) {

    /** The value of an option that is not given. */
    @FunctionalInterface
    interface DefaultRule<T> {
        T value(OptionValues earlier, Map<String, String> environment) throws UsageException;
    }

    /**
     * An option applies only while another has a certain value, e.g. --db-url only with
     * --db=postgres: given otherwise it is refused, absent otherwise its value is null.
     *
     * @param shown the other option as the user writes it: "--db=postgres"
     */
    record Condition(String shown, Predicate<OptionValues> holds) {
    }

    public Option {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(shownDefault, "shownDefault");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(whenAbsent, "whenAbsent");
    }

    /** A bare --name: true when given, false when not. */
    static Option<Boolean> flag(String name, String help) {
        return new Option<>(name, null, help, "", (source, text) -> true, (earlier, environment) -> false, null);
    }

    /** A --name=VALUE without a default yet: null when absent. */
    static <T> Option<T> valued(String name, String placeholder, String help, ValueReader<T> reader) {
        Objects.requireNonNull(placeholder, "placeholder");
        return new Option<>(name, placeholder, help, "", reader, (earlier, environment) -> null, null);
    }

    /** The default is this text, shown as is and read like a given value, so the two cannot differ. */
    Option<T> byDefault(String text) {
        return byDefault(text, (earlier, environment) -> reader.read(dashedName(), text));
    }

    /** A default that is computed, such as another option's value; {@code shown} describes it. */
    Option<T> byDefault(String shown, DefaultRule<T> rule) {
        return new Option<>(name, placeholder, help, shown, reader, rule, condition);
    }

    /** Applies only while {@code other} has the value written {@code otherText}; see {@link Condition}. */
    <V> Option<T> onlyWith(Option<V> other, String otherText) {
        V required;
        try {
            required = other.reader().read(other.dashedName(), otherText);
        } catch (UsageException e) {
            throw new IllegalArgumentException("not a value of " + other.dashedName() + ": " + otherText, e);
        }
        Predicate<OptionValues> holds = earlier -> required.equals(earlier.get(other));
        return new Option<>(name, placeholder, help, shownDefault, reader, whenAbsent,
                new Condition(other.dashedName() + "=" + otherText, holds));
    }

    boolean isFlag() {
        return placeholder == null;
    }

    /** "--port" */
    String dashedName() {
        return "--" + name;
    }

    /** As the usage and the README write it: "--port=N", or "--quiet" for a flag. */
    String synopsis() {
        return isFlag() ? dashedName() : dashedName() + "=" + placeholder;
    }

    /**
     * The value, from the given text or else by default.
     *
     * @param given the text after "=" ("" for a flag), or null when the option is absent
     */
    T resolve(String given, OptionValues earlier, Map<String, String> environment) throws UsageException {
        boolean applies = condition == null || condition.holds().test(earlier);
        if (given == null) return applies ? whenAbsent.value(earlier, environment) : null;
        if (!applies) throw new UsageException(dashedName() + " is for " + condition.shown());
        return reader.read(dashedName(), given);
    }
}
