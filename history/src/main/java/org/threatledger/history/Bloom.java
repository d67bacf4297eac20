package org.threatledger.history;

/**
 * A Bloom filter over segment keys: 10 bits and 7 probes per key. Most retro-hunt queries are
 * values never seen, and the filter answers those without reading a block.
 *
 * <p>Blocked (current segments): a key's seven bits all fall in one 512-bit block, one cache
 * line, chosen from the hash's high half; the bit positions are 9-bit slices of a second mix of the
 * hash. Writing a segment of millions of keys then costs one cache miss per key instead of seven,
 * and no division. False positives rise from ~0.8% to ~1.2% at this density, which costs the
 * occasional block read of a retro-hunt. Classic (segments written before the blocked filter): seven
 * probes anywhere by double hashing over the two halves of the hash (Kirsch and Mitzenmacher).
 */
final class Bloom {
    static final int BITS_PER_KEY = 10;
    static final int PROBES = 7;
    private static final int WORDS_PER_BLOCK = 8;
    private static final long SLICE_MIX = 0x9e3779b97f4a7c15L;

    final long[] words;
    private final long bits;
    private final boolean blocked;
    private final long blocks;

    Bloom(long[] words, boolean blocked) {
        if (blocked && words.length % WORDS_PER_BLOCK != 0) {
            throw new IllegalArgumentException("a blocked Bloom filter needs whole 512-bit blocks, got "
                    + words.length + " words");
        }
        this.words = words;
        this.bits = (long) words.length * 64;
        this.blocked = blocked;
        this.blocks = words.length / WORDS_PER_BLOCK;
    }

    /** An empty blocked filter sized for {@code expectedKeys}. */
    static Bloom blocked(long expectedKeys) {
        long wanted = (Math.max(1, expectedKeys) * BITS_PER_KEY + 511) / 512;
        return new Bloom(new long[Math.toIntExact(Math.max(1, wanted) * WORDS_PER_BLOCK)], true);
    }

    void add(long hash) {
        if (blocked) {
            int base = blockOf(hash);
            long slices = hash * SLICE_MIX;
            for (int i = 0; i < PROBES; i++, slices >>>= 9) {
                int bit = (int) slices & 511;
                words[base + (bit >>> 6)] |= 1L << bit;
            }
            return;
        }
        long h1 = hash & 0xffff_ffffL;
        long h2 = hash >>> 32;
        for (int i = 0; i < PROBES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bits);
            words[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    boolean mightContain(long hash) {
        if (blocked) {
            int base = blockOf(hash);
            long slices = hash * SLICE_MIX;
            for (int i = 0; i < PROBES; i++, slices >>>= 9) {
                int bit = (int) slices & 511;
                if ((words[base + (bit >>> 6)] & (1L << bit)) == 0) {
                    return false;
                }
            }
            return true;
        }
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

    /** The first word of the key's block: the high half of the hash scaled onto the blocks. */
    private int blockOf(long hash) {
        return (int) (((hash >>> 32) * blocks) >>> 32) * WORDS_PER_BLOCK;
    }
}
