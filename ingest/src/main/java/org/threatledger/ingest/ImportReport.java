package org.threatledger.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did, by object type: accepted (read and valid), then what the store made of
 * them (added, updated, unchanged, older), rejected with reasons, and warnings. Keeps the first
 * {@value #KEPT} rejections and warnings verbatim and counts all of them.
 */
public final class ImportReport {
    public static final int KEPT = 1000;

    /** Per-type counters, in this order. */
    public enum Count { ACCEPTED, ADDED, UPDATED, UNCHANGED, OLDER, REJECTED }

    private final Map<String, long[]> byType = new TreeMap<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<Rejection> warnings = new ArrayList<>();
    private long rejected;
    private long warned;
    private long entries;
    private long newEntries;

    public void count(String type, Count count, long n) {
        byType.computeIfAbsent(type, t -> new long[Count.values().length])[count.ordinal()] += n;
    }

    public void reject(Rejection r) {
        rejected++;
        count(r.type() == null ? "unknown" : r.type(), Count.REJECTED, 1);
        if (rejections.size() < KEPT) {
            rejections.add(r);
        }
    }

    public void warn(Rejection w) {
        warned++;
        if (warnings.size() < KEPT) {
            warnings.add(w);
        }
    }

    public void countEntries(long read, long stored) {
        entries += read;
        newEntries += stored;
    }

    public long get(String type, Count count) {
        long[] c = byType.get(type);
        return c == null ? 0 : c[count.ordinal()];
    }

    public long total(Count count) {
        long sum = 0;
        for (long[] c : byType.values()) {
            sum += c[count.ordinal()];
        }
        return sum;
    }

    public Iterable<String> types() {
        return byType.keySet();
    }

    public long rejected() {
        return rejected;
    }

    public long warned() {
        return warned;
    }

    /** List entries read. */
    public long entries() {
        return entries;
    }

    /** List entries stored as part of a new list version. */
    public long newEntries() {
        return newEntries;
    }

    public List<Rejection> rejections() {
        return Collections.unmodifiableList(rejections);
    }

    public List<Rejection> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** Type -> counts, for JSON output. */
    public Map<String, Map<String, Long>> asMap() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        byType.forEach((type, counts) -> {
            Map<String, Long> m = new TreeMap<>();
            for (Count c : Count.values()) {
                if (counts[c.ordinal()] != 0) {
                    m.put(c.name().toLowerCase(java.util.Locale.ROOT), counts[c.ordinal()]);
                }
            }
            out.put(type, m);
        });
        return out;
    }
}
