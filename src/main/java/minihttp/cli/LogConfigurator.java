package minihttp.cli;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.hook.DefaultShutdownHook;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.ContextUtil;

/**
 * The default logging set-up, built in code: Logback finds it through
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}. Reading the same set-up
 * from a logback.xml cost about a fifth of the start-up's work, almost all of it loading Logback's
 * XML configurator and the JDK's XML parser.
 *
 * <p>It steps aside (and Logback reads XML as usual) when {@code -Dlogback.configurationFile}
 * names a file, or a logback-test.xml or logback.xml is on the class path (as in the tests).
 *
 * <p>Lines, as {@link LogLineLayout} writes them, go to standard output. Requests never wait for
 * the console: lines go through a queue of 8192 written by one thread.
 * If standard output stops draining (a full pipe nobody reads), the queue fills and INFO lines,
 * access lines among them, are dropped instead of stalling every worker; warnings and errors
 * are kept while the queue has room. A shutdown hook flushes the queue when the JVM exits (after
 * a graceful stop, for instance). Access lines come from the logger "minihttp.access".
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    static final int QUEUE_SIZE = 8192;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null
                || hasResource(ContextInitializer.TEST_AUTOCONFIG_FILE)
                || hasResource(ContextInitializer.AUTOCONFIG_FILE)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        DefaultShutdownHook shutdownHook = new DefaultShutdownHook();
        shutdownHook.setContext(context);
        new ContextUtil(context).addOrReplaceShutdownHook(shutdownHook);

        LogLineLayout layout = new LogLineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();

        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("ASYNC");
        async.setQueueSize(QUEUE_SIZE);
        async.setNeverBlock(true);
        async.addAppender(console);
        async.start();

        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(async);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean hasResource(String name) {
        ClassLoader loader = LogConfigurator.class.getClassLoader();
        return loader != null && loader.getResource(name) != null;
    }
}
