package org.threatledger.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocIndicators;
import org.threatledger.stix.IocType;
import org.threatledger.stix.Ids;

/**
 * What the set remembers about each list entry, compactly (5 bytes an entry): its type and
 * subdomain flag, and where its value lives (the exact-index key, or the CIDR list). The list id
 * is kept per run of consecutive entries of one list. Everything else is rebuilt on demand.
 */
final class EntryTable {
    private static final IocType[] TYPES = IocType.values();
    private static final int SUBDOMAINS = 0x80;

    private final byte[] type;
    private final int[] key;
    private final String[] cidrs;
    private final int[] runStart;
    private final String[] runList;

    private EntryTable(byte[] type, int[] key, String[] cidrs, int[] runStart, String[] runList) {
        this.type = type;
        this.key = key;
        this.cidrs = cidrs;
        this.runStart = runStart;
        this.runList = runList;
    }

    int size() {
        return type.length;
    }

    /** The entry with this ordinal, as its export would name it. */
    IndicatorRef ref(int ordinal, ExactIndex exact) {
        IocType t = TYPES[type[ordinal] & 0x7f];
        boolean subdomains = (type[ordinal] & SUBDOMAINS) != 0;
        boolean range = t == IocType.CIDR4 || t == IocType.CIDR6;
        String value = range ? cidrs[key[ordinal]] : exact.value(key[ordinal]);
        int port = range ? -1 : exact.port(key[ordinal]);
        String list = listOf(ordinal);
        IocEntry e = new IocEntry(list, t, value, port, subdomains, null, null, 0);
        String id = Ids.derived("indicator", list, t.name(), value, Integer.toString(port));
        return new IndicatorRef(id, list, t, value, port, subdomains, IocIndicators.pattern(e));
    }

    private String listOf(int ordinal) {
        int i = Arrays.binarySearch(runStart, ordinal);
        return runList[i >= 0 ? i : -i - 2];
    }

    long bytes() {
        return type.length + 4L * key.length + 4L * runStart.length + 8L * runList.length + 8L * cidrs.length;
    }

    /** Writes the table ({@link SetImage}). */
    void write(SetImage.Out out) {
        out.bytes(type);
        out.ints(key);
        out.strings(cidrs);
        out.ints(runStart);
        out.strings(runList);
    }

    /** Reads what {@link #write} wrote; parts that do not fit together are an {@link IllegalStateException}. */
    static EntryTable read(SetImage.In in, int exactKeys) {
        byte[] type = in.bytes();
        int[] key = in.ints();
        String[] cidrs = in.strings();
        int[] runStart = in.ints();
        String[] runList = in.strings();
        if (key.length != type.length || runStart.length != runList.length
                || type.length > 0 && (runStart.length == 0 || runStart[0] != 0)) {
            throw new IllegalStateException("entry table: the arrays do not fit together");
        }
        for (int i = 0; i < type.length; i++) {
            int t = type[i] & 0x7f;
            boolean range = t < TYPES.length && (TYPES[t] == IocType.CIDR4 || TYPES[t] == IocType.CIDR6);
            if (t >= TYPES.length || key[i] < 0 || key[i] >= (range ? cidrs.length : exactKeys)) {
                throw new IllegalStateException("entry table: entry " + i + " is out of bounds");
            }
        }
        return new EntryTable(type, key, cidrs, runStart, runList);
    }

    /** Entries in ordinal order. */
    static final class Builder {
        private byte[] type = new byte[64];
        private int[] key = new int[64];
        private int size;
        private final List<String> cidrs = new ArrayList<>();
        private final List<Integer> runStart = new ArrayList<>();
        private final List<String> runList = new ArrayList<>();
        private final Map<String, String> listIds = new HashMap<>();

        /** Records entry {@code ordinal} (== the number added so far); {@code valueKey} is its exact-index key. */
        void add(IocEntry e, int valueKey) {
            append(e, valueKey);
        }

        /** Records a CIDR entry. */
        void addRange(IocEntry e) {
            cidrs.add(e.value());
            append(e, cidrs.size() - 1);
        }

        private void append(IocEntry e, int valueKey) {
            if (size == type.length) {
                type = Arrays.copyOf(type, size * 2);
                key = Arrays.copyOf(key, size * 2);
            }
            String list = listIds.computeIfAbsent(e.listId(), l -> l);
            if (runList.isEmpty() || !runList.getLast().equals(list)) {
                runStart.add(size);
                runList.add(list);
            }
            boolean subdomains = e.subdomains() && e.type() == IocType.DOMAIN;
            type[size] = (byte) (e.type().ordinal() | (subdomains ? SUBDOMAINS : 0));
            key[size++] = valueKey;
        }

        int size() {
            return size;
        }

        EntryTable build() {
            return new EntryTable(Arrays.copyOf(type, size), Arrays.copyOf(key, size), cidrs.toArray(String[]::new),
                    runStart.stream().mapToInt(Integer::intValue).toArray(), runList.toArray(String[]::new));
        }
    }
}
