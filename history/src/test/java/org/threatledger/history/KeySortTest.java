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
    void addressKeys_sortAsNumbers_amongOtherKeysOfTheirTypeAndOthers() {
        // IPv4 keys of at most 15 dots and digits take the numeric path; longer ones, ones with other
        // characters, and keys of the types around IPv4 take the chunk path; both meet in one order
        qt().withExamples(300).forAll(longs().all(), integers().between(0, 3000))
                .checkAssert((seed, n) -> assertSortsLikeTheComparator(addressLikeKeys(new Random(seed), n)));
        assertSortsLikeTheComparator(addressLikeKeys(new Random(7), 200_000));
    }

    @Test
    void ipv4Code_ordersValuesAsTheirKeys_writesThemBack_andRefusesWhatItCannotPack() {
        int ipv4 = org.threatledger.match.ObservationType.IPV4.ordinal();
        String[] sorted = {"", ".", "..", "0", "0.", "1", "1.2", "1.2.3.4", "1.23", "10.0.0.1", "9", "999.999.999.999"};
        long previous = -1;
        for (String v : sorted) {
            byte[] key = Keys.of(org.threatledger.match.ObservationType.IPV4, v);
            long code = KeySort.ipv4Code(key, 0, key.length);
            assertThat(code).as(v).isGreaterThan(previous);
            previous = code;
            byte[] written = new byte[16];
            assertThat(Arrays.copyOf(written, KeySort.writeIpv4(code, written, 0))).as(v).isEqualTo(key);
        }
        for (String v : new String[] {"1.2.3.4/32", "1:2", "1234.1234.123456", " 1.2.3.4"}) {
            byte[] key = Keys.of(org.threatledger.match.ObservationType.IPV4, v);
            assertThat(KeySort.ipv4Code(key, 0, key.length)).as(v).isEqualTo(-1);
        }
        Random r = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder v = new StringBuilder();
            for (int c = 0, n = r.nextInt(16); c < n; c++) {
                v.append(".0123456789".charAt(r.nextInt(11)));
            }
            String value = v.toString();
            byte[] key = Keys.of(org.threatledger.match.ObservationType.IPV4, value);
            byte[] written = new byte[16];
            long code = KeySort.ipv4Code(key, 0, key.length);
            assertThat(code).as(value).isNotNegative();
            assertThat(Arrays.copyOf(written, KeySort.writeIpv4(code, written, 0))).as(value).isEqualTo(key);
        }
        byte[] domain = Keys.of(org.threatledger.match.ObservationType.DOMAIN, "1.2.3.4");
        assertThat(KeySort.ipv4Code(domain, 0, domain.length)).isEqualTo(-1);
        assertThat(ipv4).isEqualTo(domain[0] + 1);
    }

    /** Keys of the types next to IPv4 (and IPv4) made of dots, digits and now and then another byte. */
    private static Entry[] addressLikeKeys(Random r, int n) {
        byte[] alphabet = {'.', '0', '1', '2', '5', '9', '/', ':', 'a', (byte) 0xff};
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<Entry> out = new ArrayList<>();
        while (out.size() < n) {
            int length = r.nextInt(10) == 0 ? r.nextInt(19) : 7 + r.nextInt(9);
            boolean plain = r.nextInt(8) != 0;
            byte[] key = new byte[1 + length];
            key[0] = (byte) (r.nextInt(4) == 0 ? r.nextInt(3) : org.threatledger.match.ObservationType.IPV4.ordinal());
            for (int i = 1; i < key.length; i++) {
                key[i] = alphabet[r.nextInt(plain ? 6 : alphabet.length)];
            }
            if (seen.add(Arrays.toString(key))) {
                out.add(entry(key));
            }
        }
        return out.toArray(Entry[]::new);
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

    /** Sorts {@code entries} in place by key through {@link KeySort#sorted}, over an arena of their keys. */
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
        int[] order = KeySort.sorted(arena, off, len, n).keys();
        Entry[] sorted = new Entry[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = entries[order[i]];
        }
        System.arraycopy(sorted, 0, entries, 0, n);
    }
}
