package org.threatledger.pattern;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled observation expression: the tree the stream search walks. Each {@link Leaf} (one
 * {@code [...]}) has its own number, record buffer and compiled {@link Condition}; times are
 * microseconds, like {@link Observed#timeMicros()}.
 */
sealed interface Step {

    /** {@code [...]}: one record satisfying the condition. */
    record Leaf(int index, Condition condition) implements Step {}

    /** Observation {@code AND}: every part, by distinct records. */
    record AllOf(Step[] parts) implements Step {}

    /** Observation {@code OR}: any one part. */
    record AnyOf(Step[] parts) implements Step {}

    /** {@code FOLLOWEDBY}: every part, by distinct records, each part's no earlier than the last of the one before. */
    record Sequence(Step[] parts) implements Step {}

    /** {@code WITHIN}: the records bound inside lie within this many microseconds of each other. */
    record Within(Step inner, long micros) implements Step {}

    /** {@code REPEATS}: the inner expression matched this many times by disjoint sets of records. */
    record Repeat(Step inner, int times) implements Step {}

    /** {@code START/STOP}: every record bound inside has {@code start <= time < stop}. */
    record During(Step inner, long start, long stop) implements Step {}

    /** Compiles {@code expression}, numbering the leaves into {@code leaves} in pattern order. */
    static Step compile(ObservationExpression expression, List<Leaf> leaves) {
        return switch (expression) {
            case ObservationExpression.Observation o -> {
                Leaf leaf = new Leaf(leaves.size(), Condition.of(o.comparison()));
                leaves.add(leaf);
                yield leaf;
            }
            case ObservationExpression.And and -> new AllOf(compile(and.operands(), leaves));
            case ObservationExpression.Or or -> new AnyOf(compile(or.operands(), leaves));
            case ObservationExpression.FollowedBy f -> new Sequence(compile(f.operands(), leaves));
            case ObservationExpression.Qualified q -> {
                Step inner = compile(q.expression(), leaves);
                yield switch (q.qualifier()) {
                    case Qualifier.Within w -> new Within(inner, micros(w.seconds()));
                    case Qualifier.Repeats r -> new Repeat(inner, r.times());
                    case Qualifier.StartStop s -> new During(inner, ceilMicros(s.start()), ceilMicros(s.stop()));
                };
            }
        };
    }

    private static Step[] compile(List<ObservationExpression> operands, List<Leaf> leaves) {
        List<Step> steps = new ArrayList<>();
        operands.forEach(o -> steps.add(compile(o, leaves)));
        return steps.toArray(Step[]::new);
    }

    /** A window of n seconds admits a difference d (whole microseconds) iff d <= floor(n * 10^6). */
    static long micros(BigDecimal seconds) {
        BigDecimal micros = seconds.movePointRight(6).setScale(0, RoundingMode.FLOOR);
        return micros.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    /** The first whole microsecond at or after {@code instant}. */
    static long ceilMicros(Instant instant) {
        long micros = Math.multiplyExact(instant.getEpochSecond(), 1_000_000L) + instant.getNano() / 1000;
        return instant.getNano() % 1000 == 0 ? micros : micros + 1;
    }
}
