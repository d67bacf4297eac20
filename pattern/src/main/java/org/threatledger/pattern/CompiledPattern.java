package org.threatledger.pattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link Pattern} compiled for evaluation (STIX 2.1 §9): regexes (RE2/J, linear time), LIKE
 * matchers, CIDR blocks, NFC strings and typed constants are prepared once, here.
 *
 * <p>{@link #matches(Observed)} says whether one record alone satisfies the pattern, without any
 * state; for a single-observation pattern ({@link #isSingleObservation()}) that is the whole
 * answer. Patterns over several records ({@code AND}, {@code FOLLOWEDBY}, {@code REPEATS n > 1})
 * are evaluated over a stream by a {@link PatternMatcher} from {@link #newMatcher()}.
 *
 * <p>Per leaf ({@code [...]}) this also works out how long its records can still take part in a
 * match: the smallest {@code WITHIN} that encloses the leaf and is reached from the top of the
 * pattern through {@code OR} and qualifiers only (then every record of any match that uses the
 * leaf lies in that window, including the newest one); and the {@code START/STOP} interval a
 * record must fall in to be of any use to the leaf.
 */
public final class CompiledPattern {
    private final Pattern pattern;
    private final Step root;
    private final List<Step.Leaf> leaves;
    private final long[] horizon;
    private final long[] admitFrom;
    private final long[] admitUntil;
    private final boolean single;

    private CompiledPattern(Pattern pattern) {
        this.pattern = pattern;
        List<Step.Leaf> numbered = new ArrayList<>();
        this.root = Step.compile(pattern.expression(), numbered);
        this.leaves = List.copyOf(numbered);
        this.horizon = new long[leaves.size()];
        this.admitFrom = new long[leaves.size()];
        this.admitUntil = new long[leaves.size()];
        Arrays.fill(horizon, Long.MAX_VALUE);
        Arrays.fill(admitFrom, Long.MIN_VALUE);
        Arrays.fill(admitUntil, Long.MAX_VALUE);
        limits(root, true, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
        this.single = single(root);
    }

    /** Compiles {@code pattern}; fails with IllegalArgumentException on an operand the evaluator cannot use. */
    public static CompiledPattern compile(Pattern pattern) {
        return new CompiledPattern(Objects.requireNonNull(pattern, "pattern"));
    }

    /** Parses and compiles {@code text} (see {@link PatternParser#parse}). */
    public static CompiledPattern parse(String text) {
        return compile(PatternParser.parse(text));
    }

    /** The pattern this was compiled from. */
    public Pattern pattern() {
        return pattern;
    }

    /** True when one record decides a match, so {@link #matches} needs no stream state. */
    public boolean isSingleObservation() {
        return single;
    }

    /** True when {@code record} alone satisfies the whole pattern (stateless). */
    public boolean matches(Observed record) {
        return alone(root, record);
    }

    /** A fresh stream matcher with empty per-sensor state. */
    public PatternMatcher newMatcher() {
        return new PatternMatcher(this);
    }

    /**
     * The anchors a stream matcher must be fed by: the union of every {@code [...]}'s anchors, so
     * that every record that can take part in a match reaches the matcher. ({@link Anchors#of}
     * gives the most selective side of an {@code AND}: enough to find candidates, not to feed state.)
     */
    public Set<Anchor> streamAnchors() {
        Set<Anchor> all = new LinkedHashSet<>();
        collectObservations(pattern.expression(), all);
        Set<String> everyRecordOfType = new HashSet<>();
        all.stream().filter(a -> a instanceof Anchor.TypeOnly).forEach(a -> everyRecordOfType.add(a.objectType()));
        all.removeIf(a -> !(a instanceof Anchor.TypeOnly) && everyRecordOfType.contains(a.objectType()));
        return Collections.unmodifiableSet(all);
    }

    List<Step.Leaf> leaves() {
        return leaves;
    }

    Step root() {
        return root;
    }

    /** Microseconds a leaf's record stays useful behind the newest time, or Long.MAX_VALUE. */
    long horizon(int leaf) {
        return horizon[leaf];
    }

    /** Whether a record at {@code time} can ever be bound to {@code leaf} (its START/STOP). */
    boolean admits(int leaf, long time) {
        return time >= admitFrom[leaf] && time < admitUntil[leaf];
    }

    private void limits(Step step, boolean topScope, long window, long from, long until) {
        switch (step) {
            case Step.Leaf leaf -> {
                horizon[leaf.index()] = window;
                admitFrom[leaf.index()] = from;
                admitUntil[leaf.index()] = until;
            }
            case Step.AnyOf any -> Arrays.stream(any.parts()).forEach(p -> limits(p, topScope, window, from, until));
            case Step.AllOf all -> Arrays.stream(all.parts()).forEach(p -> limits(p, false, window, from, until));
            case Step.Sequence seq -> Arrays.stream(seq.parts()).forEach(p -> limits(p, false, window, from, until));
            case Step.Repeat repeat -> limits(repeat.inner(), false, window, from, until);
            case Step.Within within ->
                    limits(within.inner(), topScope, topScope ? Math.min(window, within.micros()) : window, from, until);
            case Step.During during ->
                    limits(during.inner(), topScope, window, Math.max(from, during.start()), Math.min(until, during.stop()));
        }
    }

    private static boolean single(Step step) {
        return switch (step) {
            case Step.Leaf leaf -> true;
            case Step.AnyOf any -> Arrays.stream(any.parts()).allMatch(CompiledPattern::single);
            case Step.AllOf all -> false;
            case Step.Sequence seq -> false;
            case Step.Repeat repeat -> repeat.times() == 1 && single(repeat.inner());
            case Step.Within within -> single(within.inner());
            case Step.During during -> single(during.inner());
        };
    }

    /** One record: AND and FOLLOWEDBY need distinct records, so one record never satisfies them. */
    private static boolean alone(Step step, Observed record) {
        return switch (step) {
            case Step.Leaf leaf -> leaf.condition().holds(record);
            case Step.AnyOf any -> Arrays.stream(any.parts()).anyMatch(p -> alone(p, record));
            case Step.AllOf all -> false;
            case Step.Sequence seq -> false;
            case Step.Repeat repeat -> repeat.times() == 1 && alone(repeat.inner(), record);
            case Step.Within within -> alone(within.inner(), record);
            case Step.During during -> record.timeMicros() >= during.start() && record.timeMicros() < during.stop()
                    && alone(during.inner(), record);
        };
    }

    private static void collectObservations(ObservationExpression expression, Set<Anchor> into) {
        switch (expression) {
            case ObservationExpression.Observation o -> into.addAll(Anchors.of(new Pattern(o)));
            case ObservationExpression.And and -> and.operands().forEach(e -> collectObservations(e, into));
            case ObservationExpression.Or or -> or.operands().forEach(e -> collectObservations(e, into));
            case ObservationExpression.FollowedBy f -> f.operands().forEach(e -> collectObservations(e, into));
            case ObservationExpression.Qualified q -> collectObservations(q.expression(), into);
        }
    }

    @Override
    public String toString() {
        return pattern.toString();
    }
}
