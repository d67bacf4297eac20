package org.threatledger.bench;

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
import org.threatledger.match.Matcher;
import org.threatledger.match.Observation;
import org.threatledger.stix.IocEntry;

/**
 * Matcher lookups per second on one thread (target: >= 5M/s with 1M domain indicators), over
 * DNS queries of which 0.1% hit, skewed like real traffic (see {@link IndicatorData}). Setup prints
 * the index's bytes per indicator (target: <= 64).
 *
 * <p>Run: {@code ./mvnw -B -q -pl bench -am package -DskipTests &&
 * java -jar bench/target/benchmarks.jar -f 1 -wi 2 -i 3 MatcherBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class MatcherBenchmark {
    private static final int OBSERVATIONS = 1 << 20;

    @Param({"100000", "1000000"})
    int indicators;

    private Matcher matcher;
    private IndicatorSet set;
    private Observation[] queries;
    private int next;
    private long hits;

    @Setup(Level.Trial)
    public void setUp() {
        List<IocEntry> entries = IndicatorData.domains(indicators, 42);
        set = IndicatorSet.compile(entries, List.of());
        matcher = new Matcher(set);
        queries = IndicatorData.queries(entries, OBSERVATIONS, 0.001, 7);
        System.out.printf("%n%,d domain indicators: index %,d bytes = %.1f bytes per indicator%n",
                indicators, set.indexBytes(), (double) set.indexBytes() / indicators);
    }

    /** One lookup: ordinals of the matched indicators, the shared empty array on a miss. */
    @Benchmark
    public int lookup() {
        return set.lookup(queries[next++ & (OBSERVATIONS - 1)]).length;
    }

    /** One observation through the {@link Matcher}: volatile read of the current set, a Hit on a match. */
    @Benchmark
    public long match() {
        matcher.match(queries[next++ & (OBSERVATIONS - 1)], hit -> hits++);
        return hits;
    }
}
