package org.threatledger.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.threatledger.match.ObservationType;

/**
 * The cost of one flush of a hunt's history: a memory table of {@code n} distinct values in the mix
 * a dns.log gives (about four in five are IPv4 answers, the rest queried names and a few IPv6
 * answers) sorted by key ({@link KeySort#sorted}) and written as a segment ({@link MemTable#writeTo}).
 * Not a test.
 * <pre>
 * ./mvnw -B -q -pl history -am test-compile
 * java -cp history/target/test-classes:history/target/classes:match/target/classes \
 *      org.threatledger.history.FlushSpeed 2000000 6
 * </pre>
 * Prints, per round, the sort alone and the whole flush (sort included) in thread-CPU milliseconds.
 */
public final class FlushSpeed {
    private FlushSpeed() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        MemTable table = new MemTable(n);
        Random r = new Random(42);
        long micros = 1_700_000_000_000_000L;
        while (table.size() < n) {
            int pick = r.nextInt(100);
            String value;
            ObservationType type;
            if (pick < 80) {
                type = ObservationType.IPV4;
                value = r.nextInt(224) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            } else if (pick < 97) {
                type = ObservationType.DOMAIN;
                value = "host" + r.nextInt(1000) + "." + label(r) + "." + (r.nextBoolean() ? "com" : "net");
            } else {
                type = ObservationType.IPV6;
                value = "2001:db8:" + Integer.toHexString(r.nextInt(65536)) + "::"
                        + Integer.toHexString(r.nextInt(65536));
            }
            table.record(type, value, micros + r.nextInt(86_400_000), 0);
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Path dir = Files.createTempDirectory("flush-speed");
        for (int round = 1; round <= rounds; round++) {
            MemTable.SortKeys keys = table.sortKeys();
            long t0 = threads.getCurrentThreadCpuTime();
            int[] order = KeySort.sorted(keys.arena(), keys.off(), keys.len(), table.size()).keys();
            long t1 = threads.getCurrentThreadCpuTime();
            Path file = dir.resolve("s" + round);
            try (SegmentWriter w = new SegmentWriter(file, n, false)) {
                table.writeTo(w, id -> "bench");
                w.commit();
            }
            long t2 = threads.getCurrentThreadCpuTime();
            System.out.printf("round %d: sort %d ms, flush %d ms (%d values, first key #%d)%n", round,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, n, order[0]);
            Files.delete(file);
        }
        Files.delete(dir);
    }

    private static String label(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0, len = 4 + r.nextInt(10); i < len; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }
}
