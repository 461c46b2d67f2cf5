package minihttp.cli;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.util.CachingDateFormatter;

/**
 * One log line, as the pattern {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} %msg%n}
 * would write it, followed by the stack trace if the event has one:
 * {@code 2026-11-26T06:05:32.945Z INFO  access 127.0.0.1:47824 "GET / HTTP/1.1" 200 21 0.46ms}.
 *
 * <p>Written out because Logback's PatternLayout registers every converter it knows when first
 * used (about 150 classes and lambdas): that took twice as long as this layout, some 40 ms of CPU
 * at start-up. The pieces that format are Logback's own: its date formatter (local time zone) and
 * its stack trace converter, the one PatternLayout appends when a pattern prints no exception.
 * Thread-safe once started, as Logback requires of layouts.
 */
final class LogLineLayout extends LayoutBase<ILoggingEvent> {
    static final String DATE_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
    private static final int LEVEL_WIDTH = 5;

    private final CachingDateFormatter dates = new CachingDateFormatter(DATE_PATTERN);
    private final ThrowableProxyConverter stackTraces = new ThrowableProxyConverter();

    @Override
    public void start() {
        stackTraces.setContext(getContext());
        stackTraces.start();
        super.start();
    }

    @Override
    public void stop() {
        stackTraces.stop();
        super.stop();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        line.append(dates.format(event.getTimeStamp())).append(' ');
        String level = event.getLevel().toString();
        line.append(level);
        for (int i = level.length(); i < LEVEL_WIDTH; i++) {
            line.append(' ');
        }
        String logger = event.getLoggerName();
        line.append(' ').append(logger, logger.lastIndexOf('.') + 1, logger.length());
        line.append(' ').append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
        return line.append(stackTraces.convert(event)).toString();
    }
}
