package org.threatledger.match;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.threatledger.stix.IocType;

/**
 * The bytes of a compiled {@link IndicatorSet}: its arrays as they are in memory, so a set of a
 * million indicators is written and read back in tens of milliseconds instead of being compiled
 * again (about 0.4 s). Little-endian; an array is its length and then its elements; a string is
 * its UTF-8 length + 1 (0 for null) and its bytes.
 *
 * <p>An image names the {@link ObservationType} and {@link IocType} constants it was written with;
 * one written by a build that numbers them differently is refused. {@link IndicatorSet#read} also
 * looks up a sample of the keys it read, so an index whose hashing or key layout has changed since
 * it was written is refused too, not used.
 */
final class SetImage {
    static final int MAGIC = 0x544c4953; // "TLIS"
    static final int VERSION = 1;

    private SetImage() {}

    /** The constants an image depends on, in order: a build that numbers them differently cannot read it. */
    static String layout() {
        StringBuilder sb = new StringBuilder().append(VERSION);
        for (ObservationType t : ObservationType.values()) {
            sb.append(',').append(t.name());
        }
        for (IocType t : IocType.values()) {
            sb.append(',').append(t.name());
        }
        return sb.toString();
    }

    /** A growing little-endian buffer. */
    static final class Out {
        private ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        private void ensure(long more) {
            if (buf.remaining() < more) {
                long need = buf.position() + more;
                if (need > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("an indicator set image over 2 GB");
                }
                ByteBuffer next = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, 2L * buf.capacity())))
                        .order(ByteOrder.LITTLE_ENDIAN);
                next.put(buf.flip());
                buf = next;
            }
        }

        void i32(int v) {
            ensure(4);
            buf.putInt(v);
        }

        void i64(long v) {
            ensure(8);
            buf.putLong(v);
        }

        void bytes(byte[] a) {
            i32(a.length);
            ensure(a.length);
            buf.put(a);
        }

        void ints(int[] a) {
            i32(a.length);
            ensure(4L * a.length);
            buf.asIntBuffer().put(a);
            buf.position(buf.position() + 4 * a.length);
        }

        void longs(long[] a) {
            i32(a.length);
            ensure(8L * a.length);
            buf.asLongBuffer().put(a);
            buf.position(buf.position() + 8 * a.length);
        }

        /** A long array that may be null (length -1). */
        void longsOrNull(long[] a) {
            if (a == null) {
                i32(-1);
            } else {
                longs(a);
            }
        }

        void intArrays(int[][] a) {
            i32(a.length);
            for (int[] x : a) {
                ints(x);
            }
        }

        void string(String s) {
            if (s == null) {
                i32(0);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i32(b.length + 1);
            ensure(b.length);
            buf.put(b);
        }

        void strings(String[] a) {
            i32(a.length);
            for (String s : a) {
                string(s);
            }
        }

        /** The bytes written so far. */
        byte[] toByteArray() {
            return Arrays.copyOf(buf.array(), buf.position());
        }
    }

    /** Reads what {@link Out} wrote; a length past the end or a negative one is an {@link IllegalStateException}. */
    static final class In {
        private final ByteBuffer buf;

        In(ByteBuffer buf) {
            this.buf = buf.order(ByteOrder.LITTLE_ENDIAN);
        }

        int i32() {
            need(4);
            return buf.getInt();
        }

        long i64() {
            need(8);
            return buf.getLong();
        }

        private int length(int elementBytes) {
            int n = i32();
            if (n < 0 || (long) n * elementBytes > buf.remaining()) {
                throw new IllegalStateException("an array of " + n + " elements past the end at byte " + buf.position());
            }
            return n;
        }

        private void need(int n) {
            if (buf.remaining() < n) {
                throw new IllegalStateException("unexpected end at byte " + buf.position());
            }
        }

        byte[] bytes() {
            byte[] a = new byte[length(1)];
            buf.get(a);
            return a;
        }

        int[] ints() {
            int[] a = new int[length(4)];
            buf.asIntBuffer().get(a);
            buf.position(buf.position() + 4 * a.length);
            return a;
        }

        long[] longs() {
            long[] a = new long[length(8)];
            buf.asLongBuffer().get(a);
            buf.position(buf.position() + 8 * a.length);
            return a;
        }

        long[] longsOrNull() {
            int mark = buf.position();
            if (i32() == -1) {
                return null;
            }
            buf.position(mark);
            return longs();
        }

        int[][] intArrays() {
            int[][] a = new int[length(4)][];
            for (int i = 0; i < a.length; i++) {
                a[i] = ints();
            }
            return a;
        }

        String string() {
            int n = i32();
            if (n == 0) {
                return null;
            }
            if (n < 0 || n - 1 > buf.remaining()) {
                throw new IllegalStateException("a string of " + (n - 1) + " bytes past the end at byte " + buf.position());
            }
            byte[] b = new byte[n - 1];
            buf.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        String[] strings() {
            String[] a = new String[length(4)];
            for (int i = 0; i < a.length; i++) {
                a[i] = string();
            }
            return a;
        }

        boolean atEnd() {
            return !buf.hasRemaining();
        }
    }
}
