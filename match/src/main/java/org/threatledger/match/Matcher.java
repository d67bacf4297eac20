package org.threatledger.match;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Matches observations against the current {@link IndicatorSet}, which can be swapped at any time
 * (DESIGN: swapped atomically when intel changes; never locked on the hot path). Each call reads
 * the (volatile) reference once, so every observation is matched entirely against one complete
 * snapshot, and a swap in the middle of a stream loses nothing: observations before it see the old
 * set, after it the new one.
 */
public final class Matcher {
    private final AtomicReference<IndicatorSet> current;

    /** A matcher starting with {@code initial}. */
    public Matcher(IndicatorSet initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** The set observations are matched against now. */
    public IndicatorSet current() {
        return current.get();
    }

    /** Makes {@code next} the set for every later observation; returns the one it replaces. */
    public IndicatorSet swap(IndicatorSet next) {
        return current.getAndSet(Objects.requireNonNull(next, "next"));
    }

    /** Passes a {@link Hit} to {@code hits} when the observation matches an indicator; allocates nothing on a miss. */
    public void match(Observation observation, Consumer<Hit> hits) {
        current.get().match(observation, hits);
    }
}
