package minihttp.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** HTTP dates (RFC 9110 §5.6.7): IMF-fixdate out; IMF-fixdate, RFC 850 and asctime in. */
public final class HttpDate {
    // DateTimeFormatter.RFC_1123_DATE_TIME does not pad the day to two digits, as IMF-fixdate must.
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final List<DateTimeFormatter> ACCEPTED = List.of(
            IMF_FIXDATE,
            // RFC 9110 §5.6.7: a two-digit year more than 50 years ahead is in the past century.
            // "yy" alone would read every year as 20yy, and then refuse "Sunday, 06-Nov-94" because
            // 2094-11-06 is no Sunday.
            new DateTimeFormatterBuilder()
                    .appendPattern("EEEE, dd-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, Year.now(ZoneOffset.UTC).getValue() - 49)
                    .appendPattern(" HH:mm:ss 'GMT'")
                    .toFormatter(Locale.US).withZone(ZoneOffset.UTC),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC));

    private HttpDate() {
    }

    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** The instant a date names, or empty when it is not a valid HTTP date. */
    public static Optional<Instant> parse(String text) {
        for (DateTimeFormatter formatter : ACCEPTED) {
            try {
                return Optional.of(ZonedDateTime.parse(text.trim(), formatter).toInstant());
            } catch (DateTimeParseException e) {
                // try the next of the three forms
            }
        }
        return Optional.empty();
    }
}
