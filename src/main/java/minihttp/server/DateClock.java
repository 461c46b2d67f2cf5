package minihttp.server;

import java.time.Clock;
import java.time.Instant;
import minihttp.http.HttpDate;

/** The Date field value, formatted at most once a second however many responses go out. */
final class DateClock {
    private record Stamp(long epochSecond, String text) {
    }

    private final Clock clock;
    private volatile Stamp current = new Stamp(Long.MIN_VALUE, "");

    DateClock(Clock clock) {
        this.clock = clock;
    }

    String now() {
        long second = clock.instant().getEpochSecond();
        Stamp stamp = current;
        if (stamp.epochSecond() != second) {
            stamp = new Stamp(second, HttpDate.format(Instant.ofEpochSecond(second)));
            current = stamp;
        }
        return stamp.text();
    }
}
