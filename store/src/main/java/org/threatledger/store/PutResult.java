package org.threatledger.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a put did, per object type: {@code added} (a new object), {@code updated} (a newer version
 * of a known object), {@code unchanged} (this version was already stored), {@code older} (an older
 * version than the current one: kept in history, not current). List entries count under
 * {@code entries}.
 */
public final class PutResult {
    /** The four outcomes of one object version. */
    public enum Outcome { ADDED, UPDATED, UNCHANGED, OLDER }

    private final Map<String, long[]> byType = new TreeMap<>();
    private long entries;

    public void record(String type, Outcome outcome) {
        byType.computeIfAbsent(type, t -> new long[Outcome.values().length])[outcome.ordinal()]++;
    }

    public void countEntries(long n) {
        entries += n;
    }

    public void addAll(PutResult other) {
        other.byType.forEach((type, counts) -> {
            long[] mine = byType.computeIfAbsent(type, t -> new long[Outcome.values().length]);
            for (int i = 0; i < counts.length; i++) {
                mine[i] += counts[i];
            }
        });
        entries += other.entries;
    }

    public long count(String type, Outcome outcome) {
        long[] c = byType.get(type);
        return c == null ? 0 : c[outcome.ordinal()];
    }

    public long total(Outcome outcome) {
        long sum = 0;
        for (long[] c : byType.values()) {
            sum += c[outcome.ordinal()];
        }
        return sum;
    }

    public long entries() {
        return entries;
    }

    /** The types seen, in name order. */
    public Iterable<String> types() {
        return byType.keySet();
    }
}
