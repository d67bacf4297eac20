package org.threatledger.sighting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.threatledger.match.Observation;
import org.threatledger.match.ObservationType;

/**
 * The hits of one (indicator, sensor, window): exact count and first/last seen over all of them,
 * plus a bounded sample: the first {@code maxValues} distinct observed values (each with its own
 * exact first/last/count) and the first {@code maxRaw} raw-record pointers. Memory is constant
 * however many hits arrive.
 */
final class Group {
    final String indicatorId;
    final String sensor;
    final long windowStart;
    long count;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    /** The {@code modified} of the last version emitted, so a later one is strictly newer. */
    long emittedModified = Long.MIN_VALUE;
    final Map<Value, long[]> values = new LinkedHashMap<>();
    final Set<String> rawRecords = new LinkedHashSet<>();

    /** One observed value: type and normalised text. */
    record Value(ObservationType type, String value) {
    }

    Group(String indicatorId, String sensor, long windowStart) {
        this.indicatorId = indicatorId;
        this.sensor = sensor;
        this.windowStart = windowStart;
    }

    void add(Observation o, int maxValues, int maxRaw) {
        long t = o.timeMicros();
        count++;
        first = Math.min(first, t);
        last = Math.max(last, t);
        Value v = new Value(o.type(), o.value());
        long[] stats = values.get(v);
        if (stats != null) {
            stats[0] = Math.min(stats[0], t);
            stats[1] = Math.max(stats[1], t);
            stats[2]++;
        } else if (values.size() < maxValues) {
            values.put(v, new long[] {t, t, 1});
        }
        if (rawRecords.size() < maxRaw) {
            rawRecords.add(rawRecord(o));
        }
    }

    /** {@code file:line}, plus {@code #uid} when the log names the record (Zeek). */
    static String rawRecord(Observation o) {
        String at = o.source() + ":" + o.line();
        return o.uid() == null ? at : at + "#" + o.uid();
    }

    List<String> rawRecordList() {
        return new ArrayList<>(rawRecords);
    }
}
