package org.threatledger.history;

/**
 * A Bloom filter over segment keys: 10 bits and 7 probes per key, ~1% false positives. Most
 * retro-hunt queries are values never seen, and the filter answers those without reading a block.
 * Probes use double hashing over the two halves of one 64-bit hash (Kirsch and Mitzenmacher).
 */
final class Bloom {
    static final int BITS_PER_KEY = 10;
    static final int PROBES = 7;

    final long[] words;
    private final long bits;

    Bloom(long expectedKeys) {
        this(new long[(int) Math.max(1, (Math.max(1, expectedKeys) * BITS_PER_KEY + 63) / 64)]);
    }

    Bloom(long[] words) {
        this.words = words;
        this.bits = (long) words.length * 64;
    }

    void add(long hash) {
        long h1 = hash & 0xffff_ffffL;
        long h2 = hash >>> 32;
        for (int i = 0; i < PROBES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bits);
            words[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    boolean mightContain(long hash) {
        long h1 = hash & 0xffff_ffffL;
        long h2 = hash >>> 32;
        for (int i = 0; i < PROBES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bits);
            if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }
}
