package org.threatledger.history;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * A memory table's sensor numbers turned into a segment's sensor numbers, each name looked up once
 * ({@link MemTable#writeTo}).
 */
final class SensorNumbers {
    private static final int UNKNOWN = -1;
    private static final int UNNAMED = -2;
    private final SegmentWriter w;
    private final IntFunction<String> sensorName;
    private int[] numbers = new int[0];

    SensorNumbers(SegmentWriter w, IntFunction<String> sensorName) {
        this.w = w;
        this.sensorName = sensorName;
    }

    /** Adds sensor {@code id} (ignored when it has no name) at {@code out[n]}; returns the new count. */
    int add(int id, int[] out, int n) {
        if (id < 0) {
            return n;
        }
        if (id >= numbers.length) {
            int old = numbers.length;
            numbers = Arrays.copyOf(numbers, Math.max(id + 1, old * 2));
            Arrays.fill(numbers, old, numbers.length, UNKNOWN);
        }
        if (numbers[id] == UNKNOWN) {
            String name = sensorName.apply(id);
            numbers[id] = name == null ? UNNAMED : w.sensorId(name);
        }
        if (numbers[id] == UNNAMED) {
            return n;
        }
        out[n] = numbers[id];
        return n + 1;
    }
}
