package org.threatledger.match;

/**
 * The 64-bit key hash of the exact index. Characters are consumed right to left, so while walking
 * a domain name from its end the hash of every suffix that starts after a dot is at hand: the
 * parent-domain walk costs one pass and no substrings. A cheap multiply-xor step per character
 * (FNV-1a's prime), then murmur3's fmix64 with the kind and port, so the low bits (slot index) and
 * the high bits (fingerprint) are both well mixed.
 */
final class KeyHash {
    static final long SEED = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private KeyHash() {}

    /** Adds one character to the left of what has been hashed so far. */
    static long step(long h, char c) {
        return (h ^ c) * PRIME;
    }

    /** The final hash of a key of {@code kind} (and {@code port} for port kinds) whose characters gave {@code h}. */
    static long finish(long h, int kind, int port) {
        long x = h ^ (kind * 0x9e3779b97f4a7c15L) ^ (port * 0xc2b2ae3d27d4eb4fL);
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }

    /** The hash of {@code s[from, to)} as a key of {@code kind}. */
    static long of(int kind, int port, String s, int from, int to) {
        return finish(chars(s, from, to), kind, port);
    }

    /** The unfinished hash of the ASCII bytes {@code b[from, to)}: {@link #chars} of the text they spell. */
    static long ascii(byte[] b, int from, int to) {
        long h = SEED;
        for (int i = to - 1; i >= from; i--) {
            h = step(h, (char) b[i]);
        }
        return h;
    }

    /** The unfinished hash of {@code s[from, to)}: {@link #finish} it once per kind looked up. */
    static long chars(String s, int from, int to) {
        long h = SEED;
        for (int i = to - 1; i >= from; i--) {
            h = step(h, s.charAt(i));
        }
        return h;
    }
}
