package org.threatledger.exports;

import java.util.List;
import org.threatledger.stix.Tlp;

/**
 * What the user asked to export.
 *
 * @param actor         only what is attributed to this actor (name, alias or external id), or null
 * @param minConfidence drop indicators whose STIX {@code confidence} is below this (0: keep all);
 *                      values with no confidence (every list entry) are dropped when it is above 0
 * @param maxTlp        the most restrictive TLP that may be written, as for a partner; RED is refused
 * @param types         for {@code stix21}: only these STIX types (empty: all)
 */
public record ExportOptions(String actor, int minConfidence, Tlp maxTlp, List<String> types) {
    public ExportOptions {
        if (maxTlp == null) {
            maxTlp = Tlp.AMBER;
        }
        if (maxTlp == Tlp.RED) {
            throw new ExportException("TLP:RED never leaves this instance: --max-tlp can be at most amber+strict");
        }
        if (minConfidence < 0 || minConfidence > 100) {
            throw new ExportException("--min-confidence must be between 0 and 100, got " + minConfidence);
        }
        types = types == null ? List.of() : List.copyOf(types);
    }

    /** Everything up to AMBER, no actor, no confidence floor. */
    public static ExportOptions defaults() {
        return new ExportOptions(null, 0, Tlp.AMBER, List.of());
    }

    /** True when an object of this TLP may be written. */
    public boolean allows(Tlp tlp) {
        return !tlp.isMoreRestrictiveThan(maxTlp);
    }
}
