package org.threatledger.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.match.ObservationType;

/** Flushes store their blocks as they are; merges deflate them; segments of the earlier formats still read. */
class SegmentFormatTest {
    private static final ObservationType DOMAIN = ObservationType.DOMAIN;

    @TempDir
    Path dir;

    @Test
    void flushedSegment_isStoredUncompressed_andTheMergeOfFourIsDeflated_withTheSameValues() throws IOException {
        long flushedBytes;
        try (History h = History.open(dir)) {
            for (int round = 0; round < History.TIER - 1; round++) {
                record(h, round);
                h.flush();
            }
            flushedBytes = segmentBytes();
            assertThat(magics()).containsOnly(SegmentWriter.MAGIC);
            assertThat(h.lookup(DOMAIN, "host7.zone0.example")).map(Seen::count).contains(1L);
            record(h, History.TIER - 1);
            h.flush();
            assertThat(h.stats().segments()).as("four segments of one size are merged").isEqualTo(1);
            assertThat(segmentBytes()).as("deflated: well under the raw size of all four")
                    .isLessThan(flushedBytes * 4 / 3 * 2 / 3);
            for (int round = 0; round < History.TIER; round++) {
                assertThat(h.lookup(DOMAIN, "host" + (round * 5000 + 7) + ".zone" + round + ".example"))
                        .map(Seen::count).contains(1L);
            }
            assertThat(h.lookupSuffix("zone2.example")).hasSize(5000);
        }
    }

    @Test
    void segmentOfTheEarlierAllDeflatedFormat_isStillRead() throws IOException {
        writeEarlierSegment(true, SegmentWriter.MAGIC_V2);
        assertEarlierSegmentRead();
    }

    @Test
    void segmentOfTheEarlierFormatWithAByteAtATimeBloomHash_isStillRead() throws IOException {
        writeEarlierSegment(false, SegmentWriter.MAGIC_V3);
        assertThat(magics()).containsOnly(SegmentWriter.MAGIC_V3);
        assertEarlierSegmentRead();
    }

    @Test
    void currentBloomFilter_isOverTheWordHash_andTurnsAbsentKeysAway() throws IOException {
        Path file = dir.resolve("bloom.seg");
        byte[][] keys = new byte[2000][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Keys.of(ObservationType.IPV4, "10.0." + (i / 256) + "." + (i % 256));
        }
        java.util.Arrays.sort(keys, Keys::compare);
        try (SegmentWriter w = new SegmentWriter(file, keys.length, false)) {
            for (byte[] k : keys) {
                add(w, k);
            }
            w.commit();
        }
        try (Segment s = Segment.open(file, new SegmentName(1, 1, 0))) {
            for (byte[] k : keys) {
                assertThat(s.mightContain(k)).isTrue();
            }
            int passed = 0;
            for (int i = 0; i < 10_000; i++) {
                if (s.mightContain(Keys.of(ObservationType.IPV4, "10.9." + (i / 256) + "." + (i % 256)))) {
                    passed++;
                }
            }
            assertThat(passed).as("false positives of 10,000 absent keys").isLessThan(500);
        }
    }

    @Test
    void bloomHashes_stayThoseTheFormatsWereWrittenWith() {
        // segments on disk carry filters built with these functions: a changed hash would make
        // every lookup in them miss, which a writer and reader changed together would not show
        byte[] key = Keys.of(DOMAIN, "c2.evil.com");
        assertThat(SegmentWriter.bloomHash(SegmentWriter.MAGIC_V3, key, 0, key.length))
                .as("TLH1-TLH3: FNV-1a a byte a step, then mixed").isEqualTo(0x094319b4f87038fbL);
        assertThat(SegmentWriter.bloomHash(SegmentWriter.MAGIC_V2, key, 0, key.length)).isEqualTo(0x094319b4f87038fbL);
        assertThat(SegmentWriter.bloomHash(SegmentWriter.MAGIC, key, 0, key.length))
                .as("TLH4: eight bytes a step").isEqualTo(0xf78bd474c6689d60L);
    }

    private void writeEarlierSegment(boolean deflate, int magic) throws IOException {
        Path file = dir.resolve(new SegmentName(1, 1, 0).fileName());
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            entries.add(new Entry(Keys.of(DOMAIN, "h" + i + ".old.example"), i, i + 10, 2, List.of("s"), false));
        }
        Entry[] sorted = entries.toArray(Entry[]::new);
        KeySortTest.sort(sorted);
        try (SegmentWriter w = new SegmentWriter(file, sorted.length, deflate, SegmentWriter.MAGIC_V3)) {
            for (Entry e : sorted) {
                w.add(e);
            }
            w.commit();
        }
        writeMagic(file, magic);
    }

    private void assertEarlierSegmentRead() throws IOException {
        try (History h = History.open(dir)) {
            assertThat(h.lookup(DOMAIN, "h2999.old.example")).contains(
                    new Seen(DOMAIN, "h2999.old.example", 2999, 3009, 2, List.of("s"), false));
            assertThat(h.lookupSuffix("old.example")).hasSize(3000);
        }
    }

    @Test
    void keysMustArriveStrictlyIncreasing_unsignedAndShorterPrefixFirst() throws IOException {
        try (SegmentWriter w = new SegmentWriter(dir.resolve("order.seg"), 8, false)) {
            add(w, new byte[] {1, 'a'});
            add(w, new byte[] {1, 'a', 0});
            add(w, new byte[] {1, 'a', (byte) 0x80});
            add(w, new byte[] {1, 'b'});
            for (byte[] bad : List.of(new byte[] {1, 'b'}, new byte[] {1, 'a', (byte) 0x80}, new byte[] {1})) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> add(w, bad))
                        .hasMessageContaining("out of order");
            }
            add(w, new byte[] {1, 'b', 'c'});
            assertThat(w.entries()).isEqualTo(5);
        }
    }

    private static void add(SegmentWriter w, byte[] key) throws IOException {
        w.add(key, 0, key.length, 1, 1, 1, new int[0], 0, false);
    }

    private static void record(History h, int round) {
        for (int i = 0; i < 5000; i++) {
            h.record(DOMAIN, "host" + (round * 5000 + i) + ".zone" + round + ".example", 1_700_000_000_000_000L + i, "sensor-a");
        }
    }

    private long segmentBytes() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private List<Integer> magics() throws IOException {
        List<Integer> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".seg")).toList()) {
                byte[] b = Files.readAllBytes(p);
                out.add(ByteBuffer.wrap(b, b.length - 4, 4).getInt());
            }
        }
        return out;
    }

    /** Rewrites the magic number in a segment's trailer (its last four bytes; not covered by the CRC). */
    private static void writeMagic(Path file, int magic) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).putInt(magic).flip(), ch.size() - 4);
        }
    }
}
