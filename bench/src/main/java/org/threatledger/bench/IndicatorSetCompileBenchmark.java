package org.threatledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.threatledger.match.IndicatorSet;
import org.threatledger.stix.IocEntry;

/**
 * Time to compile an IndicatorSet (target: 1M indicators in <= 1.5 s): 1M domains, or the issue's
 * mix of 1M domains + 100k CIDRs + 1M SHA-256 hashes.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar -f 1 -wi 2 -i 3 IndicatorSetCompileBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class IndicatorSetCompileBenchmark {
    @Param({"domains", "mixed"})
    String intel;

    private List<IocEntry> entries;

    @Setup(Level.Trial)
    public void setUp() {
        entries = new ArrayList<>(IndicatorData.domains(1_000_000, 42));
        if (intel.equals("mixed")) {
            entries.addAll(IndicatorData.cidrs(100_000, 43));
            entries.addAll(IndicatorData.hashes(1_000_000, 44));
        }
    }

    @Benchmark
    public IndicatorSet compile() {
        return IndicatorSet.compile(entries, List.of());
    }
}
