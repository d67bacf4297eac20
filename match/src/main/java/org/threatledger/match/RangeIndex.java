package org.threatledger.match;

import java.util.Arrays;

/**
 * CIDR ranges as sorted, disjoint intervals: a lookup is one binary search. CIDR blocks nest or
 * are disjoint, so one sweep with a stack cuts the address space into intervals, each labelled with
 * the postings of the innermost block that covers it (longest prefix: exact CIDR indicators) or of
 * every block that covers it (candidates: each enclosing pattern must be evaluated). Addresses are
 * 128-bit {@code (hi, lo)} pairs compared unsigned; IPv4 uses {@code lo} alone.
 */
final class RangeIndex {
    static final RangeIndex EMPTY = new RangeIndex(new long[] {0}, new long[] {0}, new int[] {-1}, new int[0]);

    private final long[] startHi;
    private final long[] startLo;
    private final int[] label;
    private final int[] pool;

    private RangeIndex(long[] startHi, long[] startLo, int[] label, int[] pool) {
        this.startHi = startHi;
        this.startLo = startLo;
        this.label = label;
        this.pool = pool;
    }

    /** The label ({@code pool} offset) of the interval holding {@code (hi, lo)}, or -1 when no block does. */
    int find(long hi, long lo) {
        int low = 0;
        int high = startLo.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            int c = Long.compareUnsigned(startHi[mid], hi);
            if (c < 0 || (c == 0 && Long.compareUnsigned(startLo[mid], lo) <= 0)) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return label[low];
    }

    /** Whether no block was added. */
    boolean isEmpty() {
        return pool.length == 0;
    }

    /** The number of postings under a label. */
    int postingCount(int at) {
        return pool[at];
    }

    /** The {@code i}-th posting under a label. */
    int posting(int at, int i) {
        return pool[at + 1 + i];
    }

    long bytes() {
        return 8L * startHi.length + 8L * startLo.length + 4L * label.length + 4L * pool.length;
    }

    /** Writes the index's arrays ({@link SetImage}). */
    void write(SetImage.Out out) {
        out.longs(startHi);
        out.longs(startLo);
        out.ints(label);
        out.ints(pool);
    }

    /** Reads what {@link #write} wrote; arrays that do not fit together are an {@link IllegalStateException}. */
    static RangeIndex read(SetImage.In in) {
        long[] hi = in.longs();
        long[] lo = in.longs();
        int[] label = in.ints();
        int[] pool = in.ints();
        if (hi.length == 0 || hi.length != lo.length || label.length != lo.length) {
            throw new IllegalStateException("range index: the arrays do not fit together");
        }
        for (int l : label) {
            if (l < -1 || l >= pool.length && l >= 0) {
                throw new IllegalStateException("range index: a label past its postings");
            }
        }
        return new RangeIndex(hi, lo, label, pool);
    }

    /** Collects blocks; {@code bits} is 32 or 128. */
    static final class Builder {
        private final int bits;
        private final boolean allCovering;
        private long[] hi = new long[16];
        private long[] lo = new long[16];
        private int[] prefix = new int[16];
        private int[] posting = new int[16];
        private int count;

        Builder(int bits, boolean allCovering) {
            this.bits = bits;
            this.allCovering = allCovering;
        }

        /** Adds the block {@code (hi, lo)/prefix}; host bits are masked off. */
        void add(long addressHi, long addressLo, int prefixLength, int postingValue) {
            if (count == hi.length) {
                hi = Arrays.copyOf(hi, count * 2);
                lo = Arrays.copyOf(lo, count * 2);
                prefix = Arrays.copyOf(prefix, count * 2);
                posting = Arrays.copyOf(posting, count * 2);
            }
            int p = bits == 32 ? prefixLength + 96 : prefixLength;
            hi[count] = addressHi & ~hostMaskHi(p);
            lo[count] = addressLo & ~hostMaskLo(p);
            prefix[count] = p;
            posting[count++] = postingValue;
        }

        private static long hostMaskHi(int p) {
            return p >= 64 ? 0 : -1L >>> p;
        }

        private static long hostMaskLo(int p) {
            return p <= 64 ? -1L : p == 128 ? 0 : -1L >>> (p - 64);
        }

        RangeIndex build() {
            if (count == 0) {
                return EMPTY;
            }
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> {
                int c = Long.compareUnsigned(hi[a], hi[b]);
                c = c != 0 ? c : Long.compareUnsigned(lo[a], lo[b]);
                return c != 0 ? c : Integer.compare(prefix[a], prefix[b]);
            });
            return new Sweep(order).run();
        }

        /** The stack sweep over blocks sorted by start, then shorter prefix (enclosing block) first. */
        private final class Sweep {
            private final Integer[] order;
            private final IntList pool = new IntList();
            private long[] outHi = new long[16];
            private long[] outLo = new long[16];
            private int[] outLabel = new int[16];
            private int out;
            private final int[] stack = new int[129];
            private final int[] stackLabel = new int[129];
            private int depth;

            Sweep(Integer[] order) {
                this.order = order;
            }

            RangeIndex run() {
                emit(0, 0, -1);
                int i = 0;
                while (i < count) {
                    int first = order[i];
                    int j = i;
                    while (j < count && sameBlock(first, order[j])) {
                        j++;
                    }
                    while (depth > 0 && endsBefore(stack[depth - 1], first)) {
                        pop();
                    }
                    push(first, i, j);
                    i = j;
                }
                while (depth > 0) {
                    pop();
                }
                int[] poolArray = pool.toArray();
                return new RangeIndex(Arrays.copyOf(outHi, out), Arrays.copyOf(outLo, out),
                        Arrays.copyOf(outLabel, out), poolArray.length == 0 ? new int[] {0} : poolArray);
            }

            private boolean sameBlock(int a, int b) {
                return hi[a] == hi[b] && lo[a] == lo[b] && prefix[a] == prefix[b];
            }

            /** Whether the block on the stack ends before block {@code b} starts. */
            private boolean endsBefore(int a, int b) {
                long endHi = hi[a] | hostMaskHi(prefix[a]);
                long endLo = lo[a] | hostMaskLo(prefix[a]);
                int c = Long.compareUnsigned(endHi, hi[b]);
                return c < 0 || (c == 0 && Long.compareUnsigned(endLo, lo[b]) < 0);
            }

            private void push(int block, int from, int to) {
                int at = pool.size();
                int parent = depth > 0 && allCovering ? stackLabel[depth - 1] : -1;
                int inherited = parent >= 0 ? pool.get(parent) : 0;
                pool.add(inherited + (to - from));
                for (int k = 0; k < inherited; k++) {
                    pool.add(pool.get(parent + 1 + k));
                }
                for (int k = from; k < to; k++) {
                    pool.add(posting[order[k]]);
                }
                stack[depth] = block;
                stackLabel[depth++] = at;
                emit(hi[block], lo[block], at);
            }

            private void pop() {
                int block = stack[--depth];
                long endHi = hi[block] | hostMaskHi(prefix[block]);
                long endLo = lo[block] | hostMaskLo(prefix[block]);
                boolean last = bits == 32 ? endLo == 0xffffffffL : endHi == -1L && endLo == -1L;
                if (!last) {
                    long nextLo = endLo + 1;
                    long nextHi = nextLo == 0 ? endHi + 1 : endHi;
                    emit(nextHi, nextLo, depth > 0 ? stackLabel[depth - 1] : -1);
                }
            }

            private void emit(long startHi, long startLo, int labelAt) {
                if (out > 0 && outHi[out - 1] == startHi && outLo[out - 1] == startLo) {
                    outLabel[out - 1] = labelAt;
                    return;
                }
                if (out > 0 && outLabel[out - 1] == labelAt) {
                    return;
                }
                if (out == outLo.length) {
                    outHi = Arrays.copyOf(outHi, out * 2);
                    outLo = Arrays.copyOf(outLo, out * 2);
                    outLabel = Arrays.copyOf(outLabel, out * 2);
                }
                outHi[out] = startHi;
                outLo[out] = startLo;
                outLabel[out++] = labelAt;
            }
        }
    }
}
