package org.threatledger.match;

import java.util.ArrayList;
import java.util.List;

/**
 * An observation and the indicators it matched: ordinals of {@code set}, the snapshot it was
 * matched against (never empty, sorted, each once). Resolve them against that same set: after a
 * swap, another set's ordinals mean other indicators.
 */
public record Hit(Observation observation, IndicatorSet set, int[] indicators) {

    /** The matched indicators, resolved (allocates; call after the hot path). */
    public List<IndicatorRef> refs() {
        List<IndicatorRef> refs = new ArrayList<>(indicators.length);
        for (int ordinal : indicators) {
            refs.add(set.indicator(ordinal));
        }
        return refs;
    }
}
