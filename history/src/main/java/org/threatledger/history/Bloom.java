package org.threatledger.history;

import org.threatledger.match.BlockedBloom;

/**
 * A Bloom filter over segment keys: 10 bits and 7 probes per key. Most retro-hunt queries are
 * values never seen, and the filter answers those without reading a block.
 *
 * <p>Blocked (current segments): the {@link BlockedBloom} layout, a key's seven bits in one 512-bit
 * block. Writing a segment of millions of keys then costs one cache miss per key instead of seven,
 * and no division. False positives rise from ~0.8% to ~1.2% at this density, which costs the
 * occasional block read of a retro-hunt. Classic (segments written before the blocked filter): seven
 * probes anywhere by double hashing over the two halves of the hash (Kirsch and Mitzenmacher).
 */
final class Bloom {
    /** Probes per key, in both layouts. */
    private static final int PROBES = BlockedBloom.PROBES;

    final long[] words;
    private final long bits;
    private final boolean blocked;

    Bloom(long[] words, boolean blocked) {
        if (blocked && words.length % BlockedBloom.WORDS_PER_BLOCK != 0) {
            throw new IllegalArgumentException("a blocked Bloom filter needs whole 512-bit blocks, got "
                    + words.length + " words");
        }
        this.words = words;
        this.bits = (long) words.length * 64;
        this.blocked = blocked;
    }

    /** An empty blocked filter sized for {@code expectedKeys}. */
    static Bloom blocked(long expectedKeys) {
        return new Bloom(BlockedBloom.words(expectedKeys), true);
    }

    void add(long hash) {
        if (blocked) {
            BlockedBloom.add(words, hash);
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
            return BlockedBloom.mightContain(words, hash);
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

}
