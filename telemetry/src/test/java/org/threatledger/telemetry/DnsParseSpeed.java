package org.threatledger.telemetry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Parse-only throughput of a Zeek dns.log TSV, end to end through {@link TelemetryReader}
 * (read, split, decode, normalise), handing values on as a hunt takes them (a {@link ValueSink}
 * that needs no records). Not a test.
 * <pre>
 * python3 ../shared/tools/perf/gen_dns_log.py /tmp/dns-2m.log --lines 2000000
 * ./mvnw -B -q -pl telemetry -am test-compile
 * java -XX:+UseSerialGC -cp telemetry/target/test-classes:telemetry/target/classes:(match, pattern, stix
 *      classes, jackson-core, antlr4-runtime, re2j) org.threatledger.telemetry.DnsParseSpeed /tmp/dns-2m.log 5
 * </pre>
 * Prints wall-clock and process-CPU rates; on a shared machine the CPU rate is the per-core figure.
 * <pre>
 * </pre>
 */
public final class DnsParseSpeed {
    private DnsParseSpeed() {}

    /** CPU time of the whole process (all threads: parser, GC, JIT): the honest cost on a shared machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/dns-2m.log");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long bytes = Files.size(file);
        for (int round = 1; round <= rounds; round++) {
            LongAdder sink = new LongAdder();
            // values as a hunt takes them: as bytes where the reader can hand them on so
            ValueSink values = new ValueSink() {
                @Override
                public void accept(org.threatledger.match.Observation o) {
                    sink.add(o.value().length());
                }

                @Override
                public void acceptAscii(org.threatledger.match.ObservationType type, byte[] b, int from, int to,
                        org.threatledger.match.Where where, RecordSink record) {
                    sink.add(to - from);
                }
            };
            long start = System.nanoTime();
            long cpu0 = processCpuNanos();
            List<FileStats> stats = new TelemetryReader(TelemetryOptions.defaults()).recordsWanted(() -> false)
                    .read(List.of(file.toString()), values);
            double secs = (System.nanoTime() - start) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            FileStats s = stats.getFirst();
            System.out.printf("round %d: %,d lines, %,d observations, %d errors in %.2f s wall (%,.0f lines/s, %.0f MB/s),"
                    + " %.2f s process CPU (%,.0f lines per CPU-second)%n",
                    round, s.lines(), s.observations(), s.errorCount(), secs, s.lines() / secs, bytes / secs / 1e6,
                    cpu, s.lines() / cpu);
        }
    }
}
