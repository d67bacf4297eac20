package org.threatledger.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.threatledger.match.ObservationType;

/**
 * The values recorded since the last flush: an open-addressing hash table over dense entries,
 * with each value's UTF-8 bytes in one arena for exact verification.
 *
 * <p>Design: a slot is a {@code long} holding the high 32 bits of the value's 64-bit hash and the
 * entry number, so a probe rejects a foreign slot without touching the entries. An entry is six
 * adjacent longs (one cache line or two), not six parallel arrays: a random update then costs
 * three cache misses (slot, entry, arena), which is what bounds the rate for a large table.
 * Values arrive as UTF-8 bytes with their hash ({@link Keys#valueHash}, computed once by the
 * caller); updating a value already present allocates nothing: compare its bytes against the
 * arena, bump three longs. Cost per entry: 48 bytes, 16 bytes of
 * slot table (load factor <= 1/2) and the value bytes.
 * A value's first sensor lives in the entry; further sensors (rare) in a side map.
 */
final class MemTable {
    private static final long TAG = 0xffff_ffff_0000_0000L;
    /** Longs per entry: hash, first, last, count, value offset/length, type/sensor. */
    private static final int STRIDE = 6;
    private static final int HASH = 0;
    private static final int FIRST = 1;
    private static final int LAST = 2;
    private static final int COUNT = 3;
    private static final int VALUE = 4;
    private static final int TYPE_SENSOR = 5;

    private long[] slots;
    private int size;
    private long[] entries;
    private final Map<Integer, int[]> moreSensorIds = new HashMap<>();
    private final BitSet sensorOverflow = new BitSet();
    private byte[] arena;
    private int arenaSize;

    /** Slots at which growth jumps straight to the expected size (see {@link #rehash}). */
    private static final int JUMP_AT = 1 << 19;
    private final int expectedValues;

    /** A table that will hold up to about {@code expectedValues} values between flushes. */
    MemTable(int expectedValues) {
        this.expectedValues = expectedValues;
        clear();
    }

    int size() {
        return size;
    }

    long arenaBytes() {
        return arenaSize;
    }

    /**
     * Forgets everything (after a flush). The tables keep the size they grew to: the next batch of
     * values is usually as large, and growing again would re-place every slot at each doubling.
     */
    void clear() {
        if (slots == null) {
            slots = new long[1 << 12];
            entries = new long[STRIDE << 10];
            arena = new byte[1 << 16];
        } else {
            Arrays.fill(slots, 0L);
        }
        size = 0;
        moreSensorIds.clear();
        sensorOverflow.clear();
        arenaSize = 0;
    }

    /** Counts one observation of {@code (type, value)} at {@code micros} by sensor number {@code sensorId}. */
    void record(ObservationType type, String value, long micros, int sensorId) {
        byte[] v = encoded(value);
        record(type.ordinal(), v, 0, v.length, Keys.valueHash(type.ordinal(), v, 0, v.length), micros, sensorId);
    }

    private static byte[] encoded(String value) {
        byte[] v = new byte[Utf8.length(value)];
        Utf8.encode(value, v, 0);
        return v;
    }

    /**
     * Counts one observation of the value of type {@code type} (an ordinal) whose UTF-8 bytes are
     * {@code b[off, off+len)} and whose {@link Keys#valueHash} is {@code h}. One probe sequence serves
     * both outcomes: a known value is updated where it is found, a new one is placed in the empty
     * slot that ended the search.
     */
    void record(int type, byte[] b, int off, int len, long h, long micros, int sensorId) {
        int found = probe(h, type, b, off, len);
        if (found >= 0) {
            update(found, micros, sensorId);
        } else {
            insert(h, ~found, type, b, off, len, micros, sensorId);
        }
    }

    /** Where {@link #warm} leaves what it read, so the reads are not optimised away. */
    private long warmed;

    /**
     * Reads the slot, and the entry a matching slot names, that recording each of the values with
     * hashes {@code hashes[0, n)} will probe first, changing nothing. For a table much larger than
     * the cache each is a miss; here the loop's iterations do not depend on one another, so the
     * processor has many misses under way at once, and the recording that follows finds the lines
     * in the cache instead of waiting for each in turn. Only a hint: recording is correct without it.
     */
    void warm(long[] hashes, int n) {
        long[] s = slots;
        long[] d = entries;
        int mask = s.length - 1;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long h = hashes[i];
            long slot = s[(int) h & mask];
            if (slot != 0 && (slot & TAG) == (h & TAG)) {
                sum += d[((int) slot - 1) * STRIDE + VALUE];
            }
            sum += slot;
        }
        warmed += sum;
    }

    /**
     * Searches for the value {@code (type, b[off, off+len))}, whose hash is {@code h}: its entry
     * number, or the complement ({@code ~slot}, negative) of the empty slot that ended the search.
     */
    private int probe(long h, int type, byte[] b, int off, int len) {
        int mask = slots.length - 1;
        int i = (int) h & mask;
        long tag = h & TAG;
        for (long s = slots[i]; s != 0; i = (i + 1) & mask, s = slots[i]) {
            if ((s & TAG) == tag) {
                int e = (int) s - 1;
                int base = e * STRIDE;
                long v = entries[base + VALUE];
                int at = (int) (v >>> 32);
                if (entries[base + HASH] == h && entries[base + TYPE_SENSOR] >>> 32 == type && (int) v == len
                        && Arrays.equals(arena, at, at + len, b, off, off + len)) {
                    return e;
                }
            }
        }
        return ~i;
    }

    private void update(int e, long micros, int sensorId) {
        int base = e * STRIDE;
        long[] d = entries;
        if (micros < d[base + FIRST]) {
            d[base + FIRST] = micros;
        }
        if (micros > d[base + LAST]) {
            d[base + LAST] = micros;
        }
        d[base + COUNT]++;
        if ((int) d[base + TYPE_SENSOR] != sensorId) {
            addSensor(e, sensorId);
        }
    }

    /** The entry number of {@code (type, value)}, or -1. */
    int find(ObservationType type, String value) {
        byte[] v = encoded(value);
        int found = probe(Keys.valueHash(type.ordinal(), v, 0, v.length), type.ordinal(), v, 0, v.length);
        return found >= 0 ? found : -1;
    }

    /** Adds a new value; {@code slot} is the empty slot its search ended at (void after a rehash). */
    private void insert(long h, int slot, int type, byte[] b, int off, int len, long micros, int sensorId) {
        if ((size + 1) * STRIDE > entries.length) {
            entries = Arrays.copyOf(entries, grown(entries.length, (long) expectedValues * STRIDE));
        }
        boolean rehashed = (size + 1) * 2 > slots.length;
        if (rehashed) {
            rehash();
        }
        if ((long) arenaSize + len > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("history memory table is full (2 GB of values): flush more often");
        }
        if (arenaSize + len > arena.length) {
            // about 16 bytes a value: a guess for the jump, past which the arena doubles as before
            arena = Arrays.copyOf(arena, Math.max(grown(arena.length, (long) expectedValues * 16), arenaSize + len));
        }
        System.arraycopy(b, off, arena, arenaSize, len);
        int e = size++;
        int base = e * STRIDE;
        entries[base + HASH] = h;
        entries[base + FIRST] = micros;
        entries[base + LAST] = micros;
        entries[base + COUNT] = 1;
        entries[base + VALUE] = ((long) arenaSize << 32) | len;
        entries[base + TYPE_SENSOR] = ((long) type << 32) | (sensorId & 0xffff_ffffL);
        arenaSize += len;
        if (rehashed) {
            place(h, e);
        } else {
            slots[slot] = (h & TAG) | (e + 1L);
        }
    }

    /**
     * The next capacity of an array that has {@code length}: double it, but once it is past
     * {@link #JUMP_AT} the batch is clearly a big one, so grow straight to {@code expected} (the
     * size {@code expectedValues} needs, but at most eightfold) instead of copying it again at every doubling.
     */
    private static int grown(int length, long expected) {
        long next = length * 2L;
        if (length >= JUMP_AT) {
            next = Math.max(next, Math.min(expected, length * 8L));
        }
        return (int) Math.min(next, Integer.MAX_VALUE - 16);
    }

    private void place(long h, int e) {
        int mask = slots.length - 1;
        int i = (int) h & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = (h & TAG) | (e + 1L);
    }

    /**
     * Doubles the slot table, re-placing every entry (a cache miss each). Once the table is past
     * {@link #JUMP_AT} slots the batch is clearly a big one, so it grows straight to the size the
     * expected number of values needs and is not re-placed again at each doubling.
     */
    private void rehash() {
        int grown = slots.length * 2;
        if (slots.length >= JUMP_AT) {
            long wanted = Long.highestOneBit(Math.max(1, (long) expectedValues * 2 - 1)) << 1;
            grown = (int) Math.max(grown, Math.min(wanted, 1 << 30));
        }
        slots = new long[grown];
        for (int e = 0; e < size; e++) {
            place(entries[e * STRIDE + HASH], e);
        }
    }

    private void addSensor(int e, int sensorId) {
        int[] more = moreSensorIds.get(e);
        if (more == null) {
            moreSensorIds.put(e, new int[] {sensorId});
            return;
        }
        for (int s : more) {
            if (s == sensorId) {
                return;
            }
        }
        if (more.length + 1 >= Entry.MAX_SENSORS) {
            sensorOverflow.set(e);
            return;
        }
        int[] grown = Arrays.copyOf(more, more.length + 1);
        grown[more.length] = sensorId;
        moreSensorIds.put(e, grown);
    }

    /** Entry {@code e} as a record, sensors named through {@code sensorName}. */
    Entry entry(int e, IntFunction<String> sensorName) {
        int base = e * STRIDE;
        List<String> names = new ArrayList<>(2);
        addName(names, sensorName.apply((int) entries[base + TYPE_SENSOR]));
        int[] more = moreSensorIds.get(e);
        if (more != null) {
            for (int s : more) {
                addName(names, sensorName.apply(s));
            }
        }
        long v = entries[base + VALUE];
        byte[] key = Keys.of(type(e), arena, (int) (v >>> 32), (int) v);
        return new Entry(key, entries[base + FIRST], entries[base + LAST], entries[base + COUNT], names,
                sensorOverflow.get(e));
    }

    private int type(int e) {
        return (int) (entries[e * STRIDE + TYPE_SENSOR] >>> 32);
    }

    private static void addName(List<String> names, String name) {
        if (name != null) {
            names.add(name);
        }
    }

    /** The keys of entries {@code 0..size-1}: entry {@code e}'s is {@code arena[off[e], off[e] + len[e])}. */
    record SortKeys(byte[] arena, int[] off, int[] len) {}

    /** Every entry's key ({@link Keys}), built in entry order into one arena, for {@link KeySort#sorted}. */
    SortKeys sortKeys() {
        int[] off = new int[size];
        int[] len = new int[size];
        byte[] keys = new byte[Math.addExact(arenaSize, size)];
        for (int e = 0, p = 0; e < size; e++) {
            long v = entries[e * STRIDE + VALUE];
            int n = (int) v;
            off[e] = p;
            len[e] = n + 1;
            p = Keys.write(type(e), arena, (int) (v >>> 32), n, keys, p);
        }
        return new SortKeys(keys, off, len);
    }

    /** The longest key {@link KeySort#writeIpv4} writes. */
    private static final int IPV4_KEY_BYTES = 16;

    /** Keys gathered in key order before they are encoded (see {@link #writeTo}). */
    private static final int GATHER = 1024;

    /** Key-order positions whose entry fields are placed at once (see {@link #writeTo}): 2^18, 8 MB of fields. */
    static final int WINDOW_BITS = 18;

    /**
     * Writes every entry to {@code w} in key order. The keys are built into one arena and sorted as
     * numbers ({@link KeySort#sorted}); no object is made per entry, and an address key is written
     * from the number it was sorted by.
     *
     * <p>Reading entries in key order would be a cache miss each, and the processor waits for
     * reads. So the entries are moved, not read, into key order: each entry's key-order position is
     * found, the entries are grouped by the window of {@code 2^WINDOW_BITS} positions theirs falls in,
     * and each window's entries are read in table order (forward, which the processor reads ahead)
     * and stored at their positions in an 8 MB buffer; stores do not hold the processor up as reads
     * do. Encoding then reads the buffer in order. Keys other than addresses are still read from the
     * key arena in key order, {@link #GATHER} at a time by a loop whose iterations do not depend on
     * one another, so those misses overlap.
     */
    void writeTo(SegmentWriter w, IntFunction<String> sensorName) throws java.io.IOException {
        SortKeys sortKeys = sortKeys();
        byte[] keys = sortKeys.arena();
        int[] off = sortKeys.off();
        int[] len = sortKeys.len();
        KeySort.Sorted sorted = KeySort.sorted(keys, off, len, size);
        int[] order = sorted.keys();
        long[] codes = sorted.codes();
        KeyOrderWindows windows = KeyOrderWindows.of(order, size, WINDOW_BITS);
        int[] position = windows.position();
        SensorNumbers numbers = new SensorNumbers(w, sensorName);
        int[] sensors = new int[Entry.MAX_SENSORS];
        long[] fields = new long[Math.min(size, 1 << WINDOW_BITS) * 4];
        int[] keyEnd = new int[GATHER];
        byte[] gathered = new byte[GATHER * 32];
        for (int window = 0; window < windows.count(); window++) {
            int first = window << WINDOW_BITS;
            for (int k = windows.start()[window]; k < windows.start()[window + 1]; k++) {
                int e = windows.entries()[k];
                int base = e * STRIDE;
                int f = (position[e] - first) * 4;
                fields[f] = entries[base + FIRST];
                fields[f + 1] = entries[base + LAST];
                fields[f + 2] = entries[base + COUNT];
                fields[f + 3] = entries[base + TYPE_SENSOR];
            }
            int windowEnd = Math.min(size, first + (1 << WINDOW_BITS));
            for (int from = first; from < windowEnd; from += GATHER) {
                int to = Math.min(windowEnd, from + GATHER);
                int p = 0;
                for (int i = from; i < to; i++) {
                    if (p + IPV4_KEY_BYTES > gathered.length) {
                        gathered = Arrays.copyOf(gathered, gathered.length * 2);
                    }
                    if (codes != null && codes[i] >= 0) {
                        // an address: written from its code, without reading the key's length, place and bytes
                        p = KeySort.writeIpv4(codes[i], gathered, p);
                    } else {
                        int e = order[i];
                        int n = len[e];
                        if (p + n > gathered.length) {
                            gathered = Arrays.copyOf(gathered, Math.max(p + n, gathered.length * 2));
                        }
                        System.arraycopy(keys, off[e], gathered, p, n);
                        p += n;
                    }
                    keyEnd[i - from] = p;
                }
                for (int i = from, start = 0; i < to; i++) {
                    int f = (i - first) * 4;
                    int n = numbers.add((int) fields[f + 3], sensors, 0);
                    int e = order[i];
                    int[] more = moreSensorIds.isEmpty() ? null : moreSensorIds.get(e);
                    if (more != null) {
                        for (int s : more) {
                            n = numbers.add(s, sensors, n);
                        }
                    }
                    int end = keyEnd[i - from];
                    w.add(gathered, start, end - start, fields[f], fields[f + 1], fields[f + 2], sensors, n,
                            !sensorOverflow.isEmpty() && sensorOverflow.get(e));
                    start = end;
                }
            }
        }
    }

    /** Entries whose type is {@code type}, for the (rare) suffix queries over unflushed values. */
    void forEachOfType(ObservationType type, IntFunction<String> sensorName, java.util.function.Consumer<Entry> sink) {
        for (int e = 0; e < size; e++) {
            if (type(e) == type.ordinal()) {
                sink.accept(entry(e, sensorName));
            }
        }
    }
}
