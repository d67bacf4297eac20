package org.threatledger.pattern;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Anchor extraction for the matcher (DESIGN: an indicator is looked up by its anchor, then
 * evaluated in full only on candidates).
 *
 * <p>Guarantee: any observation that takes part in a match of the pattern matches at least one
 * returned anchor, for every way the pattern can match. Rules: an OR (of observations or of
 * comparisons) needs the union of its sides; an AND or FOLLOWEDBY is satisfied only if every side
 * is, so the most selective side suffices; qualifiers only restrict matches, so they keep their
 * operand's anchors; a non-negated {@code =} or {@code IN} gives equality anchors, a non-negated
 * {@code ISSUBSET} a subnet anchor; anything else ({@code !=}, {@code LIKE}, {@code NOT ...},
 * {@code EXISTS}, ...) can only say the object type. A type-only anchor makes the value anchors on
 * the same type redundant, so they are dropped.
 */
public final class Anchors {
    private Anchors() {}

    /** The anchors of {@code pattern}, in pattern order; never empty. */
    public static Set<Anchor> of(Pattern pattern) {
        return Collections.unmodifiableSet(observation(pattern.expression()));
    }

    private static Set<Anchor> observation(ObservationExpression expression) {
        return switch (expression) {
            case ObservationExpression.Observation o -> comparison(o.comparison());
            case ObservationExpression.Or or -> union(or.operands().stream().map(Anchors::observation).toList());
            case ObservationExpression.And and -> mostSelective(and.operands().stream().map(Anchors::observation).toList());
            case ObservationExpression.FollowedBy f -> mostSelective(f.operands().stream().map(Anchors::observation).toList());
            case ObservationExpression.Qualified q -> observation(q.expression());
        };
    }

    private static Set<Anchor> comparison(ComparisonExpression expression) {
        return switch (expression) {
            case ComparisonExpression.Or or -> union(or.operands().stream().map(Anchors::comparison).toList());
            case ComparisonExpression.And and -> mostSelective(and.operands().stream().map(Anchors::comparison).toList());
            case ComparisonExpression.Exists e -> Set.of(new Anchor.TypeOnly(e.path().objectType()));
            case ComparisonExpression.Comparison c -> single(c);
        };
    }

    private static Set<Anchor> single(ComparisonExpression.Comparison c) {
        if (!c.negated()) {
            if (c.operator() == Operator.EQUAL) {
                return Set.of(new Anchor.Equality(c.path(), c.value()));
            }
            if (c.operator() == Operator.IN && c.value() instanceof Literal.SetLiteral set && !set.elements().isEmpty()) {
                return set.elements().stream().map(v -> (Anchor) new Anchor.Equality(c.path(), v))
                        .collect(Collectors.toCollection(LinkedHashSet::new));
            }
            if (c.operator() == Operator.IS_SUBSET && c.value() instanceof Literal.StringLiteral cidr) {
                return Set.of(new Anchor.Subnet(c.path(), cidr.value()));
            }
        }
        return Set.of(new Anchor.TypeOnly(c.path().objectType()));
    }

    private static Set<Anchor> union(List<Set<Anchor>> sides) {
        Set<Anchor> all = new LinkedHashSet<>();
        sides.forEach(all::addAll);
        Set<String> typeOnly = all.stream().filter(a -> a instanceof Anchor.TypeOnly)
                .map(Anchor::objectType).collect(Collectors.toSet());
        all.removeIf(a -> !(a instanceof Anchor.TypeOnly) && typeOnly.contains(a.objectType()));
        return all;
    }

    /** The side that sends the fewest observations to full evaluation; the first on a tie. */
    private static Set<Anchor> mostSelective(List<Set<Anchor>> sides) {
        Set<Anchor> best = sides.getFirst();
        for (Set<Anchor> side : sides) {
            if (cost(side) < cost(best)) {
                best = side;
            }
        }
        return best;
    }

    /** Type-only anchors cost far more than range lookups, which cost more than exact lookups. */
    private static long cost(Set<Anchor> anchors) {
        long cost = 0;
        for (Anchor anchor : anchors) {
            cost += switch (anchor) {
                case Anchor.TypeOnly t -> 1_000_000;
                case Anchor.Subnet s -> 1_000;
                case Anchor.Equality e -> 1;
            };
        }
        return cost;
    }
}
