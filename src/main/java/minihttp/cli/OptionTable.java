package minihttp.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import minihttp.cli.Options.UsageException;

/**
 * The options of a command line, in the order the usage lists them: parses arguments against
 * them and writes the usage text. The order is also the order in which values are resolved, so
 * a default may read the options listed before its own. Immutable, thread-safe.
 */
final class OptionTable {
    /** Usage lines are wrapped to fit a terminal of this many columns. */
    private static final int WIDTH = 100;

    private final List<Option<?>> options;

    OptionTable(Option<?>... options) {
        this.options = List.of(options);
        var names = new HashSet<String>();
        for (Option<?> option : options) {
            if (!names.add(option.name())) throw new IllegalArgumentException("declared twice: " + option.dashedName());
        }
    }

    List<Option<?>> options() {
        return options;
    }

    /**
     * Every argument is --name=value or a bare --flag; when one is repeated, the last one counts.
     *
     * @throws UsageException with a one-line message for the first thing wrong
     */
    OptionValues parse(String[] args, Map<String, String> environment) throws UsageException {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) throw new UsageException("unexpected argument: " + arg);
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            Option<?> option = find(name).orElseThrow(() -> new UsageException("unknown option: --" + name));
            if (option.isFlag() && equals >= 0) throw new UsageException(option.dashedName() + " takes no value");
            if (!option.isFlag() && equals < 0) {
                throw new UsageException(option.dashedName() + " needs a value: " + option.synopsis());
            }
            given.put(name, equals < 0 ? "" : arg.substring(equals + 1));
        }
        Map<String, Object> resolved = new HashMap<>();
        OptionValues earlier = OptionValues.viewOf(resolved);
        for (Option<?> option : options) {
            resolved.put(option.name(), option.resolve(given.get(option.name()), earlier, environment));
        }
        return OptionValues.copyOf(resolved);
    }

    /**
     * The synopsis line, one entry per option (its help, then its default), then the note.
     * Long entries wrap, their continuation lines aligned under the help.
     */
    String usage(String synopsis, String note) {
        int helpColumn = 2 + options.stream().mapToInt(option -> option.synopsis().length()).max().orElse(0) + 2;
        StringBuilder usage = new StringBuilder(synopsis);
        for (Option<?> option : options) {
            String help = option.shownDefault().isEmpty() ? option.help()
                    : option.help() + " [default: " + option.shownDefault() + "]";
            usage.append('\n');
            appendWrapped(usage, "  " + option.synopsis(), helpColumn, help);
        }
        usage.append("\n\n");
        appendWrapped(usage, "", 0, note);
        return usage.toString();
    }

    private Optional<Option<?>> find(String name) {
        return options.stream().filter(option -> option.name().equals(name)).findFirst();
    }

    /** {@code lead} padded to {@code column}, then the words of {@code text}, wrapped at {@link #WIDTH}. */
    private static void appendWrapped(StringBuilder out, String lead, int column, String text) {
        StringBuilder line = new StringBuilder(lead);
        boolean lineHasWord = false;
        for (String word : text.split(" ")) {
            if (lineHasWord && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line = new StringBuilder();
                lineHasWord = false;
            }
            if (line.length() < column) line.append(" ".repeat(column - line.length()));
            else if (line.length() > 0) line.append(' ');
            line.append(word);
            lineHasWord = true;
        }
        out.append(line);
    }
}
