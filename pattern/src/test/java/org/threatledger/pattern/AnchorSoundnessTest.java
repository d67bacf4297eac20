package org.threatledger.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The anchor guarantee, checked against a small reference evaluator: whenever a random pattern
 * matches a random set of observations, at least one anchor hits one of those observations.
 * Equality, IN and ISSUBSET are evaluated exactly (as facts); every other comparison is decided by
 * an arbitrary oracle that can only be true for an observation of the path's type, which is all
 * the matcher may assume about them.
 */
class AnchorSoundnessTest {

    /** One observation: the object types it has and the comparison facts that hold on it. */
    private record Observation(Set<String> types, Set<String> facts) {}

    @Test
    void wheneverAPatternMatches_someAnchorHitsAMatchingObservation() {
        AtomicInteger matched = new AtomicInteger();
        qt().withExamples(2000).forAll(RandomPatterns.patterns(), longs().all()).checkAssert((pattern, seed) -> {
            List<Observation> observations = observationsFor(pattern, new Random(seed));
            if (matches(pattern.expression(), observations)) {
                matched.incrementAndGet();
                assertThat(Anchors.of(pattern).stream().anyMatch(a -> observations.stream().anyMatch(o -> hits(a, o))))
                        .as(pattern.toString()).isTrue();
            }
        });
        assertThat(matched.get()).as("patterns that matched their observations").isGreaterThan(100);
    }

    private static List<Observation> observationsFor(Pattern pattern, Random random) {
        List<ComparisonExpression> comparisons = new ArrayList<>();
        collect(pattern.expression(), comparisons);
        List<Observation> observations = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            Observation o = new Observation(new HashSet<>(), new HashSet<>());
            for (ComparisonExpression c : comparisons) {
                if (random.nextInt(4) != 0) {
                    makeTrue(c, o, random);
                }
            }
            observations.add(o);
        }
        return observations;
    }

    private static void makeTrue(ComparisonExpression c, Observation o, Random random) {
        switch (c) {
            case ComparisonExpression.Exists e -> {
                o.types().add(e.path().objectType());
                o.facts().add("oracle " + e);
            }
            case ComparisonExpression.Comparison cmp -> {
                o.types().add(cmp.path().objectType());
                if (cmp.value() instanceof Literal.SetLiteral set && !cmp.negated()) {
                    if (!set.elements().isEmpty()) {
                        o.facts().add(equality(cmp.path(), set.elements().get(random.nextInt(set.elements().size()))));
                    }
                } else {
                    o.facts().add(fact(cmp));
                }
            }
            default -> throw new IllegalStateException("only leaves are collected");
        }
    }

    private static void collect(ObservationExpression e, List<ComparisonExpression> into) {
        switch (e) {
            case ObservationExpression.Observation o -> collect(o.comparison(), into);
            case ObservationExpression.And a -> a.operands().forEach(x -> collect(x, into));
            case ObservationExpression.Or o -> o.operands().forEach(x -> collect(x, into));
            case ObservationExpression.FollowedBy f -> f.operands().forEach(x -> collect(x, into));
            case ObservationExpression.Qualified q -> collect(q.expression(), into);
        }
    }

    private static void collect(ComparisonExpression e, List<ComparisonExpression> into) {
        switch (e) {
            case ComparisonExpression.And a -> a.operands().forEach(x -> collect(x, into));
            case ComparisonExpression.Or o -> o.operands().forEach(x -> collect(x, into));
            default -> into.add(e);
        }
    }

    private static boolean matches(ObservationExpression e, List<Observation> observations) {
        return switch (e) {
            case ObservationExpression.Observation o -> observations.stream().anyMatch(x -> holds(o.comparison(), x));
            case ObservationExpression.And a -> a.operands().stream().allMatch(x -> matches(x, observations));
            case ObservationExpression.FollowedBy f -> f.operands().stream().allMatch(x -> matches(x, observations));
            case ObservationExpression.Or o -> o.operands().stream().anyMatch(x -> matches(x, observations));
            case ObservationExpression.Qualified q -> matches(q.expression(), observations);
        };
    }

    private static boolean holds(ComparisonExpression e, Observation o) {
        return switch (e) {
            case ComparisonExpression.And a -> a.operands().stream().allMatch(x -> holds(x, o));
            case ComparisonExpression.Or or -> or.operands().stream().anyMatch(x -> holds(x, o));
            case ComparisonExpression.Exists x -> o.types().contains(x.path().objectType()) && o.facts().contains("oracle " + x);
            case ComparisonExpression.Comparison c -> {
                if (c.value() instanceof Literal.SetLiteral set && !c.negated()) {
                    yield set.elements().stream().anyMatch(v -> o.facts().contains(equality(c.path(), v)));
                }
                yield o.types().contains(c.path().objectType()) && o.facts().contains(fact(c));
            }
        };
    }

    private static boolean hits(Anchor anchor, Observation o) {
        return switch (anchor) {
            case Anchor.Equality eq -> o.facts().contains(equality(eq.path(), eq.value()));
            case Anchor.Subnet s -> o.facts().contains(s.path() + " ISSUBSET " + new Literal.StringLiteral(s.cidr()));
            case Anchor.TypeOnly t -> o.types().contains(t.objectType());
        };
    }

    /** Exact facts for the operators anchors use; an oracle fact for every other comparison. */
    private static String fact(ComparisonExpression.Comparison c) {
        if (!c.negated() && c.operator() == Operator.EQUAL) {
            return equality(c.path(), c.value());
        }
        if (!c.negated() && c.operator() == Operator.IS_SUBSET) {
            return c.path() + " ISSUBSET " + c.value();
        }
        return "oracle " + c;
    }

    private static String equality(ObjectPath path, Literal value) {
        return path + " = " + value;
    }
}
