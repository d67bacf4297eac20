package org.threatledger.history;

import java.time.Instant;
import java.util.List;
import org.threatledger.match.ObservationType;

/**
 * What the history knows about one observed value.
 *
 * @param type             the kind of value
 * @param value            the value as observed (normalised by the telemetry adapter)
 * @param firstSeenMicros  earliest event time, microseconds since the epoch
 * @param lastSeenMicros   latest event time, microseconds since the epoch
 * @param count            how many observations carried it
 * @param sensors          the sensors that saw it (at most 16)
 * @param moreSensors      true when more sensors saw it than {@code sensors} names
 */
public record Seen(ObservationType type, String value, long firstSeenMicros, long lastSeenMicros, long count,
                   List<String> sensors, boolean moreSensors) {
    public Seen {
        sensors = List.copyOf(sensors);
    }

    /** {@link #firstSeenMicros()} as an instant. */
    public Instant firstSeen() {
        return instant(firstSeenMicros);
    }

    /** {@link #lastSeenMicros()} as an instant. */
    public Instant lastSeen() {
        return instant(lastSeenMicros);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
