package org.threatledger.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * The stream matcher agrees with a brute-force reference on random patterns over short streams:
 * the reference computes every binding of every subexpression as a set of record indexes (the
 * way the OASIS reference matcher does), and record k completes a match iff some binding of the
 * whole pattern over records 0..k contains k.
 */
class StreamPropertyTest {

    record Case(String pattern, List<MapObserved> records) {}

    @Test
    void streamMatcher_agreesWithBruteForceBindings() {
        AtomicInteger matches = new AtomicInteger();
        AtomicInteger offers = new AtomicInteger();
        qt().withExamples(3_000).forAll(cases()).checkAssert(c -> {
            Pattern pattern = PatternParser.parse(c.pattern());
            PatternMatcher matcher = CompiledPattern.compile(pattern).newMatcher();
            for (int k = 0; k < c.records().size(); k++) {
                boolean expected = completes(pattern.expression(), c.records(), k);
                assertThat(matcher.offer(c.records().get(k)).isPresent())
                        .as("record %d of %s for %s", k, c.records(), c.pattern()).isEqualTo(expected);
                offers.incrementAndGet();
                matches.addAndGet(expected ? 1 : 0);
            }
        });
        assertThat(matches.get()).as("matches of %d offers", offers.get())
                .isBetween(offers.get() / 20, offers.get() * 19 / 20);
    }

    @Test
    void everySpecExample_compiles_andAFreshMatcherAgreesWithTheStatelessAnswer() throws IOException {
        MapObserved record = MapObserved.at(0).with("file:name", "foo.dll");
        for (String text : SpecExamplesTest.examples()) {
            CompiledPattern compiled = CompiledPattern.parse(text);
            assertThat(compiled.newMatcher().offer(record).isPresent()).as(text).isEqualTo(compiled.matches(record));
        }
    }

    @Test
    void anyValidPattern_compilesAndEvaluatesWithoutError() {
        MapObserved record = MapObserved.at(5).with("file:value", "x").with("domain-name:value", "x");
        qt().withExamples(300).forAll(RandomPatterns.patterns()).checkAssert(pattern -> {
            PatternMatcher matcher = CompiledPattern.compile(pattern).newMatcher();
            for (int i = 0; i < 3; i++) {
                matcher.offer(record.sensor("s" + i % 2));
            }
            assertThat(matcher.bufferedRecords()).isLessThanOrEqualTo(3 * CompiledPattern.compile(pattern).leaves().size());
        });
    }

    private static Gen<Case> cases() {
        return in -> {
            List<MapObserved> records = new ArrayList<>();
            long time = 0;
            for (int i = between(in, 2, 7); i > 0; i--) {
                time += between(in, 0, 4);
                records.add(MapObserved.at(time).with("x-t:v", (long) between(in, 1, 3)));
            }
            return new Case(expression(in, 3), records);
        };
    }

    private static int between(RandomnessSource in, int min, int max) {
        return (int) in.next(Constraint.between(min, max));
    }

    private static String expression(RandomnessSource in, int depth) {
        int kind = depth == 0 ? 0 : between(in, 0, 7);
        return switch (kind) {
            case 0, 1 -> "[x-t:v = " + between(in, 1, 3) + "]";
            case 2 -> "(" + expression(in, depth - 1) + " AND " + expression(in, depth - 1) + ")";
            case 3 -> "(" + expression(in, depth - 1) + " OR " + expression(in, depth - 1) + ")";
            case 4 -> "(" + expression(in, depth - 1) + " FOLLOWEDBY " + expression(in, depth - 1) + ")";
            case 5 -> "(" + expression(in, depth - 1) + ") WITHIN " + between(in, 1, 8) + " SECONDS";
            case 6 -> "(" + expression(in, depth - 1) + ") REPEATS " + between(in, 1, 3) + " TIMES";
            default -> "(" + expression(in, depth - 1) + ") START t'" + Instant.ofEpochSecond(between(in, 0, 6))
                    + "' STOP t'" + Instant.ofEpochSecond(between(in, 7, 14)) + "'";
        };
    }

    private static boolean completes(ObservationExpression expression, List<MapObserved> records, int k) {
        return bindings(expression, records.subList(0, k + 1)).stream().anyMatch(mask -> (mask & (1 << k)) != 0);
    }

    /** Every binding (a bit set of record indexes) of {@code expression} over {@code records}. */
    private static Set<Integer> bindings(ObservationExpression expression, List<MapObserved> records) {
        Set<Integer> result = new HashSet<>();
        switch (expression) {
            case ObservationExpression.Observation o -> {
                CompiledPattern leaf = CompiledPattern.compile(new Pattern(o));
                for (int i = 0; i < records.size(); i++) {
                    if (leaf.matches(records.get(i))) {
                        result.add(1 << i);
                    }
                }
            }
            case ObservationExpression.Or or -> or.operands().forEach(e -> result.addAll(bindings(e, records)));
            case ObservationExpression.And and -> result.addAll(fold(and.operands(), records, false));
            case ObservationExpression.FollowedBy f -> result.addAll(fold(f.operands(), records, true));
            case ObservationExpression.Qualified q -> {
                Set<Integer> inner = bindings(q.expression(), records);
                switch (q.qualifier()) {
                    case Qualifier.Within w -> inner.stream().filter(m -> BigDecimal.valueOf(
                            max(m, records) - min(m, records)).compareTo(w.seconds().movePointRight(6)) <= 0).forEach(result::add);
                    case Qualifier.StartStop s -> inner.stream().filter(m -> min(m, records) >= s.start().toEpochMilli() * 1000
                            && max(m, records) < s.stop().toEpochMilli() * 1000).forEach(result::add);
                    case Qualifier.Repeats r -> {
                        Set<Integer> level = inner;
                        for (int n = 1; n < r.times(); n++) {
                            Set<Integer> next = new HashSet<>();
                            for (int a : level) {
                                for (int b : inner) {
                                    if ((a & b) == 0) {
                                        next.add(a | b);
                                    }
                                }
                            }
                            level = next;
                        }
                        result.addAll(level);
                    }
                }
            }
        }
        return result;
    }

    private static Set<Integer> fold(List<ObservationExpression> operands, List<MapObserved> records, boolean ordered) {
        Set<Integer> left = bindings(operands.getFirst(), records);
        for (ObservationExpression operand : operands.subList(1, operands.size())) {
            Set<Integer> right = bindings(operand, records);
            Set<Integer> joined = new HashSet<>();
            for (int a : left) {
                for (int b : right) {
                    if ((a & b) == 0 && (!ordered || max(a, records) <= min(b, records))) {
                        joined.add(a | b);
                    }
                }
            }
            left = joined;
        }
        return left;
    }

    private static long min(int mask, List<MapObserved> records) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < records.size(); i++) {
            if ((mask & (1 << i)) != 0) {
                min = Math.min(min, records.get(i).timeMicros());
            }
        }
        return min;
    }

    private static long max(int mask, List<MapObserved> records) {
        long max = Long.MIN_VALUE;
        for (int i = 0; i < records.size(); i++) {
            if ((mask & (1 << i)) != 0) {
                max = Math.max(max, records.get(i).timeMicros());
            }
        }
        return max;
    }
}
