package org.threatledger.pattern;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Issue 3 §5, "Pattern evaluation: 10k patterns with FOLLOWEDBY/WITHIN over 1M observations":
 * prints the rate. Not a test; run it by hand:
 *
 * <pre>
 * ./mvnw -B -q -pl pattern -am test-compile
 * ./mvnw -B -q -pl pattern dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp pattern/target/test-classes:pattern/target/classes:$(cat /tmp/cp.txt) \
 *     org.threatledger.pattern.PatternRateMain [patterns] [records] [relevant per mille]
 * </pre>
 *
 * <p>Data: 10k patterns {@code ([domain-name:value = 'dN'] FOLLOWEDBY [ipv4-addr:value = 'ipN'])
 * WITHIN 60 SECONDS} (every fifth with a third part, {@code FOLLOWEDBY [domain-name:value = 'cN']});
 * 1M records (domain or IPv4, 4 sensors, 1 ms apart), 0.1% of them relevant (or the given per mille): a pattern's first
 * part, followed a few relevant records later (1-5 s) by its next part, so most chains complete
 * and some do not. Records reach a pattern only through its anchors, indexed by value in a
 * HashMap, as the matcher's anchor index does ({@link CompiledPattern#streamAnchors()}: every
 * part, since a FOLLOWEDBY needs the records of both sides). Each record is built when it is
 * read, like a telemetry adapter does, so the rate includes building the record, the index
 * lookup and the evaluation.
 */
public final class PatternRateMain {
    private static final int SENSORS = 4;

    private PatternRateMain() {}

    public static void main(String[] args) throws Exception {
        int patternCount = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int recordCount = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        List<String> texts = patterns(patternCount);
        int relevantPerMille = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Stream stream = Stream.generate(patternCount, recordCount, relevantPerMille, new Random(42));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 3; round++) {
            long compileStart = System.nanoTime();
            Map<String, Map<String, List<PatternMatcher>>> index = index(texts);
            long compileNanos = System.nanoTime() - compileStart;
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long[] counts = run(stream, index);
            long nanos = System.nanoTime() - start;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("round %d: %,d patterns compiled and indexed in %.0f ms; %,d records (%.1f%% relevant) in %.0f ms"
                            + " = %,.0f records/s wall, %,.0f records per CPU-second; %,d offers to candidate patterns"
                            + " (%,.0f per CPU-second), %,d matches; load average %s%n",
                    round, patternCount, compileNanos / 1e6, recordCount, relevantPerMille / 10.0, nanos / 1e6,
                    recordCount / (nanos / 1e9), recordCount / cpuSeconds, counts[0], counts[0] / cpuSeconds, counts[1],
                    loadAverage());
        }
        System.out.printf("expected chains completed within the window: %,d; JVM %s, %d cpus%n",
                stream.expectedMatches, Runtime.version(), Runtime.getRuntime().availableProcessors());
    }

    private static List<String> patterns(int count) {
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String third = i % 5 == 0 ? " FOLLOWEDBY [domain-name:value = 'c" + i + ".example']" : "";
            texts.add("([domain-name:value = 'd" + i + ".example'] FOLLOWEDBY [ipv4-addr:value = '" + ip(i) + "']"
                    + third + ") WITHIN 60 SECONDS");
        }
        return texts;
    }

    private static String ip(int i) {
        return "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
    }

    /** object type -> anchor value -> matchers, the emulated anchor index. */
    private static Map<String, Map<String, List<PatternMatcher>>> index(List<String> texts) {
        Map<String, Map<String, List<PatternMatcher>>> index = new HashMap<>();
        for (String text : texts) {
            CompiledPattern pattern = CompiledPattern.parse(text);
            PatternMatcher matcher = pattern.newMatcher();
            for (Anchor anchor : pattern.streamAnchors()) {
                if (anchor instanceof Anchor.Equality e && e.value() instanceof Literal.StringLiteral s) {
                    index.computeIfAbsent(e.objectType(), t -> new HashMap<>())
                            .computeIfAbsent(s.value(), v -> new ArrayList<>(1)).add(matcher);
                } else {
                    throw new IllegalStateException("benchmark patterns have string equality anchors only: " + anchor);
                }
            }
        }
        return index;
    }

    /** Returns {offers, matches}. */
    private static long[] run(Stream stream, Map<String, Map<String, List<PatternMatcher>>> index) {
        long offers = 0;
        long matches = 0;
        String[] sensors = new String[SENSORS];
        for (int s = 0; s < SENSORS; s++) {
            sensors[s] = "sensor-" + s;
        }
        for (int i = 0; i < stream.size(); i++) {
            Record record = stream.record(i, sensors);
            Map<String, List<PatternMatcher>> byValue = index.get(record.type);
            List<PatternMatcher> candidates = byValue == null ? null : byValue.get(record.value);
            if (candidates == null) {
                continue;
            }
            for (PatternMatcher matcher : candidates) {
                offers++;
                if (matcher.offer(record).isPresent()) {
                    matches++;
                }
            }
        }
        return new long[] {offers, matches};
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** One telemetry record: a domain or an IPv4 address, seen by a sensor at a time. */
    record Record(String type, String value, long timeMicros, String sensor) implements Observed {
        @Override
        public List<Object> values(ObjectPath path) {
            return path.objectType().equals(type) && path.steps().size() == 1 && path.property().equals("value")
                    ? List.of(value) : List.of();
        }
    }

    /**
     * The records, stored compactly (value index, type, sensor) and built on read. Values below
     * {@code relevantBase} never hit; the relevant ones name a pattern's part.
     */
    private static final class Stream {
        private final String[] values;
        private final boolean[] isDomain;
        private final int[] valueOf;
        private final byte[] sensorOf;
        long expectedMatches;

        private Stream(int size, String[] values) {
            this.values = values;
            this.isDomain = new boolean[size];
            this.valueOf = new int[size];
            this.sensorOf = new byte[size];
        }

        static Stream generate(int patternCount, int size, int relevantPerMille, Random random) {
            int misses = 100_000;
            List<String> vocabulary = new ArrayList<>();
            for (int i = 0; i < misses; i++) {
                vocabulary.add(i % 2 == 0 ? "m" + i + ".example.net" : "172.16." + (i >> 8 & 0xff) + "." + (i & 0xff));
            }
            Map<String, Integer> ids = new HashMap<>();
            for (int i = 0; i < patternCount; i++) {
                for (String part : new String[] {"d" + i + ".example", ip(i), "c" + i + ".example"}) {
                    ids.put(part, vocabulary.size());
                    vocabulary.add(part);
                }
            }
            Stream stream = new Stream(size, vocabulary.toArray(String[]::new));
            ArrayDeque<int[]> pending = new ArrayDeque<>(); // {pattern, next part, due relevant slot, sensor}
            int relevantSlot = 0;
            for (int i = 0; i < size; i++) {
                if (random.nextInt(1000) >= relevantPerMille) {
                    int miss = random.nextInt(misses);
                    stream.set(i, miss % 2 == 0, miss, random.nextInt(SENSORS));
                    continue;
                }
                relevantSlot++;
                int[] next = pending.peekFirst();
                if (next != null && next[2] <= relevantSlot) {
                    pending.pollFirst();
                    int pattern = next[0];
                    int part = next[1];
                    String value = part == 1 ? ip(pattern) : "c" + pattern + ".example";
                    stream.set(i, part != 1, ids.get(value), next[3]);
                    boolean chainOfThree = pattern % 5 == 0;
                    if (part == 1 && chainOfThree) {
                        pending.addLast(new int[] {pattern, 2, relevantSlot + 1 + random.nextInt(3), next[3]});
                    } else {
                        stream.expectedMatches++; // may still fall outside the 60 s window, rarely
                    }
                    continue;
                }
                int pattern = random.nextInt(patternCount);
                int sensor = random.nextInt(SENSORS);
                stream.set(i, true, ids.get("d" + pattern + ".example"), sensor);
                pending.addLast(new int[] {pattern, 1, relevantSlot + 1 + random.nextInt(5), sensor});
            }
            return stream;
        }

        private void set(int i, boolean domain, int value, int sensor) {
            isDomain[i] = domain;
            valueOf[i] = value;
            sensorOf[i] = (byte) sensor;
        }

        int size() {
            return valueOf.length;
        }

        Record record(int i, String[] sensors) {
            return new Record(isDomain[i] ? "domain-name" : "ipv4-addr", values[valueOf[i]], i * 1_000L, sensors[sensorOf[i]]);
        }
    }
}
