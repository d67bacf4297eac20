package org.threatledger.history;

import java.util.Arrays;
import org.threatledger.match.ObservationType;

/**
 * Sorts keys ({@link Keys#compare} order, unsigned lexicographic) held in one byte arena, without a
 * comparator for most of the work.
 *
 * <p>IPv4 keys of dots and digits (most of a hunt's history: a dns.log's answers) are first turned
 * into numbers that sort as the keys do ({@link #ipv4Code}) and radix-sorted as numbers; the other
 * keys take a most-significant-first sort over chunks of the keys, and both meet where the IPv4 type
 * byte sorts. Each pass of the chunk sort packs a range's chunk and the key's position in the range
 * into one {@code long}, sorts those primitives (a radix sort over the chunk's bytes), and recurses
 * into the runs that share the chunk. Keys stored by the history share long prefixes (domains are
 * stored with their labels reversed, so millions start with {@code com.}), which is where a
 * comparator sort spent its time: comparing the same prefix again in every comparison. Small runs
 * are sorted by insertion.
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
    /** Where {@link #sortPacked} scatters each pass (as long as {@link #packed}). */
    private final long[] scratch;
    /** Per chunk byte, how many of a range's chunks have each value; then where they go. */
    private final int[] counts = new int[CHUNK * 256];

    private KeySort(byte[] arena, int[] off, int[] len, int n) {
        this.arena = arena;
        this.off = off;
        this.len = len;
        this.tmp = new int[n];
        this.packed = new long[n];
        this.scratch = new long[n];
    }

    /**
     * Keys in order, and each one's {@link #ipv4Code} ({@code codes[i]} for {@code keys[i]}; -1 for a
     * key that has none; {@code codes} is null when no key has one), from which a key can be written
     * out ({@link #writeIpv4}) without reading the arena again.
     */
    record Sorted(int[] keys, long[] codes) {}

    /**
     * The numbers {@code 0..n-1} of the keys {@code arena[off[k], off[k] + len[k])} in key order (keys
     * that are equal keep no particular order), with their codes.
     */
    static Sorted sorted(byte[] arena, int[] off, int[] len, int n) {
        long[] codes = new long[n];
        int[] coded = new int[n];
        int[] rest = new int[n];
        int codedCount = 0;
        int restCount = 0;
        for (int k = 0; k < n; k++) {
            long c = ipv4Code(arena, off[k], len[k]);
            if (c >= 0) {
                codes[codedCount] = c;
                coded[codedCount++] = k;
            } else {
                rest[restCount++] = k;
            }
        }
        if (restCount > 1) {
            new KeySort(arena, off, len, restCount).sort(rest, 0, restCount, 0);
        }
        if (codedCount == 0) {
            return new Sorted(rest, null);
        }
        sortByCode(codes, coded, codedCount);
        // The coded keys all start with the IPv4 type byte: they go where the other keys of that type go.
        int from = 0;
        while (from < restCount && (arena[off[rest[from]]] & 0xff) < IPV4) {
            from++;
        }
        int to = from;
        while (to < restCount && (arena[off[rest[to]]] & 0xff) == IPV4) {
            to++;
        }
        int[] keys = new int[n];
        long[] keyCodes = new long[n];
        System.arraycopy(rest, 0, keys, 0, from);
        Arrays.fill(keyCodes, 0, from, -1);
        int w = from;
        int a = 0;
        int b = from;
        while (a < codedCount && b < to) {
            if (compare(arena, off, len, coded[a], rest[b], 0) < 0) {
                keyCodes[w] = codes[a];
                keys[w++] = coded[a++];
            } else {
                keyCodes[w] = -1;
                keys[w++] = rest[b++];
            }
        }
        System.arraycopy(coded, a, keys, w, codedCount - a);
        System.arraycopy(codes, a, keyCodes, w, codedCount - a);
        w += codedCount - a;
        System.arraycopy(rest, b, keys, w, restCount - b);
        Arrays.fill(keyCodes, w, n, -1);
        return new Sorted(keys, keyCodes);
    }

    private static final int IPV4 = ObservationType.IPV4.ordinal();
    /** Characters of an IPv4 key's value that {@link #ipv4Code} packs. */
    private static final int CODED_CHARS = 15;

    /**
     * An IPv4 key whose value is at most 15 dots and digits (every address Zeek writes) as a number
     * that sorts as the key does: four bits a character, its byte less {@code 0x2d} ({@code .} 1,
     * {@code 0}-{@code 9} 3-12, in the order of their bytes), first character highest, zero past
     * the end (so a value sorts before its extensions). Different values get different numbers. -1
     * for any other key. The history's values are mostly addresses (a dns.log's answers), and these
     * sort as numbers in a few linear passes instead of chunk by chunk through the arena.
     */
    static long ipv4Code(byte[] arena, int off, int len) {
        if (len > CODED_CHARS + 1 || arena[off] != IPV4) {
            return -1;
        }
        long c = 0;
        for (int i = off + 1, end = off + len; i < end; i++) {
            int d = arena[i] - CODE_BASE;
            if (d < 1 || d > 12 || d == 2) { // '.' is 1, '0'-'9' are 3-12; 2 would be '/'
                return -1;
            }
            c = c << 4 | d;
        }
        return c << 4 * (CODED_CHARS + 1 - len);
    }

    /** What {@link #ipv4Code} takes from a character's byte. */
    private static final int CODE_BASE = 0x2d;

    private static final int DIGIT_BITS = 12;
    private static final int DIGITS = (4 * CODED_CHARS + DIGIT_BITS - 1) / DIGIT_BITS;

    /**
     * Sorts {@code codes[0, n)} (distinct, below {@code 2^60}), and {@code ids[0, n)} with them: a
     * least-significant-digit radix sort, twelve bits a pass, skipping the passes whose digit is the
     * same for every code.
     */
    private static void sortByCode(long[] codes, int[] ids, int n) {
        int[][] counts = new int[DIGITS][1 << DIGIT_BITS];
        int mask = (1 << DIGIT_BITS) - 1;
        for (int i = 0; i < n; i++) {
            long c = codes[i];
            for (int d = 0; d < DIGITS; d++) {
                counts[d][(int) (c >>> d * DIGIT_BITS) & mask]++;
            }
        }
        long[] fromCodes = codes;
        int[] fromIds = ids;
        long[] toCodes = new long[n];
        int[] toIds = new int[n];
        for (int d = 0; d < DIGITS; d++) {
            int[] count = counts[d];
            int shift = d * DIGIT_BITS;
            if (count[(int) (fromCodes[0] >>> shift) & mask] == n) {
                continue;
            }
            for (int bucket = 0, at = 0; bucket <= mask; bucket++) {
                int c = count[bucket];
                count[bucket] = at;
                at += c;
            }
            for (int i = 0; i < n; i++) {
                long c = fromCodes[i];
                int at = count[(int) (c >>> shift) & mask]++;
                toCodes[at] = c;
                toIds[at] = fromIds[i];
            }
            long[] swapCodes = fromCodes;
            fromCodes = toCodes;
            toCodes = swapCodes;
            int[] swapIds = fromIds;
            fromIds = toIds;
            toIds = swapIds;
        }
        if (fromCodes != codes) {
            System.arraycopy(fromCodes, 0, codes, 0, n);
            System.arraycopy(fromIds, 0, ids, 0, n);
        }
    }

    /**
     * Writes the IPv4 key whose {@link #ipv4Code} is {@code code} at {@code out[at]}, which must have
     * room for the longest ({@value #CODED_CHARS} characters and the type); returns where it ends.
     * Every character is written, then the length counted from the zeros at the code's end: no
     * branch per character.
     */
    static int writeIpv4(long code, byte[] out, int at) {
        out[at] = (byte) IPV4;
        for (int i = 0; i < CODED_CHARS; i++) {
            out[at + 1 + i] = (byte) (((code >>> 4 * (CODED_CHARS - 1 - i)) & 0xf) + CODE_BASE);
        }
        int unused = Math.min(CODED_CHARS, Long.numberOfTrailingZeros(code) >>> 2);
        return at + 1 + CODED_CHARS - unused;
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
            packed[lo + i] = chunk(keys[lo + i], offset, chunk) << positionBits | i;
        }
        sortPacked(lo, hi, chunk, positionBits);
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

    /** Ranges up to this size are sorted by insertion in {@link #sortPacked}. */
    private static final int INSERTION = 32;

    /**
     * Sorts {@code packed[lo, hi)} unsigned (chunk, then position): by insertion when the range is
     * small, else a least-significant-byte radix sort over the chunk's bytes (positions come in
     * order and the passes keep it), skipping the bytes that are the same throughout the range.
     * All bytes are counted in one pass first.
     */
    private void sortPacked(int lo, int hi, int chunk, int positionBits) {
        int n = hi - lo;
        if (n <= INSERTION) {
            for (int i = lo + 1; i < hi; i++) {
                long x = packed[i];
                int j = i - 1;
                while (j >= lo && Long.compareUnsigned(packed[j], x) > 0) {
                    packed[j + 1] = packed[j];
                    j--;
                }
                packed[j + 1] = x;
            }
            return;
        }
        int[] count = counts;
        Arrays.fill(count, 0, chunk * 256, 0);
        for (int i = lo; i < hi; i++) {
            long x = packed[i] >>> positionBits;
            for (int b = 0; b < chunk; b++) {
                count[b * 256 + ((int) (x >>> 8 * b) & 0xff)]++;
            }
        }
        long[] from = packed;
        long[] to = scratch;
        for (int b = 0; b < chunk; b++) {
            int shift = positionBits + 8 * b;
            int base = b * 256;
            if (count[base + ((int) (from[lo] >>> shift) & 0xff)] == n) {
                continue;
            }
            for (int v = 0, at = lo; v < 256; v++) {
                int c = count[base + v];
                count[base + v] = at;
                at += c;
            }
            for (int i = lo; i < hi; i++) {
                long x = from[i];
                to[count[base + ((int) (x >>> shift) & 0xff)]++] = x;
            }
            long[] swap = from;
            from = to;
            to = swap;
        }
        if (from != packed) {
            System.arraycopy(from, lo, packed, lo, n);
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
        return compare(arena, off, len, a, b, offset);
    }

    private static int compare(byte[] arena, int[] off, int[] len, int a, int b, int offset) {
        int la = len[a];
        int lb = len[b];
        int from = Math.min(offset, Math.min(la, lb));
        return Arrays.compareUnsigned(arena, off[a] + from, off[a] + la, arena, off[b] + from, off[b] + lb);
    }
}
