package minihttp.server;

import java.time.Instant;
import java.util.function.LongSupplier;
import minihttp.http.HttpDate;
import minihttp.http.ResponseWriter;

/** The Date field, encoded at most once a second however many responses go out. Thread-safe. */
final class DateClock {
    private record Stamp(long epochSecond, byte[] field) {
    }

    private final LongSupplier millis;
    private volatile Stamp current = new Stamp(Long.MIN_VALUE, new byte[0]);

    DateClock(LongSupplier millis) {
        this.millis = millis;
    }

    /** "Date: ...\r\n"; the array is shared, never to be changed. */
    byte[] field() {
        long second = Math.floorDiv(millis.getAsLong(), 1000);
        Stamp stamp = current;
        if (stamp.epochSecond() != second) {
            stamp = new Stamp(second, ResponseWriter.dateField(HttpDate.format(Instant.ofEpochSecond(second))));
            current = stamp;
        }
        return stamp.field();
    }
}
