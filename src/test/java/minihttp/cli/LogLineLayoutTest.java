package minihttp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** LogLineLayout writes exactly what the pattern it replaces wrote, stack traces included. */
class LogLineLayoutTest {
    private static final String PATTERN = "%d{" + LogLineLayout.DATE_PATTERN + "} %-5level %logger{0} %msg%n";

    static Stream<Arguments> events() {
        IllegalStateException nested = new IllegalStateException("outer", new UncheckedIOException(new IOException("inner")));
        return Stream.of(
            arguments("an access line", Level.INFO, "minihttp.access", "127.0.0.1:4711 \"GET / HTTP/1.1\" 200 21 0.46ms", null),
            arguments("a warning", Level.WARN, "minihttp.server.Server", "queue full", null),
            arguments("an error", Level.ERROR, "minihttp.server.Connection", "handler failed", null),
            arguments("debug", Level.DEBUG, "minihttp.store.H2Database", "Opened in-memory database", null),
            arguments("trace", Level.TRACE, "minihttp.store.H2Database", "t", null),
            arguments("a logger name without dots", Level.INFO, "access", "line", null),
            arguments("a logger name ending in a dot", Level.INFO, "odd.", "line", null),
            arguments("an empty message", Level.INFO, "x.y", "", null),
            arguments("a stack trace", Level.ERROR, "minihttp.server.Connection", "handler failed", new IllegalStateException("boom")),
            arguments("nested causes", Level.ERROR, "minihttp.server.Connection", "handler failed", nested)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void writesWhatThePatternWrote(String name, Level level, String logger, String message, Throwable thrown) {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent(LogLineLayoutTest.class.getName(), context.getLogger(logger), level, message, thrown, null);

        PatternLayout pattern = new PatternLayout();
        pattern.setContext(context);
        pattern.setPattern(PATTERN);
        pattern.start();
        LogLineLayout layout = new LogLineLayout();
        layout.setContext(context);
        layout.start();

        assertEquals(pattern.doLayout(event), layout.doLayout(event));
    }
}
