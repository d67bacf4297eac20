package org.threatledger.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/** Order rules between two timestamps of one object, e.g. STIX 2.1 §3.2: modified >= created. */
final class Timeline {
    private Timeline() {}

    /**
     * Reports {@code later} when it is before {@code earlier} (or equal, when {@code strict}).
     * Malformed timestamps are left to the type check.
     */
    static void order(StixObject o, String earlier, String later, boolean strict, Findings f) {
        Optional<Instant> a = instant(o.get(earlier));
        Optional<Instant> b = instant(o.get(later));
        if (a.isEmpty() || b.isEmpty()) {
            return;
        }
        int cmp = b.get().compareTo(a.get());
        if (cmp < 0 || (strict && cmp == 0)) {
            f.error(later, o.get(later), "must be " + (strict ? "later than" : "the same as or later than")
                    + " " + earlier + " (" + o.get(earlier).asText() + ")");
        }
    }

    private static Optional<Instant> instant(JsonNode node) {
        return node != null && node.isTextual() ? Timestamps.tryParse(node.asText()) : Optional.empty();
    }
}
