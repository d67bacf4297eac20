package org.threatledger.history;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.threatledger.match.ObservationType;

/**
 * The sort key of a history entry: one byte for the {@link ObservationType}, then the value in
 * UTF-8. A domain is stored under its labels reversed ({@code a.evil.com} -> {@code com.evil.a}),
 * so every subdomain of a name sorts right after it and a suffix query is one range scan. Exact
 * lookups reverse the query the same way, so a domain is stored once, not twice.
 */
final class Keys {
    private static final long MIX1 = 0xbf58476d1ce4e5b9L;
    private static final long MIX2 = 0x94d049bb133111ebL;

    private Keys() {}

    /** The key of {@code (type, value)}. */
    static byte[] of(ObservationType type, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        if (type == ObservationType.DOMAIN) {
            v = reverseLabels(v, 0, v.length);
        }
        byte[] key = new byte[v.length + 1];
        key[0] = (byte) type.ordinal();
        System.arraycopy(v, 0, key, 1, v.length);
        return key;
    }

    /** The key of a value held as UTF-8 in {@code bytes[off, off+len)}. */
    static byte[] of(int typeOrdinal, byte[] bytes, int off, int len) {
        byte[] key = new byte[len + 1];
        write(typeOrdinal, bytes, off, len, key, 0);
        return key;
    }

    /**
     * Writes the key of a value held as UTF-8 in {@code bytes[off, off+len)} at {@code out[at]}
     * ({@code len + 1} bytes); returns where it ends.
     */
    static int write(int typeOrdinal, byte[] bytes, int off, int len, byte[] out, int at) {
        out[at] = (byte) typeOrdinal;
        if (typeOrdinal == ObservationType.DOMAIN.ordinal()) {
            reverseLabels(bytes, off, len, out, at + 1);
        } else {
            System.arraycopy(bytes, off, out, at + 1, len);
        }
        return at + 1 + len;
    }

    static ObservationType type(byte[] key) {
        return ObservationType.values()[key[0]];
    }

    /** The value a key stands for (domains turned back the right way round). */
    static String value(byte[] key) {
        byte[] v = key[0] == ObservationType.DOMAIN.ordinal()
                ? reverseLabels(key, 1, key.length - 1) : Arrays.copyOfRange(key, 1, key.length);
        return new String(v, StandardCharsets.UTF_8);
    }

    /** {@code a.b.c} -> {@code c.b.a}; reversing twice gives the input back. */
    static byte[] reverseLabels(byte[] in, int off, int len) {
        byte[] out = new byte[len];
        reverseLabels(in, off, len, out, 0);
        return out;
    }

    /** Writes the labels of {@code in[off, off+len)} in reverse order at {@code out[at]}. */
    static void reverseLabels(byte[] in, int off, int len, byte[] out, int at) {
        int w = at;
        int end = off + len;
        while (end > off) {
            int dot = end - 1;
            while (dot >= off && in[dot] != '.') {
                dot--;
            }
            int labelStart = dot + 1;
            System.arraycopy(in, labelStart, out, w, end - labelStart);
            w += end - labelStart;
            if (dot >= off) {
                out[w++] = '.';
            }
            end = dot;
        }
    }

    /** Unsigned lexicographic order of whole keys. */
    static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /**
     * The hash of the key held in {@code bytes[off, off+len)} in the Bloom filter of a current
     * (TLH4) segment: {@link #valueHash} of the key's type byte and the bytes after it, eight bytes
     * a step.
     */
    static long bloomHash(byte[] bytes, int off, int len) {
        return valueHash(bytes[off] & 0xff, bytes, off + 1, len - 1);
    }

    /**
     * The hash of the key held in {@code bytes[off, off+len)} in the Bloom filter of a segment
     * written before TLH4 (FNV-1a, a byte a step, then {@link #mix}); still computed to look keys
     * up in those segments.
     */
    static long legacyHash(byte[] bytes, int off, int len) {
        long h = 0x9e3779b97f4a7c15L;
        for (int i = off, end = off + len; i < end; i++) {
            h = (h ^ (bytes[i] & 0xff)) * 0x100000001b3L;
        }
        return mix(h);
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * A 64-bit hash of a value for the in-memory table: its type (an ordinal) and its UTF-8 bytes
     * {@code b[off, off+len)}, eight bytes a step. The table verifies every candidate's bytes, so
     * this only has to spread values well.
     */
    static long valueHash(int type, byte[] b, int off, int len) {
        long h = type * 0x9e3779b97f4a7c15L ^ len;
        int i = off;
        for (int end = off + len - 8; i <= end; i += 8) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(b, i)) * 0x9e3779b97f4a7c15L, 31);
        }
        long tail = 0;
        for (int shift = 0, end = off + len; i < end; i++, shift += 8) {
            tail |= (b[i] & 0xffL) << shift;
        }
        return mix(h ^ tail * 0xc2b2ae3d27d4eb4fL);
    }

    /** SplitMix64's finaliser: spreads every input bit over the whole word. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * MIX1;
        z = (z ^ (z >>> 27)) * MIX2;
        return z ^ (z >>> 31);
    }
}
