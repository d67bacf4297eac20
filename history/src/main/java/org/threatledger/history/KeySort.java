package org.threatledger.history;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Sorts entries by key ({@link Keys#compare}, unsigned lexicographic) without calling a comparator
 * for most of the work: a most-significant-first sort over {@value #CHUNK}-byte chunks of the keys.
 * Each pass packs a range's chunk and the entry's position in the range into one {@code long},
 * sorts those primitives, and recurses into the runs that share the chunk. Keys stored by the
 * history share long prefixes (domains are stored with their labels reversed, so millions start with
 * {@code com.}), which is where a comparator sort spent its time: comparing the same prefix again in
 * every comparison. Small runs go to a comparator.
 */
final class KeySort {
    /** Bytes of key per pass; the other {@value #POSITION_BITS} bits of the long hold the position. */
    private static final int CHUNK = 5;
    private static final int POSITION_BITS = 64 - 8 * CHUNK;
    private static final int MAX_RANGE = 1 << POSITION_BITS;
    private static final int SMALL = 24;
    private static final Comparator<Entry> BY_KEY = (a, b) -> Keys.compare(a.key, b.key);

    private KeySort() {}

    /** Sorts {@code entries} in place by key. */
    static void sort(Entry[] entries) {
        if (entries.length < 2) {
            return;
        }
        sort(entries, new Entry[entries.length], new long[entries.length], 0, entries.length, 0);
    }

    private static void sort(Entry[] a, Entry[] tmp, long[] packed, int lo, int hi, int offset) {
        int n = hi - lo;
        if (n <= SMALL || n > MAX_RANGE) {
            Arrays.sort(a, lo, hi, BY_KEY);
            return;
        }
        for (int i = 0; i < n; i++) {
            // Flipping the sign bit makes the signed primitive sort order the chunks unsigned.
            packed[lo + i] = (chunk(a[lo + i].key, offset) << POSITION_BITS | i) ^ Long.MIN_VALUE;
        }
        Arrays.sort(packed, lo, hi);
        for (int i = lo; i < hi; i++) {
            tmp[i] = a[lo + (int) (packed[i] & (MAX_RANGE - 1))];
        }
        System.arraycopy(tmp, lo, a, lo, n);
        int next = offset + CHUNK;
        for (int i = lo; i < hi; ) {
            long c = packed[i] >>> POSITION_BITS;
            int j = i + 1;
            while (j < hi && packed[j] >>> POSITION_BITS == c) {
                j++;
            }
            if (j - i > 1) {
                int rest = endedFirst(a, i, j, next);
                sort(a, tmp, packed, rest, j, next);
            }
            i = j;
        }
    }

    /** Bytes {@code [offset, offset + CHUNK)} of the key, big-endian, zero past its end. */
    private static long chunk(byte[] key, int offset) {
        long c = 0;
        for (int k = 0; k < CHUNK; k++) {
            int at = offset + k;
            c = c << 8 | (at < key.length ? key[at] & 0xff : 0);
        }
        return c;
    }

    /**
     * Moves the keys of a run that end before {@code end} to its front, shortest first, and returns
     * where the others start. In a run every key has the same bytes up to {@code end}, zero padding
     * included, so a key that ends there is a prefix of every longer key of the run (it sorts before
     * them) and the ended keys are prefixes of one another (they sort by length).
     */
    private static int endedFirst(Entry[] a, int lo, int hi, int end) {
        int w = lo;
        for (int i = lo; i < hi; i++) {
            if (a[i].key.length <= end) {
                Entry e = a[i];
                System.arraycopy(a, w, a, w + 1, i - w);
                a[w++] = e;
            }
        }
        if (w - lo > 1) {
            Arrays.sort(a, lo, w, Comparator.comparingInt(e -> e.key.length));
        }
        return w;
    }
}
