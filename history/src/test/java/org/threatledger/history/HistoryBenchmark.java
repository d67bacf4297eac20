package org.threatledger.history;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.threatledger.match.ObservationType;

/**
 * Whole-store benchmark of the history (issue 3 §5: retro-hunt of 100k new indicators against 10M
 * distinct observed values in <= 1 s). Prints its figures; asserts nothing.
 *
 * <pre>
 * ./mvnw -B -q -pl history -am test-compile -Dmaven.test.skip.exec=true
 * java -Xmx3g -cp history/target/classes:history/target/test-classes:match/target/classes:pattern/target/classes:stix/target/classes \
 *     org.threatledger.history.HistoryBenchmark [distinct=10000000] [queries=100000] [dir]
 * java ... org.threatledger.history.HistoryBenchmark flush [values=2000000]
 * java ... org.threatledger.history.HistoryBenchmark batches [observations=6000000]
 * </pre>
 * The {@code batches} form times recording as a hunt does, in batches of 8,192 observations, three
 * quarters of them new values, into one table (no flush).
 * The {@code flush} form times only the write of one full in-memory table (sort, encode, write), the
 * step a hunt's history waits for once the table it records into is full.
 */
public final class HistoryBenchmark {
    private HistoryBenchmark() {}

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("flush")) {
            flushOnly(args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000);
            return;
        }
        if (args.length > 0 && args[0].equals("batches")) {
            recordBatches(args.length > 1 ? Integer.parseInt(args[1]) : 6_000_000);
            return;
        }
        int distinct = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("history-bench");
        try {
            recordRepeated(dir.resolve("hot"));
            build(dir.resolve("store"), distinct);
            retroHunt(dir.resolve("store"), distinct, queries);
        } finally {
            delete(dir);
        }
    }

    /** Domains like Zeek DNS queries: a host label under one of 50k registered names. */
    static String domain(long i) {
        return "h" + Long.toHexString(Keys.mix(i) & 0xffffffL) + (i % 97) + ".d" + (i % 50_000) + ".example";
    }

    private static void recordRepeated(Path dir) throws IOException {
        int pool = 1_000_000;
        String[] values = new String[pool];
        for (int i = 0; i < pool; i++) {
            values[i] = domain(i);
        }
        try (History h = History.open(dir, new History.Options(Duration.ofDays(90), 10_000_000, Duration.ofHours(1)))) {
            for (int i = 0; i < pool; i++) {
                h.record(ObservationType.DOMAIN, values[i], i, "sensor-1");
            }
            SplittableRandom random = new SplittableRandom(7);
            int n = 10_000_000;
            int[] skewed = new int[n];
            int[] uniform = new int[n];
            for (int i = 0; i < n; i++) {
                // DNS traffic is skewed: 90% of the lookups go to 1% of the names
                skewed[i] = random.nextInt(10) != 0 ? random.nextInt(pool / 100) : random.nextInt(pool);
                uniform[i] = random.nextInt(pool);
            }
            for (int round = 0; round < 2; round++) {
                Timer t = new Timer();
                for (int i = 0; i < n; i++) {
                    h.record(ObservationType.DOMAIN, values[skewed[i]], i, "sensor-1");
                }
                t.report("record repeated values, 1M in memory, 90% to 1% of them", n);
                t = new Timer();
                for (int i = 0; i < n; i++) {
                    h.record(ObservationType.DOMAIN, values[uniform[i]], i, "sensor-1");
                }
                t.report("record repeated values, 1M in memory, uniform", n);
            }
        }
    }

    private static void build(Path dir, int distinct) throws IOException {
        Timer t = new Timer();
        try (History h = History.open(dir)) {
            for (int i = 0; i < distinct; i++) {
                h.record(ObservationType.DOMAIN, domain(i), 1_700_000_000_000_000L + i, "sensor-" + (i % 3));
            }
            h.flush();
            t.report("build distinct values (record + flush + merges)", distinct);
            History.Stats s = h.stats();
            System.out.printf("  %d segments, %d values, %.1f MB on disk, %.1f bytes/value%n", s.segments(), s.storedValues(),
                    s.diskBytes() / 1e6, (double) s.diskBytes() / s.storedValues());
        }
    }

    /**
     * Fills a table with {@code values} distinct values as a DNS hunt makes them (queried names and
     * the IPv4 answers, half each, in arrival order) and times writing it as a segment, five times.
     */
    private static void flushOnly(int values) throws IOException {
        Path dir = Files.createTempDirectory("history-flush");
        try {
            MemTable table = new MemTable(values);
            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < values; i++) {
                String v = (i & 1) == 0 ? domain(i)
                        : (random.nextInt(223) + 1) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
                table.record((i & 1) == 0 ? ObservationType.DOMAIN : ObservationType.IPV4, v, 1_700_000_000_000_000L + i, i % 3);
            }
            for (int round = 0; round < 5; round++) {
                Path file = dir.resolve("flush-" + round);
                Timer t = new Timer();
                try (SegmentWriter w = new SegmentWriter(file, table.size(), false)) {
                    table.writeTo(w, id -> "sensor-" + id);
                    w.commit();
                }
                t.report("flush " + table.size() + " values (sort, encode, write)", table.size());
                Files.delete(file);
            }
        } finally {
            delete(dir);
        }
    }

    private static void recordBatches(int n) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        byte[][] all = new byte[n][];
        for (int i = 0; i < n; i++) {
            // a quarter repeat a value recorded earlier (skewed to recent ones), the rest are new
            long v = (i & 3) == 0 && i > 0 ? i - 1 - random.nextInt(Math.min(i, 100_000)) : i;
            all[i] = domain(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        for (int round = 0; round < 5; round++) {
            Path dir = Files.createTempDirectory("history-batches");
            try (History h = History.open(dir, new History.Options(Duration.ofDays(90), n + 1, Duration.ofHours(1)))) {
                ValueBatch batch = new ValueBatch(8192);
                Timer t = new Timer();
                for (int i = 0; i < n; i++) {
                    batch.addAscii(ObservationType.DOMAIN, all[i], 0, all[i].length, 1_700_000_000_000_000L + i, "sensor-1");
                    if (batch.isFull() || i == n - 1) {
                        h.recordAll(batch);
                        batch.clear();
                    }
                }
                t.report("record in batches of 8,192 (" + h.stats().unflushedValues() + " distinct)", n);
            } finally {
                delete(dir);
            }
        }
    }

    private static void retroHunt(Path dir, int distinct, int queries) throws IOException {
        long start = System.nanoTime();
        try (History h = History.open(dir)) {
            System.out.printf("open: %.1f ms%n", (System.nanoTime() - start) / 1e6);
            SplittableRandom random = new SplittableRandom(11);
            for (int round = 0; round < 3; round++) {
                List<String> indicators = new ArrayList<>(queries);
                for (int i = 0; i < queries; i++) {
                    // 1% of new indicators were seen before; the rest are new names
                    indicators.add(i % 100 == 0 ? domain(random.nextInt(distinct)) : "new" + random.nextInt() + ".bad.example");
                }
                Timer t = new Timer();
                Map<String, Seen> seen = h.lookupAll(ObservationType.DOMAIN, indicators);
                t.report("retro-hunt lookupAll, " + seen.size() + " seen", queries);
            }
            long t = System.nanoTime();
            int found = h.lookupSuffix("d123.example").size();
            System.out.printf("lookupSuffix d123.example: %d domains in %.1f ms%n", found, (System.nanoTime() - t) / 1e6);
        }
    }

    /** Wall and CPU time of this thread (the build machine is shared, so CPU time is the fairer figure). */
    private static final class Timer {
        private final long wall = System.nanoTime();
        private final long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();

        void report(String what, long n) {
            double w = (System.nanoTime() - wall) / 1e9;
            double c = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e9;
            System.out.printf("%s: %,d in %.3f s wall (%,.0f/s), %.3f s cpu (%,.0f/s)%n", what, n, w, n / w, c, n / c);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
