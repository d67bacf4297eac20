package org.threatledger.pattern;

import java.util.List;
import java.util.Objects;

/**
 * A match of a pattern: the records that together satisfy it (in the order they were bound,
 * pattern order), the sensor they come from, and the first and last of their times (microseconds
 * since the epoch).
 */
public record Match(String sensor, List<Observed> records, long firstMicros, long lastMicros) {
    public Match {
        Objects.requireNonNull(sensor, "sensor");
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a match has at least one record");
        }
    }

    /** The match made of {@code records} (never empty), all from {@code sensor}. */
    static Match of(String sensor, List<Observed> records) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Observed record : records) {
            first = Math.min(first, record.timeMicros());
            last = Math.max(last, record.timeMicros());
        }
        return new Match(sensor, records, first, last);
    }
}
