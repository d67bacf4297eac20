package org.threatledger.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parses 10,000 distinct, realistic patterns and prints the rate (no timing assertion: the build
 * machine is shared). The rate is in {@code target/surefire-reports/*ParseSpeedTest-output.txt};
 * run it alone with {@code ./mvnw -pl pattern -am verify -Dtest=ParseSpeedTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ParseSpeedTest {

    static List<String> distinctPatterns(int count, int seed) {
        List<String> patterns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = seed * count + i;
            patterns.add(switch (i % 5) {
                case 0 -> "[domain-name:value = 'host" + n + ".example.com']";
                case 1 -> "[file:hashes.'SHA-256' = '" + "%064x".formatted(n) + "']";
                case 2 -> "[network-traffic:dst_ref.value = '198.51." + (n % 256) + "." + (n / 256 % 256)
                        + "' AND network-traffic:dst_port = " + (n % 65536) + "]";
                case 3 -> "[url:value = 'http://x" + n + ".example/a' OR domain-name:value = 'x" + n + ".example']";
                default -> "([file:name = 'f" + n + ".exe'] FOLLOWEDBY [process:command_line MATCHES '^.+ -k "
                        + n + "$']) WITHIN 300 SECONDS";
            });
        }
        return patterns;
    }

    @Test
    void tenThousandDistinctPatterns_parse_andTheRateIsPrinted() {
        for (int warmUp = 1; warmUp <= 5; warmUp++) {
            distinctPatterns(10_000, warmUp).forEach(PatternParser::parse); // JIT warm-up on other patterns
        }
        List<String> patterns = distinctPatterns(10_000, 0);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        int parsed = 0;
        for (String pattern : patterns) {
            PatternParser.parse(pattern);
            parsed++;
        }
        long nanos = System.nanoTime() - start;
        long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
        // CPU time is the fairer figure on a shared build machine; wall time is printed too.
        System.out.printf("parsed %,d distinct patterns: %.1f ms wall (%,.0f patterns/s), %.1f ms CPU (%,.0f patterns/s)%n",
                parsed, nanos / 1e6, parsed / (nanos / 1e9), cpuNanos / 1e6, parsed / (cpuNanos / 1e9));
        assertThat(parsed).isEqualTo(10_000);
    }
}
