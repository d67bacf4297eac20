package org.threatledger.history;

import java.util.Arrays;

/**
 * Sorts keys ({@link Keys#compare} order, unsigned lexicographic) held in one byte arena, without a
 * comparator for most of the work: a most-significant-first sort over chunks of the keys. Each pass
 * packs a range's chunk and the key's position in the range into one {@code long}, sorts those
 * primitives, and recurses into the runs that share the chunk. Keys stored by the history share
 * long prefixes (domains are stored with their labels reversed, so millions start with
 * {@code com.}), which is where a comparator sort spent its time: comparing the same prefix again in
 * every comparison. Small runs are sorted by insertion.
 *
 * <p>The keys are numbers into the arena ({@code off[k]}, {@code len[k]}), so a flush of millions
 * of values sorts ints, not objects.
 */
final class KeySort {
    /** Bytes of key per pass while a range has at most {@code 2^24} keys (the position takes the other 24 bits). */
    private static final int CHUNK = 5;
    /** Bytes per pass for larger ranges, whose positions need 32 bits. */
    private static final int CHUNK_LARGE = 4;
    private static final int SMALL = 24;

    private final byte[] arena;
    private final int[] off;
    private final int[] len;
    private final int[] tmp;
    private final long[] packed;

    private KeySort(byte[] arena, int[] off, int[] len, int n) {
        this.arena = arena;
        this.off = off;
        this.len = len;
        this.tmp = new int[n];
        this.packed = new long[n];
    }

    /**
     * The numbers {@code 0..n-1} of the keys {@code arena[off[k], off[k] + len[k])}, in key order
     * (keys that are equal keep no particular order).
     */
    static int[] order(byte[] arena, int[] off, int[] len, int n) {
        int[] keys = new int[n];
        for (int k = 0; k < n; k++) {
            keys[k] = k;
        }
        if (n > 1) {
            new KeySort(arena, off, len, n).sort(keys, 0, n, 0);
        }
        return keys;
    }

    /** Sorts {@code keys[lo, hi)}, whose keys all share their first {@code offset} bytes. */
    private void sort(int[] keys, int lo, int hi, int offset) {
        int n = hi - lo;
        if (n <= SMALL) {
            insertionSort(keys, lo, hi, offset);
            return;
        }
        int chunk = n <= 1 << 24 ? CHUNK : CHUNK_LARGE;
        int positionBits = 64 - 8 * chunk;
        long positionMask = (1L << positionBits) - 1;
        for (int i = 0; i < n; i++) {
            // Flipping the sign bit makes the signed primitive sort order the chunks unsigned.
            packed[lo + i] = (chunk(keys[lo + i], offset, chunk) << positionBits | i) ^ Long.MIN_VALUE;
        }
        Arrays.sort(packed, lo, hi);
        for (int i = lo; i < hi; i++) {
            tmp[i] = keys[lo + (int) (packed[i] & positionMask)];
        }
        System.arraycopy(tmp, lo, keys, lo, n);
        int next = offset + chunk;
        for (int i = lo; i < hi; ) {
            long c = packed[i] >>> positionBits;
            int j = i + 1;
            while (j < hi && packed[j] >>> positionBits == c) {
                j++;
            }
            if (j - i > 1) {
                int rest = endedFirst(keys, i, j, next);
                sort(keys, rest, j, next);
            }
            i = j;
        }
    }

    /** Bytes {@code [offset, offset + chunk)} of key {@code k}, big-endian, zero past its end. */
    private long chunk(int k, int offset, int chunk) {
        long c = 0;
        int from = off[k];
        int length = len[k];
        for (int b = 0; b < chunk; b++) {
            int at = offset + b;
            c = c << 8 | (at < length ? arena[from + at] & 0xff : 0);
        }
        return c;
    }

    /**
     * Moves the keys of a run that end before {@code end} to its front, shortest first, and returns
     * where the others start. In a run every key has the same bytes up to {@code end}, zero padding
     * included, so a key that ends there is a prefix of every longer key of the run (it sorts before
     * them) and the ended keys are prefixes of one another (they sort by length).
     */
    private int endedFirst(int[] keys, int lo, int hi, int end) {
        int w = lo;
        for (int i = lo; i < hi; i++) {
            int k = keys[i];
            if (len[k] <= end) {
                System.arraycopy(keys, w, keys, w + 1, i - w);
                keys[w++] = k;
                for (int j = w - 1; j > lo && len[keys[j - 1]] > len[keys[j]]; j--) {
                    int t = keys[j - 1];
                    keys[j - 1] = keys[j];
                    keys[j] = t;
                }
            }
        }
        return w;
    }

    private void insertionSort(int[] keys, int lo, int hi, int offset) {
        for (int i = lo + 1; i < hi; i++) {
            int k = keys[i];
            int j = i - 1;
            while (j >= lo && compare(keys[j], k, offset) > 0) {
                keys[j + 1] = keys[j];
                j--;
            }
            keys[j + 1] = k;
        }
    }

    /** Compares two keys known to share their first {@code offset} bytes. */
    private int compare(int a, int b, int offset) {
        int la = len[a];
        int lb = len[b];
        int from = Math.min(offset, Math.min(la, lb));
        return Arrays.compareUnsigned(arena, off[a] + from, off[a] + la, arena, off[b] + from, off[b] + lb);
    }
}
