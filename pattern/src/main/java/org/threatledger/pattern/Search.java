package org.threatledger.pattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds one binding of buffered records to the leaves of a pattern that satisfies it and uses the
 * newest record (the {@code target}): matches without it were reported when their own last record
 * arrived.
 *
 * <p>Design: depth-first backtracking in continuation-passing style. Each step binds its records
 * and then calls "the rest of the pattern"; qualifiers push frames that constrain every record
 * bound beneath them ({@code WITHIN}: spread of times; {@code START/STOP}: interval;
 * {@code FOLLOWEDBY}: not before the previous part's last record). Before trying a leaf's records
 * the frames are folded into a time interval, so a leaf buffer (sorted by time) is scanned newest
 * first and the scan stops at the first record that is too old. Records are distinct across the
 * whole binding (STIX 2.1 §9.3: observation operators combine different observations). For
 * {@code REPEATS n} the repetitions are taken in strictly decreasing order of their newest record,
 * which visits each set of n repetitions once instead of n! times.
 *
 * <p>Cost: bounded by {@code budget} record bindings per search; when it runs out the search gives
 * up on this record ({@link #exhausted()}), which only pathological patterns over dense streams do.
 */
final class Search {
    private static final int WINDOW = 0;
    private static final int FLOOR = 1;
    private static final int DURING = 2;
    private static final int SPAN = 3;
    private static final int SEQ_BELOW = 4;

    /** "The rest of the pattern", run once the current step has bound its records. */
    private interface Then {
        boolean run();
    }

    private static final class Frame {
        final int kind;
        final long a;
        final long b;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long maxSeq = Long.MIN_VALUE;

        Frame(int kind, long a, long b) {
            this.kind = kind;
            this.a = a;
            this.b = b;
        }
    }

    private final SensorState state;
    private final SensorState.Seen target;
    private final List<Frame> frames = new ArrayList<>();
    private final List<SensorState.Seen> bound = new ArrayList<>();
    private final Set<SensorState.Seen> used = new HashSet<>();
    private long[] undo = new long[48];
    private int undoTop;
    private long budget;
    private boolean exhausted;
    private List<Observed> found;

    Search(SensorState state, SensorState.Seen target, long budget) {
        this.state = state;
        this.target = target;
        this.budget = budget;
    }

    /** The records of a binding that uses the target, in binding order, or null. */
    List<Observed> run(Step root) {
        if (!feasible(root)) {
            return null;
        }
        solve(root, () -> {
            if (!used.contains(target)) {
                return false;
            }
            found = bound.stream().map(s -> s.record).toList();
            return true;
        });
        return found;
    }

    /** True when the search gave up for lack of budget. */
    boolean exhausted() {
        return exhausted;
    }

    /** A cheap necessary condition: enough buffered records for every part that must be bound. */
    private boolean feasible(Step step) {
        return switch (step) {
            case Step.Leaf leaf -> !state.leaf(leaf.index()).isEmpty();
            case Step.AnyOf any -> Arrays.stream(any.parts()).anyMatch(this::feasible);
            case Step.AllOf all -> Arrays.stream(all.parts()).allMatch(this::feasible);
            case Step.Sequence seq -> Arrays.stream(seq.parts()).allMatch(this::feasible);
            case Step.Within within -> feasible(within.inner());
            case Step.During during -> feasible(during.inner());
            case Step.Repeat repeat -> repeat.inner() instanceof Step.Leaf leaf
                    ? state.leaf(leaf.index()).size() >= repeat.times() : feasible(repeat.inner());
        };
    }

    private boolean solve(Step step, Then then) {
        return switch (step) {
            case Step.Leaf leaf -> leaf(leaf, then);
            case Step.AnyOf any -> any(any.parts(), then);
            case Step.AllOf all -> all(all.parts(), 0, then);
            case Step.Sequence seq -> sequence(seq.parts(), 0, Long.MIN_VALUE, then);
            case Step.Within within -> scoped(new Frame(WINDOW, within.micros(), 0), within.inner(), then);
            case Step.During during -> scoped(new Frame(DURING, during.start(), during.stop()), during.inner(), then);
            case Step.Repeat repeat -> repeat(repeat, 0, Long.MAX_VALUE, then);
        };
    }

    private boolean any(Step[] parts, Then then) {
        for (Step part : parts) {
            if (solve(part, then) || exhausted) {
                return !exhausted;
            }
        }
        return false;
    }

    private boolean all(Step[] parts, int i, Then then) {
        return i == parts.length ? then.run() : solve(parts[i], () -> all(parts, i + 1, then));
    }

    /** Part i may not start before {@code floor}, the newest time bound by part i - 1. */
    private boolean sequence(Step[] parts, int i, long floor, Then then) {
        if (i == parts.length) {
            return then.run();
        }
        Frame notBefore = new Frame(FLOOR, floor, 0);
        Frame span = new Frame(SPAN, 0, 0);
        return scoped(List.of(notBefore, span), parts[i], () -> sequence(parts, i + 1, span.max, then));
    }

    private boolean repeat(Step.Repeat repeat, int done, long seqBelow, Then then) {
        if (done == repeat.times()) {
            return then.run();
        }
        Frame span = new Frame(SPAN, 0, 0);
        List<Frame> pushed = repeat.inner() instanceof Step.Leaf
                ? List.of(span, new Frame(SEQ_BELOW, seqBelow, 0)) // one record per repetition: prune early
                : List.of(span);
        return scoped(pushed, repeat.inner(),
                () -> span.maxSeq < seqBelow && repeat(repeat, done + 1, span.maxSeq, then));
    }

    private boolean scoped(Frame frame, Step inner, Then then) {
        return scoped(List.of(frame), inner, then);
    }

    /** Solves {@code inner} under {@code pushed}; the frames are lifted while the rest of the pattern runs. */
    private boolean scoped(List<Frame> pushed, Step inner, Then then) {
        frames.addAll(pushed);
        boolean ok = solve(inner, () -> {
            removeLast(pushed.size());
            try {
                return then.run();
            } finally {
                frames.addAll(pushed);
            }
        });
        removeLast(pushed.size());
        return ok;
    }

    private void removeLast(int n) {
        frames.subList(frames.size() - n, frames.size()).clear();
    }

    private boolean leaf(Step.Leaf leaf, Then then) {
        long lo = Long.MIN_VALUE;
        long hi = Long.MAX_VALUE;
        long seqBelow = Long.MAX_VALUE;
        for (Frame f : frames) {
            switch (f.kind) {
                case WINDOW -> {
                    if (f.max != Long.MIN_VALUE) {
                        lo = Math.max(lo, saturatedMinus(f.max, f.a));
                        hi = Math.min(hi, saturatedPlus(f.min, f.a));
                    }
                }
                case FLOOR -> lo = Math.max(lo, f.a);
                case DURING -> {
                    lo = Math.max(lo, f.a);
                    hi = Math.min(hi, f.b - 1);
                }
                case SEQ_BELOW -> seqBelow = Math.min(seqBelow, f.a);
                default -> { } // SPAN only records
            }
        }
        List<SensorState.Seen> records = state.leaf(leaf.index());
        for (int i = records.size() - 1; i >= 0; i--) {
            SensorState.Seen seen = records.get(i);
            if (seen.time < lo) {
                break; // sorted by time: every older record is out of range too
            }
            if (seen.time > hi || seen.seq >= seqBelow || used.contains(seen)) {
                continue;
            }
            if (--budget < 0) {
                exhausted = true;
                return false;
            }
            bind(seen);
            boolean ok = then.run();
            unbind(seen);
            if (ok || exhausted) {
                return ok;
            }
        }
        return false;
    }

    private void bind(SensorState.Seen seen) {
        used.add(seen);
        bound.add(seen);
        for (Frame f : frames) {
            if (f.kind == WINDOW || f.kind == SPAN) {
                push(f.min);
                push(f.max);
                push(f.maxSeq);
                f.min = Math.min(f.min, seen.time);
                f.max = Math.max(f.max, seen.time);
                f.maxSeq = Math.max(f.maxSeq, seen.seq);
            }
        }
    }

    /** Restores the frames in reverse order; the frame list is the same as at {@link #bind}. */
    private void unbind(SensorState.Seen seen) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            Frame f = frames.get(i);
            if (f.kind == WINDOW || f.kind == SPAN) {
                f.maxSeq = undo[--undoTop];
                f.max = undo[--undoTop];
                f.min = undo[--undoTop];
            }
        }
        bound.removeLast();
        used.remove(seen);
    }

    private void push(long value) {
        if (undoTop == undo.length) {
            undo = Arrays.copyOf(undo, undo.length * 2);
        }
        undo[undoTop++] = value;
    }

    private static long saturatedMinus(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
    }

    private static long saturatedPlus(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
