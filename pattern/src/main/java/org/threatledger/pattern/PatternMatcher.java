package org.threatledger.pattern;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates one {@link CompiledPattern} over a stream of records, incrementally (STIX 2.1 §9.3:
 * {@code AND}, {@code OR}, {@code FOLLOWEDBY}, {@code WITHIN}, {@code REPEATS}, {@code START/STOP}).
 * Not thread-safe: one matcher per thread or per partition of the stream.
 *
 * <p>Semantics: {@link #offer} returns a match when the record completes one, that is when some
 * set of records offered so far satisfies the pattern and includes this record; each completing
 * record reports again (a flood of matching records gives one match each, for the sighting layer
 * to aggregate). Observation operators need distinct records; {@code FOLLOWEDBY} allows equal
 * times (the right side's records are no earlier than the left side's last); {@code WITHIN n
 * SECONDS} needs all records of its operand within n seconds of each other, inclusive;
 * {@code REPEATS n TIMES} needs n disjoint sets of records; {@code START/STOP} is
 * {@code start <= time < stop}.
 *
 * <p>State is kept per sensor: records of different sensors never combine. Memory is bounded: per
 * sensor and leaf at most {@link #LEAF_CAP} records (the oldest is dropped first), and none older
 * than the leaf's window behind the newest time of that sensor when an enclosing {@code WITHIN}
 * bounds every match the leaf takes part in (see {@link CompiledPattern}). Records should arrive
 * roughly in time order per sensor; a late record is placed in time order, but records already
 * dropped as too old are gone. A single-observation pattern keeps no state at all.
 */
public final class PatternMatcher {
    /** Records kept per sensor and leaf; beyond it the oldest go. */
    public static final int LEAF_CAP = 1_000;
    /** Record bindings one search may try before it gives up on the record. */
    static final long SEARCH_BUDGET = 100_000;

    private final CompiledPattern pattern;
    private final Map<String, SensorState> sensors = new HashMap<>();
    private long sequence;
    private long abandoned;

    PatternMatcher(CompiledPattern pattern) {
        this.pattern = pattern;
    }

    /** Offers the next record; returns the match it completes, if any. */
    public Optional<Match> offer(Observed record) {
        if (pattern.isSingleObservation()) {
            return pattern.matches(record) ? Optional.of(Match.of(record.sensor(), List.of(record))) : Optional.empty();
        }
        long time = record.timeMicros();
        SensorState state = sensors.get(record.sensor());
        if (state != null) {
            state.advance(time, pattern);
        }
        SensorState.Seen seen = null;
        List<Step.Leaf> leaves = pattern.leaves();
        for (int i = 0; i < leaves.size(); i++) {
            if (!pattern.admits(i, time) || (state != null && !state.fresh(i, time, pattern))
                    || !leaves.get(i).condition().holds(record)) {
                continue;
            }
            if (state == null) {
                state = new SensorState(leaves.size());
                state.advance(time, pattern);
                sensors.put(record.sensor(), state);
            }
            if (seen == null) {
                seen = new SensorState.Seen(record, time, sequence++);
            }
            state.add(i, seen, LEAF_CAP);
        }
        if (seen == null) {
            return Optional.empty();
        }
        Search search = new Search(state, seen, SEARCH_BUDGET);
        List<Observed> records = search.run(pattern.root());
        if (search.exhausted()) {
            abandoned++;
        }
        return records == null ? Optional.empty() : Optional.of(Match.of(record.sensor(), records));
    }

    /** Records currently buffered over all sensors and leaves (a record in two leaves counts twice). */
    public int bufferedRecords() {
        return sensors.values().stream().mapToInt(SensorState::size).sum();
    }

    /** Searches that gave up for lack of budget, so may have missed a match. */
    public long abandonedSearches() {
        return abandoned;
    }
}
