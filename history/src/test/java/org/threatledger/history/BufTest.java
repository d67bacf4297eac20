package org.threatledger.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BufTest {
    /** LEB128 one byte at a time: the segment format's definition. */
    private static byte[] leb128(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    @Test
    void numbersOfEveryLength_areWrittenAsLeb128_andReadBack() {
        long[] edges = {0, 1, 127, 128, 255, 16_383, 16_384, (1L << 49) - 1, 1L << 49, (1L << 56) - 1, 1L << 56,
            (1L << 63) - 1, -1, Long.MIN_VALUE, 1_700_000_000_000_000L};
        for (long v : edges) {
            check(v, 0);
        }
        // any number, and any number of significant bits, at offsets up to the end of the first array
        qt().withExamples(20_000).forAll(longs().all(), integers().between(0, 63), integers().between(0, 246))
                .checkAssert((v, bits, offset) -> {
                    check(v, offset);
                    check(v >>> bits, offset);
                });
    }

    private static void check(long v, int offset) {
        Buf buf = new Buf();
        buf.put(new byte[offset], 0, offset);
        buf.reserve(10);
        buf.putVarReserved(v);
        byte[] expected = leb128(v);
        assertThat(Arrays.copyOfRange(buf.bytes, offset, buf.size)).as("%d", v).isEqualTo(expected);
        Buf.In in = new Buf.In(buf.bytes, offset, buf.size);
        assertThat(in.var()).isEqualTo(v);
        assertThat(in.pos).isEqualTo(buf.size);
    }

    @Test
    void putLongs_writesWhatPutLongWritesForEachWord() {
        qt().withExamples(200).forAll(longs().all(), integers().between(0, 300), integers().between(0, 40))
                .checkAssert((seed, count, offset) -> {
                    long[] words = new java.util.Random(seed).longs(count).toArray();
                    Buf bulk = new Buf();
                    Buf single = new Buf();
                    bulk.put(new byte[offset], 0, offset);
                    single.put(new byte[offset], 0, offset);
                    bulk.putLongs(words);
                    for (long w : words) {
                        single.putLong(w);
                    }
                    assertThat(Arrays.copyOf(bulk.bytes, bulk.size))
                            .isEqualTo(Arrays.copyOf(single.bytes, single.size));
                });
    }
}
