package org.threatledger.history;

import java.util.ArrayList;
import java.util.List;

/**
 * One history record while it is being written or merged: a key and what is known about it.
 * Merging two records of the same key takes the earliest first seen, the latest last seen, the sum
 * of the counts and the union of the sensors (at most {@link #MAX_SENSORS}, then "and more").
 */
final class Entry {
    /** Sensors named per value; past this a value only says that there were more. */
    static final int MAX_SENSORS = 16;

    final byte[] key;
    long first;
    long last;
    long count;
    final List<String> sensors;
    boolean moreSensors;

    Entry(byte[] key, long first, long last, long count, List<String> sensors, boolean moreSensors) {
        this.key = key;
        this.first = first;
        this.last = last;
        this.count = count;
        this.sensors = new ArrayList<>(sensors);
        this.moreSensors = moreSensors;
    }

    /** Folds another record of the same key into this one ({@code Merge} folds the same way, on sensor numbers). */
    void absorb(Entry other) {
        first = Math.min(first, other.first);
        last = Math.max(last, other.last);
        count += other.count;
        moreSensors |= other.moreSensors;
        for (String s : other.sensors) {
            if (!sensors.contains(s)) {
                if (sensors.size() < MAX_SENSORS) {
                    sensors.add(s);
                } else {
                    moreSensors = true;
                }
            }
        }
    }

    Seen toSeen() {
        return new Seen(Keys.type(key), Keys.value(key), first, last, count, List.copyOf(sensors), moreSensors);
    }
}
