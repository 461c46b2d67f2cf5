package minihttp.store;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The schema: the SQL scripts in {@code db/migration} on the class path, applied by Flyway to
 * database files.
 *
 * <p>Flyway costs about as much at start-up as opening the database itself (it loads some 400
 * classes), and it is needed only where a file is new or behind. {@link #isCurrent} spots a file
 * that is up to date from Flyway's own history table: when the history lists exactly the scripts
 * on the class path, in order, all applied successfully, with the checksums Flyway computes, then
 * Flyway would validate them and apply nothing. Anything else (a new script, a changed one, a
 * failed or missing one, a file that is not a plain versioned script) answers "not current", and
 * Flyway runs and decides as it always did. A private in-memory database, new every time and gone
 * with the process, gets the scripts run as they are ({@link #runWithoutFlyway}). Stateless;
 * thread-safe.
 */
final class Migrations {
    private static final String FOLDER = "db/migration";
    private static final String LOCATION = "classpath:" + FOLDER;
    /** Flyway's default naming for versioned SQL migrations: V1__create_items.sql, V1.1__..., V2_1__.... */
    private static final Pattern VERSIONED_SCRIPT = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    // Flyway's first row records that it created the table (type TABLE, no version); it takes no
    // part in validating or migrating.
    private static final String HISTORY_QUERY = "SELECT \"version\", \"description\", \"type\", \"script\","
            + " \"checksum\", \"success\" FROM \"flyway_schema_history\" WHERE \"type\" <> 'TABLE'"
            + " ORDER BY \"installed_rank\"";

    /** One versioned script as Flyway records it in its history, and its text. */
    record Script(String version, String description, String fileName, int checksum, String sql) {
    }

    private Migrations() {
    }

    /** Flyway, set up to migrate this data source; it connects only when asked to migrate. */
    static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                // A jar without the scripts would otherwise start with no tables.
                .failOnMissingLocations(true)
                .load();
    }

    /**
     * Creates the schema in a new private database (in memory) by running the scripts on the
     * class path as they are, in order, without Flyway and its history table: such a database
     * has nothing to validate and no later migration to track, and Flyway would cost about as
     * much as the rest of the start-up. Runs nothing and answers false if the scripts need
     * Flyway: anything but plain versioned scripts in the folder, or a placeholder.
     *
     * @throws SQLException if a script fails; the database is then half made and unusable
     */
    static boolean runWithoutFlyway(Connection connection, ClassLoader classPath) throws SQLException {
        Optional<List<Script>> scripts = scripts(classPath);
        if (scripts.isEmpty() || scripts.get().stream().anyMatch(script -> script.sql().contains("${"))) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            for (Script script : scripts.get()) {
                // H2 runs every statement of the text in turn, as Flyway would one by one.
                statement.execute(script.sql());
            }
        }
        return true;
    }

    /**
     * Whether Flyway's history in this database lists exactly the scripts on the class path. False
     * too when that cannot be told (no history table, a script that cannot be read): then Flyway
     * should run.
     */
    static boolean isCurrent(Connection connection) {
        return scripts(Migrations.class.getClassLoader()).map(scripts -> historyMatches(connection, scripts))
                .orElse(false);
    }

    /** Whether the history lists exactly these scripts, in this order, all successful. */
    static boolean historyMatches(Connection connection, List<Script> scripts) {
        try (Statement statement = connection.createStatement();
             ResultSet history = statement.executeQuery(HISTORY_QUERY)) {
            for (Script script : scripts) {
                if (!history.next()
                        || !script.version().equals(history.getString("version"))
                        || !script.description().equals(history.getString("description"))
                        || !"SQL".equals(history.getString("type"))
                        || !script.fileName().equals(history.getString("script"))
                        || history.getObject("checksum") == null
                        || script.checksum() != history.getInt("checksum")
                        || !history.getBoolean("success")) {
                    return false;
                }
            }
            return !scripts.isEmpty() && !history.next();
        } catch (SQLException e) {
            // Most often there is no history table yet; whatever it is, Flyway will see it too.
            return false;
        }
    }

    /**
     * The versioned scripts on the class path in Flyway's order, or empty if there are none, or
     * anything else is there (repeatable scripts, callbacks, sub-folders, Java migrations), or
     * they cannot be listed: cases for Flyway to handle.
     */
    static Optional<List<Script>> scripts(ClassLoader classPath) {
        try {
            List<Script> scripts = new ArrayList<>();
            Enumeration<URL> folders = classPath.getResources(FOLDER);
            while (folders.hasMoreElements()) {
                if (!addScripts(folders.nextElement(), scripts)) {
                    return Optional.empty();
                }
            }
            scripts.sort(Comparator.comparing(Script::version, Migrations::compareVersions));
            return scripts.isEmpty() ? Optional.empty() : Optional.of(scripts);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Adds the scripts in a folder or a folder in a jar; false if it holds anything else. */
    private static boolean addScripts(URL folder, List<Script> scripts) throws IOException, URISyntaxException {
        if ("file".equals(folder.getProtocol())) {
            File[] files = new File(folder.toURI()).listFiles();
            if (files == null) {
                return false;
            }
            for (File file : files) {
                if (file.isDirectory()) {
                    return false;
                }
                try (InputStream in = new FileInputStream(file)) {
                    if (!addScript(file.getName(), in, scripts)) {
                        return false;
                    }
                }
            }
            return true;
        }
        if (!(folder.openConnection() instanceof JarURLConnection connection)) {
            return false;
        }
        connection.setUseCaches(false);
        // A multi-release jar (as the shaded one is) names the folder with its trailing slash.
        String entryName = connection.getEntryName();
        String prefix = entryName.endsWith("/") ? entryName : entryName + "/";
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.startsWith(prefix) || name.equals(prefix)) {
                    continue;
                }
                String fileName = name.substring(prefix.length());
                try (InputStream in = jar.getInputStream(entry)) {
                    // A name with a slash is in a sub-folder, which Flyway would search too.
                    if (fileName.contains("/") || !addScript(fileName, in, scripts)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean addScript(String fileName, InputStream content, List<Script> scripts) throws IOException {
        Matcher versioned = VERSIONED_SCRIPT.matcher(fileName);
        if (!versioned.matches()) {
            return false;
        }
        String sql = new String(content.readAllBytes(), StandardCharsets.UTF_8);
        scripts.add(new Script(versioned.group(1).replace('_', '.'), versioned.group(2).replace('_', ' '), fileName,
                checksum(sql), sql));
        return true;
    }

    /**
     * Flyway's checksum of a script: a CRC-32 of its lines in UTF-8 without their line breaks, a
     * byte order mark at the start left out.
     */
    static int checksum(String script) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader lines = new BufferedReader(new StringReader(script));
        String line = lines.readLine();
        if (line != null && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        for (; line != null; line = lines.readLine()) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    /** Flyway's order: part by part, numerically; 1.1 before 1.10 before 2. */
    private static int compareVersions(String left, String right) {
        String[] leftParts = left.split("\\.");
        String[] rightParts = right.split("\\.");
        for (int i = 0; i < Math.max(leftParts.length, rightParts.length); i++) {
            BigInteger leftPart = i < leftParts.length ? new BigInteger(leftParts[i]) : BigInteger.ZERO;
            BigInteger rightPart = i < rightParts.length ? new BigInteger(rightParts[i]) : BigInteger.ZERO;
            int order = leftPart.compareTo(rightPart);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }
}
