package org.threatledger.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * The records one sensor has contributed to one pattern: per leaf, the records that satisfied it,
 * sorted by time (a late record is inserted in place), at most {@link PatternMatcher#LEAF_CAP}
 * of them, and none older than the leaf's horizon behind the newest time seen on this sensor.
 */
final class SensorState {
    /** A buffered record; identity distinguishes records (one record may sit in several leaves). */
    static final class Seen {
        final Observed record;
        final long time;
        final long seq;

        Seen(Observed record, long time, long seq) {
            this.record = record;
            this.time = time;
            this.seq = seq;
        }
    }

    private final List<List<Seen>> leaves;
    private long newest = Long.MIN_VALUE;

    SensorState(int leafCount) {
        leaves = new ArrayList<>(leafCount);
        for (int i = 0; i < leafCount; i++) {
            leaves.add(new ArrayList<>());
        }
    }

    /** The records of {@code leaf}, oldest first. */
    List<Seen> leaf(int leaf) {
        return leaves.get(leaf);
    }

    /** Moves the sensor's clock to {@code time} (if later) and drops records past each horizon. */
    void advance(long time, CompiledPattern pattern) {
        newest = Math.max(newest, time);
        for (int i = 0; i < leaves.size(); i++) {
            List<Seen> records = leaves.get(i);
            long horizon = pattern.horizon(i);
            if (horizon == Long.MAX_VALUE || records.isEmpty()) {
                continue;
            }
            long oldest = oldest(horizon);
            int drop = 0;
            while (drop < records.size() && records.get(drop).time < oldest) {
                drop++;
            }
            records.subList(0, drop).clear();
        }
    }

    /** Whether a record at {@code time} is still within {@code leaf}'s horizon. */
    boolean fresh(int leaf, long time, CompiledPattern pattern) {
        long horizon = pattern.horizon(leaf);
        return horizon == Long.MAX_VALUE || time >= oldest(horizon);
    }

    /** The oldest time still within {@code horizon} of the newest, without overflow. */
    private long oldest(long horizon) {
        return newest < Long.MIN_VALUE + horizon ? Long.MIN_VALUE : newest - horizon;
    }

    /** Buffers {@code seen} for {@code leaf}, evicting the oldest record beyond {@code cap}. */
    void add(int leaf, Seen seen, int cap) {
        List<Seen> records = leaves.get(leaf);
        int at = records.size();
        while (at > 0 && records.get(at - 1).time > seen.time) {
            at--;
        }
        records.add(at, seen);
        if (records.size() > cap) {
            records.removeFirst();
        }
    }

    int size() {
        return leaves.stream().mapToInt(List::size).sum();
    }
}
