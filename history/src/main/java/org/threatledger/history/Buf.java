package org.threatledger.history;

import java.util.Arrays;

/** A growable byte buffer with the varint encoding of the segment format (LEB128, zigzag for signed). */
final class Buf {
    byte[] bytes = new byte[256];
    int size;

    void clear() {
        size = 0;
    }

    /** Makes room for {@code more} bytes, for the unchecked puts that follow. */
    void reserve(int more) {
        ensure(more);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    void put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    void putVar(long v) {
        ensure(10);
        putVarReserved(v);
    }

    /** {@link #putVar} into room made by {@link #reserve} (10 bytes a number at most). */
    void putVarReserved(long v) {
        byte[] b = bytes;
        int at = size;
        while ((v & ~0x7fL) != 0) {
            b[at++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b[at++] = (byte) v;
        size = at;
    }

    void putSigned(long v) {
        ensure(10);
        putSignedReserved(v);
    }

    /** {@link #putSigned} into room made by {@link #reserve}. */
    void putSignedReserved(long v) {
        putVarReserved((v << 1) ^ (v >> 63));
    }

    void putLong(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            bytes[size++] = (byte) (v >>> (i * 8));
        }
    }

    /**
     * {@link #putLong} of every word, copied in bulk (a segment's Bloom filter is megabytes: a loop
     * of single puts run once a flush only made the compiler work).
     */
    void putLongs(long[] words) {
        ensure(Math.multiplyExact(words.length, 8));
        java.nio.ByteBuffer.wrap(bytes, size, words.length * 8).asLongBuffer().put(words);
        size += words.length * 8;
    }

    /** Reads what a {@link Buf} wrote. */
    static final class In {
        final byte[] b;
        int pos;
        final int end;

        In(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long var() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b[pos++];
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    return v;
                }
            }
        }

        int varInt() {
            return Math.toIntExact(var());
        }

        long signed() {
            long v = var();
            return (v >>> 1) ^ -(v & 1);
        }

        long fixedLong() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (b[pos++] & 0xff);
            }
            return v;
        }

        byte[] bytes(int len) {
            byte[] out = Arrays.copyOfRange(b, pos, pos + len);
            pos += len;
            return out;
        }
    }
}
