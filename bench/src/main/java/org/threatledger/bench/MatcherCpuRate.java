package org.threatledger.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.threatledger.match.IndicatorSet;
import org.threatledger.match.Observation;
import org.threatledger.stix.IocEntry;

/**
 * The matcher's rate per second of CPU time of the matching thread, next to a plain
 * {@code HashSet<String>} with a substring parent walk: on a shared, loaded machine wall-clock
 * rates (JMH) mostly measure the neighbours, CPU time much less so. Also prints bytes per
 * indicator and the compile time.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.threatledger.bench.MatcherCpuRate [indicators]}
 */
public final class MatcherCpuRate {
    private MatcherCpuRate() {}

    public static void main(String[] args) {
        int indicators = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<IocEntry> entries = IndicatorData.domains(indicators, 42);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        IndicatorSet set = null;
        for (int i = 0; i < 3; i++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            set = IndicatorSet.compile(entries, List.of());
            System.out.printf("compile %,d domains: %.0f ms CPU, %.0f ms wall%n", indicators,
                    (cpu.getCurrentThreadCpuTime() - t0) / 1e6, (System.nanoTime() - w0) / 1e6);
        }
        System.out.printf("index: %.1f bytes per domain indicator%n", (double) set.indexBytes() / indicators);
        Observation[] queries = IndicatorData.queries(entries, 1 << 20, 0.001, 7);
        Set<String> plain = new HashSet<>();
        entries.forEach(e -> plain.add(e.value()));
        for (int round = 0; round < 5; round++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            long hits = 0;
            int n = 20_000_000;
            for (int i = 0; i < n; i++) {
                hits += set.lookup(queries[i & ((1 << 20) - 1)]).length;
            }
            double seconds = (cpu.getCurrentThreadCpuTime() - t0) / 1e9;
            long t1 = cpu.getCurrentThreadCpuTime();
            long plainHits = 0;
            for (int i = 0; i < n / 4; i++) {
                plainHits += plainLookup(plain, queries[i & ((1 << 20) - 1)].value());
            }
            double plainSeconds = (cpu.getCurrentThreadCpuTime() - t1) / 1e9;
            System.out.printf("IndicatorSet: %.2fM lookups per CPU-second (%d hits); HashSet+substring: %.2fM (%d)%n",
                    n / seconds / 1e6, hits, n / 4 / plainSeconds / 1e6, plainHits);
        }
    }

    private static int plainLookup(Set<String> set, String name) {
        int found = set.contains(name) ? 1 : 0;
        for (int dot = name.indexOf('.'); dot >= 0 && name.indexOf('.', dot + 1) >= 0; dot = name.indexOf('.', dot + 1)) {
            found += set.contains(name.substring(dot + 1)) ? 1 : 0;
        }
        return found;
    }
}
