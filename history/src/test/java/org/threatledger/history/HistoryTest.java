package org.threatledger.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.match.ObservationType;

class HistoryTest {
    private static final ObservationType DOMAIN = ObservationType.DOMAIN;
    private static final long DAY = 86_400_000_000L;

    @TempDir
    Path dir;

    @Test
    void recordedValue_isFoundWithFirstLastCountAndSensors_beforeAndAfterFlushAndReopen() throws IOException {
        try (History h = History.open(dir)) {
            h.record(DOMAIN, "c2.evil.com", 3_000, "dmz");
            h.record(DOMAIN, "c2.evil.com", 1_000, "core");
            h.record(DOMAIN, "c2.evil.com", 2_000, "dmz");
            assertThat(h.lookup(DOMAIN, "c2.evil.com")).contains(
                    new Seen(DOMAIN, "c2.evil.com", 1_000, 3_000, 3, List.of("dmz", "core"), false));
            h.flush();
            assertThat(h.stats().unflushedValues()).isZero();
            assertThat(h.lookup(DOMAIN, "c2.evil.com")).contains(
                    new Seen(DOMAIN, "c2.evil.com", 1_000, 3_000, 3, List.of("dmz", "core"), false));
        }
        try (History h = History.open(dir)) {
            assertThat(h.lookup(DOMAIN, "c2.evil.com").orElseThrow().count()).isEqualTo(3);
            assertThat(h.lookup(DOMAIN, "evil.com")).isEmpty();
            assertThat(h.lookup(ObservationType.URL, "c2.evil.com")).isEmpty();
        }
    }

    @Test
    void recordAll_ofBatchesLargerThanTheReadAhead_countsExactlyAsOneByOne() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        int n = 5_000;
        ValueBatch batch = new ValueBatch(n);
        List<String> values = new java.util.ArrayList<>();
        List<Long> times = new java.util.ArrayList<>();
        List<String> sensors = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            // ASCII values as bytes, and some with other characters as text, in one batch
            String value = random.nextInt(10) == 0 ? "ü" + random.nextInt(50) + ".例え.example"
                    : "v" + random.nextInt(700) + ".example";
            values.add(value);
            times.add((long) random.nextInt(1_000_000));
            sensors.add("s" + random.nextInt(3));
            if (value.startsWith("v")) {
                byte[] b = ("[" + value + "]").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                batch.addAscii(DOMAIN, b, 1, b.length - 1, times.get(i), sensors.get(i));
            } else {
                batch.add(DOMAIN, value, times.get(i), sensors.get(i));
            }
        }
        assertThat(batch.isFull()).isTrue();
        try (History batched = History.open(dir.resolve("batched"));
             History single = History.open(dir.resolve("single"))) {
            batched.recordAll(batch);
            for (int i = 0; i < n; i++) {
                single.record(DOMAIN, values.get(i), times.get(i), sensors.get(i));
            }
            for (String value : new java.util.TreeSet<>(values)) {
                assertThat(batched.lookup(DOMAIN, value)).as(value).isPresent().isEqualTo(single.lookup(DOMAIN, value));
            }
            long distinct = values.stream().distinct().count();
            assertThat(batched.stats().unflushedValues()).isEqualTo(single.stats().unflushedValues()).isEqualTo(distinct);
        }
    }

    @Test
    void recordAll_countsABatchExactlyAsOneByOne_andABatchIsReusedAfterClear() throws IOException {
        ValueBatch batch = new ValueBatch(8);
        String[] values = {"a.example", "b.example", "a.example", "a.example"};
        String[] sensors = {"s1", "s1", "s2", "s1"};
        batch.add(DOMAIN, "unused.example", 1, "s1");
        batch.clear();
        for (int i = 0; i < values.length; i++) {
            batch.add(DOMAIN, values[i], 100L * (5 - i), sensors[i]);
        }
        try (History h = History.open(dir)) {
            h.recordAll(batch);
            assertThat(h.lookup(DOMAIN, "a.example"))
                    .contains(new Seen(DOMAIN, "a.example", 200, 500, 3, List.of("s1", "s2"), false));
            assertThat(h.lookup(DOMAIN, "b.example"))
                    .contains(new Seen(DOMAIN, "b.example", 400, 400, 1, List.of("s1"), false));
            assertThat(h.lookup(DOMAIN, "unused.example")).as("cleared").isEmpty();
        }
    }

    @Test
    void valueSeenInTwoFlushes_isFoldedAcrossSegmentsAndMemory() throws IOException {
        try (History h = History.open(dir)) {
            h.record(ObservationType.IPV4, "203.0.113.7", 5_000, "a");
            h.flush();
            h.record(ObservationType.IPV4, "198.51.100.1", 1, "a");
            h.record(ObservationType.IPV4, "198.51.100.1", 1, "a");
            h.flush();
            h.record(ObservationType.IPV4, "203.0.113.7", 9_000, "b");
            h.flush();
            h.record(ObservationType.IPV4, "203.0.113.7", 100, "a");
            Seen seen = h.lookup(ObservationType.IPV4, "203.0.113.7").orElseThrow();
            assertThat(seen.firstSeenMicros()).isEqualTo(100);
            assertThat(seen.lastSeenMicros()).isEqualTo(9_000);
            assertThat(seen.count()).isEqualTo(3);
            assertThat(seen.sensors()).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void sensors_areCappedAtSixteen_thenMarkedAsMore() throws IOException {
        try (History h = History.open(dir)) {
            for (int i = 0; i < 20; i++) {
                h.record(DOMAIN, "busy.example", i, "sensor-" + i);
                if (i == 9) {
                    h.flush();
                }
            }
            Seen seen = h.lookup(DOMAIN, "busy.example").orElseThrow();
            assertThat(seen.sensors()).hasSize(16);
            assertThat(seen.moreSensors()).isTrue();
            assertThat(seen.count()).isEqualTo(20);
        }
    }

    @Test
    void nullSensor_countsTheValueWithoutNamingASensor() throws IOException {
        try (History h = History.open(dir)) {
            h.record(DOMAIN, "quiet.example", 7, null);
            h.flush();
            assertThat(h.lookup(DOMAIN, "quiet.example").orElseThrow().sensors()).isEmpty();
        }
    }

    @Test
    void lookupSuffix_findsTheDomainAndItsSubdomainsOnly() throws IOException {
        List<String> domains = List.of("evil.com", "a.evil.com", "b.a.evil.com", "notevil.com", "evil.com.au",
                "evil-corp.com", "com", "x.evil-corp.com", "evil.co");
        try (History h = History.open(dir)) {
            for (int i = 0; i < domains.size(); i++) {
                h.record(DOMAIN, domains.get(i), i, "s");
                if (i == 4) {
                    h.flush();
                }
            }
            h.record(DOMAIN, "z.evil.com", 99, "s");
            assertThat(h.lookupSuffix("evil.com")).extracting(Seen::value)
                    .containsExactlyInAnyOrder("evil.com", "a.evil.com", "b.a.evil.com", "z.evil.com");
            assertThat(h.lookupSuffix("a.evil.com")).extracting(Seen::value)
                    .containsExactlyInAnyOrder("a.evil.com", "b.a.evil.com");
            assertThat(h.lookupSuffix("unseen.org")).isEmpty();
        }
    }

    @Test
    void compact_dropsValuesLastSeenBeforeTheRetention_keepsOnesSeenAgainSince() throws IOException {
        Instant now = Instant.parse("2025-06-01T00:00:00Z");
        long nowMicros = History.micros(now);
        History.Options options = new History.Options(Duration.ofDays(90), 1_000, Duration.ofHours(1));
        try (History h = History.open(dir, options)) {
            h.record(DOMAIN, "old.example", nowMicros - 100 * DAY, "s");
            h.record(DOMAIN, "back.example", nowMicros - 100 * DAY, "s");
            h.flush();
            h.record(DOMAIN, "back.example", nowMicros - DAY, "s");
            h.record(DOMAIN, "fresh.example", nowMicros - 89 * DAY, "s");
            h.compact(now);
            assertThat(h.lookup(DOMAIN, "old.example")).isEmpty();
            assertThat(h.lookup(DOMAIN, "back.example").orElseThrow().count()).isEqualTo(2);
            assertThat(h.lookup(DOMAIN, "fresh.example")).isPresent();
            assertThat(h.stats().segments()).isEqualTo(1);
            assertThat(h.stats().storedValues()).isEqualTo(2);
        }
        try (History h = History.open(dir, options)) {
            assertThat(h.lookup(DOMAIN, "old.example")).isEmpty();
            assertThat(h.lookup(DOMAIN, "back.example").orElseThrow().firstSeenMicros()).isEqualTo(nowMicros - 100 * DAY);
        }
    }

    @Test
    void manySmallFlushes_areMergedIntoFewSegments_withExactCounts() throws IOException {
        try (History h = History.open(dir)) {
            for (int round = 0; round < 40; round++) {
                for (int i = 0; i < 500; i++) {
                    h.record(DOMAIN, "v" + i + ".example", round, "s");
                }
                h.flush();
            }
            assertThat(h.stats().segments()).isLessThanOrEqualTo(8);
            Map<String, Seen> all = h.lookupAll(DOMAIN, IntStream.range(0, 500).mapToObj(i -> "v" + i + ".example").toList());
            assertThat(all).hasSize(500);
            assertThat(all.values()).allSatisfy(s -> {
                assertThat(s.count()).isEqualTo(40);
                assertThat(s.firstSeenMicros()).isZero();
                assertThat(s.lastSeenMicros()).isEqualTo(39);
            });
        }
    }

    @Test
    void backgroundFlushes_whileRecordingAndLookingUp_loseNoCountAndShowEveryValueRecordedBefore() throws Exception {
        History.Options small = new History.Options(Duration.ofDays(90), 1_000, Duration.ofHours(1));
        int rounds = 30;
        int values = 700;
        try (History h = History.open(dir, small)) {
            long[] last = {0};
            Repeating reader = new Repeating(() -> {
                long count = h.lookup(DOMAIN, "v0.example").map(Seen::count).orElse(0L);
                assertThat(count).as("counts never go back").isGreaterThanOrEqualTo(last[0]);
                last[0] = count;
            });
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < values; i++) {
                    h.record(DOMAIN, "v" + i + ".example", round, round % 2 == 0 ? "a" : "b");
                    h.record(DOMAIN, "r" + round + "n" + i + ".example", round, "a");
                }
                // what was just recorded is visible at once, whichever table or segment holds it
                assertThat(h.lookup(DOMAIN, "r" + round + "n" + (values - 1) + ".example")).isPresent();
            }
            reader.stop();

            Map<String, Seen> all = h.lookupAll(DOMAIN, IntStream.range(0, values).mapToObj(i -> "v" + i + ".example").toList());
            assertThat(all.values()).hasSize(values).allSatisfy(seen -> {
                assertThat(seen.count()).isEqualTo(rounds);
                assertThat(seen.firstSeenMicros()).isZero();
                assertThat(seen.lastSeenMicros()).isEqualTo(rounds - 1);
                assertThat(seen.sensors()).containsExactlyInAnyOrder("a", "b");
            });
            assertThat(h.stats().storedValues() + h.stats().unflushedValues()).isGreaterThanOrEqualTo((long) rounds * values + values);
        }
        try (History h = History.open(dir, small)) {
            assertThat(h.lookup(DOMAIN, "v3.example").orElseThrow().count()).as("after reopening").isEqualTo(rounds);
            assertThat(h.lookup(DOMAIN, "r29n5.example")).isPresent();
        }
    }

    @Test
    void flushesCalledBesideBackgroundFlushes_keepTheSegmentsInOrder_andLoseNoCount() throws Exception {
        History.Options small = new History.Options(Duration.ofDays(90), 500, Duration.ofHours(1));
        int rounds = 40;
        int values = 300;
        try (History h = History.open(dir, small)) {
            java.util.concurrent.atomic.AtomicInteger flushes = new java.util.concurrent.atomic.AtomicInteger();
            Repeating flusher = new Repeating(() -> {
                h.flush(); // writes outside the lock while recording goes on and background flushes run
                flushes.incrementAndGet();
            });
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < values; i++) {
                    h.record(DOMAIN, "v" + i + ".example", round, "s");
                    h.record(DOMAIN, "r" + round + "n" + i + ".example", round, "s");
                }
                assertThat(h.lookup(DOMAIN, "r" + round + "n" + (values - 1) + ".example")).isPresent();
            }
            flusher.stop();
            assertThat(flushes.get()).isPositive();
            assertThat(h.lookup(DOMAIN, "v7.example").orElseThrow().count()).isEqualTo(rounds);
        }
        try (History h = History.open(dir, small)) {
            Map<String, Seen> all = h.lookupAll(DOMAIN, IntStream.range(0, values).mapToObj(i -> "v" + i + ".example").toList());
            assertThat(all.values()).as("after reopening").hasSize(values).allSatisfy(seen -> {
                assertThat(seen.count()).isEqualTo(rounds);
                assertThat(seen.firstSeenMicros()).isZero();
                assertThat(seen.lastSeenMicros()).isEqualTo(rounds - 1);
            });
            assertThat(h.lookupAll(DOMAIN, IntStream.range(0, rounds * values)
                    .mapToObj(i -> "r" + i / values + "n" + i % values + ".example").toList())).hasSize(rounds * values);
        }
    }

    @Test
    void segmentsOfMixedSizes_stayBounded_andLoseNoCount() throws IOException {
        try (History h = History.open(dir)) {
            for (int round = 0; round < 60; round++) {
                int n = round % 2 == 0 ? 2_000 : 10;
                for (int i = 0; i < n; i++) {
                    h.record(DOMAIN, "v" + i + ".example", round, "s");
                }
                h.flush();
                assertThat(h.stats().segments()).isLessThanOrEqualTo(History.MAX_SEGMENTS);
            }
            assertThat(h.lookup(DOMAIN, "v5.example").orElseThrow().count()).isEqualTo(60);
            assertThat(h.lookup(DOMAIN, "v500.example").orElseThrow().count()).isEqualTo(30);
        }
    }

    @Test
    void aHuntThatFlushesAFewTimes_writesEachValueOnce() throws IOException {
        try (History h = History.open(dir)) {
            for (int round = 0; round < History.TIER - 1; round++) {
                for (int i = 0; i < 1_000; i++) {
                    h.record(DOMAIN, "r" + round + "v" + i + ".example", round, "s");
                }
                h.flush();
            }
            assertThat(h.stats().segments()).as("no merge before a tier is full").isEqualTo(History.TIER - 1);
            assertThat(h.lookup(DOMAIN, "r0v7.example")).isPresent();
        }
    }

    @Test
    void mergeInterruptedBeforeDeletingItsInputs_doesNotCountTwice() throws IOException {
        Path saved = Files.createDirectories(dir.resolve("saved"));
        Path store = dir.resolve("store");
        try (History h = History.open(store)) {
            h.record(DOMAIN, "twice.example", 1, "s");
            h.flush();
            copySegments(store, saved);
            h.record(DOMAIN, "twice.example", 2, "s");
            h.flush();
            for (int i = 2; i < History.TIER; i++) {
                h.record(DOMAIN, "other" + i + ".example", 3, "s");
                h.flush(); // the last one merges the tier of equal-sized segments
            }
            assertThat(h.stats().segments()).isEqualTo(1);
        }
        copySegments(saved, store); // as if the merge's input deletion never happened
        Files.writeString(store.resolve("000000000009-000000000009-0000.seg.tmp"), "half a segment");
        try (History h = History.open(store)) {
            assertThat(h.lookup(DOMAIN, "twice.example").orElseThrow().count()).isEqualTo(2);
            assertThat(h.stats().segments()).isEqualTo(1);
        }
        try (Stream<Path> files = Files.list(store)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(f -> f.endsWith(".tmp"));
        }
    }

    @Test
    void secondOpenOfTheSameDirectory_isRefused() throws IOException {
        try (History h = History.open(dir)) {
            assertThatThrownBy(() -> History.open(dir)).hasMessageContaining("already open");
            assertThat(h.stats().segments()).isZero();
        }
    }

    @Test
    void nonAsciiValues_areStoredAndFoundExactly() throws IOException {
        List<String> values = List.of("файл.exe", "naïve.txt", "\uD83D\uDE00.bin", "broken\uD800.bin", "plain.txt");
        try (History h = History.open(dir)) {
            for (String v : values) {
                h.record(ObservationType.FILE_NAME, v, 1, "s");
                h.record(ObservationType.FILE_NAME, v, 2, "s");
            }
            assertThat(h.lookupAll(ObservationType.FILE_NAME, values).values()).allSatisfy(s -> assertThat(s.count()).isEqualTo(2));
            h.flush();
            assertThat(h.lookupAll(ObservationType.FILE_NAME, values)).containsOnlyKeys(
                    "файл.exe", "naïve.txt", "\uD83D\uDE00.bin", "broken\uD800.bin", "plain.txt");
        }
    }

    @Test
    void aFlushOfMoreValuesThanOnePlacementWindow_writesEveryValueWithItsOwnFields() throws IOException {
        int n = (1 << MemTable.WINDOW_BITS) * 2 + 12_345; // three windows of key-order positions
        java.util.function.IntFunction<String> ipv4 = i -> "10." + (i >>> 16) + "." + ((i >>> 8) & 0xff) + "." + (i & 0xff);
        java.util.function.IntFunction<String> domain = i -> "h" + i + ".w" + (i % 11) + ".example";
        try (History h = History.open(dir, new History.Options(Duration.ofDays(90), 2 * n, Duration.ofHours(1)))) {
            for (int i = 0; i < n; i++) {
                ObservationType t = i % 4 == 0 ? DOMAIN : ObservationType.IPV4;
                String v = t == DOMAIN ? domain.apply(i) : ipv4.apply(i);
                h.record(t, v, 10L * i, "s" + (i % 3));
                if (i % 5 == 0) {
                    h.record(t, v, 10L * i + i % 7, "s" + (i % 3 + 1));
                }
            }
            h.flush();
            assertThat(h.stats().segments()).isEqualTo(1);
            List<String> addresses = new ArrayList<>();
            List<String> domains = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (i % 4 == 0 ? domains : addresses).add(i % 4 == 0 ? domain.apply(i) : ipv4.apply(i));
            }
            Map<String, Seen> found = new HashMap<>(h.lookupAll(ObservationType.IPV4, addresses));
            found.putAll(h.lookupAll(DOMAIN, domains));
            assertThat(found).hasSize(n);
            for (int i = 0; i < n; i++) {
                Seen seen = found.get(i % 4 == 0 ? domain.apply(i) : ipv4.apply(i));
                boolean twice = i % 5 == 0;
                assertThat(new long[] {seen.firstSeenMicros(), seen.lastSeenMicros(), seen.count()})
                        .as("value %d", i)
                        .containsExactly(10L * i, 10L * i + (twice ? i % 7 : 0), twice ? 2 : 1);
                assertThat(seen.sensors()).as("value %d", i).containsExactlyElementsOf(
                        twice && (i % 3 + 1) != i % 3 ? List.of("s" + (i % 3), "s" + (i % 3 + 1)) : List.of("s" + (i % 3)));
            }
        }
    }

    @Test
    void lookups_agreeWithAMapModel_overRandomRecordsAndFlushes() {
        ObservationType[] types = {ObservationType.DOMAIN, ObservationType.IPV4, ObservationType.SHA256};
        qt().withExamples(60).forAll(lists().of(integers().between(0, 10_000)).ofSizeBetween(0, 400)).checkAssert(ops -> {
            Map<String, long[]> model = new HashMap<>();
            Map<String, Set<String>> sensors = new HashMap<>();
            Path d = tempDir();
            try (History h = History.open(d, new History.Options(Duration.ofDays(90), 64, Duration.ofHours(1)))) {
                for (int op : ops) {
                    ObservationType t = types[op % 3];
                    String v = "v" + (op % 97) + ".example";
                    String s = "s" + (op % 5);
                    h.record(t, v, op, s);
                    long[] m = model.computeIfAbsent(t + " " + v, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0});
                    m[0] = Math.min(m[0], op);
                    m[1] = Math.max(m[1], op);
                    m[2]++;
                    sensors.computeIfAbsent(t + " " + v, k -> new LinkedHashSet<>()).add(s);
                    if (op % 53 == 0) {
                        h.flush();
                    }
                }
                for (ObservationType t : types) {
                    List<String> queries = new ArrayList<>();
                    for (int i = 0; i < 97; i++) {
                        queries.add("v" + i + ".example");
                    }
                    Map<String, Seen> found = h.lookupAll(t, queries);
                    for (String q : queries) {
                        long[] m = model.get(t + " " + q);
                        if (m == null) {
                            assertThat(found).doesNotContainKey(q);
                        } else {
                            Seen seen = found.get(q);
                            assertThat(new long[] {seen.firstSeenMicros(), seen.lastSeenMicros(), seen.count()}).containsExactly(m);
                            assertThat(seen.sensors()).containsExactlyInAnyOrderElementsOf(sensors.get(t + " " + q));
                        }
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private Path tempDir() {
        try {
            return Files.createTempDirectory(dir, "h");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copySegments(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".seg")).toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    /** Runs a step over and over on a thread of its own, beside a test's own work, until {@link #stop}. */
    private static final class Repeating {
        interface Step {
            void run() throws Exception;
        }

        private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        private final Thread thread;

        Repeating(Step step) {
            thread = Thread.ofPlatform().start(() -> {
                try {
                    while (!done.get()) {
                        step.run();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
        }

        /** Stops the loop, waits for it, and fails the test with what the step threw, if anything. */
        void stop() throws InterruptedException {
            done.set(true);
            thread.join();
            assertThat(failure.get()).isNull();
        }
    }
}
