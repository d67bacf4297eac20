package org.threatledger.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeySortTest {

    @Test
    void ordersLikeTheComparator_onKeysWithSharedPrefixesZeroBytesAndHighBytes() {
        qt().withExamples(300).forAll(longs().all(), integers().between(0, 3000))
                .checkAssert((seed, n) -> assertSortsLikeTheComparator(randomKeys(new Random(seed), n)));
    }

    @Test
    void largeRanges_orderLikeTheComparator() {
        for (long seed : new long[] {1, 2, 3}) {
            assertSortsLikeTheComparator(randomKeys(new Random(seed), 50_000));
        }
    }

    private static void assertSortsLikeTheComparator(Entry[] entries) {
        Entry[] expected = entries.clone();
        Arrays.sort(expected, (a, b) -> Keys.compare(a.key, b.key));

        sort(entries);

        assertThat(keys(entries)).containsExactlyElementsOf(keys(expected));
    }

    @Test
    void aKeyThatEndsAtAChunkBoundary_sortsBeforeItsExtensions() {
        List<Entry> list = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            list.add(entry(("\u0001com.abcde.host" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        list.add(entry("\u0001com.abcde".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        list.add(entry(new byte[] {1, 'c', 'o', 'm', '.', 'a', 'b', 'c', 'd', 'e', 0}));
        Entry[] entries = list.toArray(Entry[]::new);

        sort(entries);

        assertThat(new String(entries[0].key, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("\u0001com.abcde");
        assertThat(entries[1].key).hasSize(11);
        for (int i = 1; i < entries.length; i++) {
            assertThat(Keys.compare(entries[i - 1].key, entries[i].key)).isNegative();
        }
    }

    /** Keys from a small alphabet, built on a few shared prefixes, so runs and chunk boundaries are common. */
    private static Entry[] randomKeys(Random r, int n) {
        byte[][] prefixes = new byte[8][];
        for (int i = 0; i < prefixes.length; i++) {
            prefixes[i] = bytes(r, r.nextInt(12));
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<Entry> out = new ArrayList<>();
        while (out.size() < n) {
            byte[] p = prefixes[r.nextInt(prefixes.length)];
            byte[] tail = bytes(r, r.nextInt(14));
            byte[] key = new byte[1 + p.length + tail.length];
            key[0] = (byte) r.nextInt(3);
            System.arraycopy(p, 0, key, 1, p.length);
            System.arraycopy(tail, 0, key, 1 + p.length, tail.length);
            if (seen.add(Arrays.toString(key))) {
                out.add(entry(key));
            }
        }
        return out.toArray(Entry[]::new);
    }

    private static byte[] bytes(Random r, int len) {
        byte[] alphabet = {0, 1, 'a', 'b', '.', (byte) 0x7f, (byte) 0x80, (byte) 0xff};
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = alphabet[r.nextInt(alphabet.length)];
        }
        return b;
    }

    private static Entry entry(byte[] key) {
        return new Entry(key, 0, 0, 1, List.of(), false);
    }

    private static List<String> keys(Entry[] entries) {
        return Arrays.stream(entries).map(e -> Arrays.toString(e.key)).toList();
    }

    /** Sorts {@code entries} in place by key through {@link KeySort#order}, over an arena of their keys. */
    static void sort(Entry[] entries) {
        int n = entries.length;
        int total = 0;
        for (Entry e : entries) {
            total = Math.addExact(total, e.key.length);
        }
        byte[] arena = new byte[total];
        int[] off = new int[n];
        int[] len = new int[n];
        for (int k = 0, p = 0; k < n; k++) {
            byte[] key = entries[k].key;
            System.arraycopy(key, 0, arena, p, key.length);
            off[k] = p;
            len[k] = key.length;
            p += key.length;
        }
        int[] order = KeySort.order(arena, off, len, n);
        Entry[] sorted = new Entry[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = entries[order[i]];
        }
        System.arraycopy(sorted, 0, entries, 0, n);
    }
}
