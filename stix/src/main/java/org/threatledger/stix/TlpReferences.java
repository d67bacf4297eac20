package org.threatledger.stix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How TLP treats references (DESIGN.md "TLP 2.0"). The most restrictive marking on an object or on
 * anything it embeds wins, and a reference is not embedding: an object is judged on its own
 * markings, and what it points at is judged on its own. Only the reference itself must not tell
 * the receiver about an object the receiver may not have:
 * <ul>
 *   <li>{@code created_by_ref} is who wrote the object, not what it says: when the receiver may not
 *       have the creator identity, its copy simply has no {@code created_by_ref} (still valid STIX;
 *       an unmarked producer identity no longer hides everything it wrote);</li>
 *   <li>a sighting's {@code where_sighted_refs} entries the receiver may not have become one
 *       {@linkplain #ANONYMOUS_IDENTITY anonymous identity}, the redaction an agreement can also ask
 *       for on every sighting;</li>
 *   <li>marking definitions ({@code object_marking_refs}, granular markings) are the markings
 *       themselves and never withhold anything;</li>
 *   <li>every other reference ({@code source_ref}, {@code target_ref}, {@code sighting_of_ref},
 *       {@code observed_data_refs}, the {@code object_refs} of reports, notes and groupings, the
 *       refs of cyber observables) is what the object says: when the receiver may not have its
 *       target, the whole object is withheld.</li>
 * </ul>
 * One rule for everything that leaves: TAXII, the REST API, {@code export} and {@code sync push}.
 * It costs one {@code receivable} test per distinct reference; callers cache the answers.
 */
public final class TlpReferences {
    /** The identity every anonymised sighting points at (deterministic, so receivers can group on it). */
    public static final String ANONYMOUS_IDENTITY = Ids.derived("identity", "threatledger", "anonymous");
    private static final String MARKING = "marking-definition--";

    private TlpReferences() {
    }

    /**
     * The copy of {@code object} a receiver gets, or empty when it may not get it at all.
     *
     * @param receivable whether the receiver may have the object with this id (true for ids we do
     *                   not hold: we know nothing about them beyond the reference itself)
     */
    public static Optional<StixObject> share(StixObject object, Predicate<String> receivable) {
        StixObject out = object;
        String creator = object.text("created_by_ref").orElse(null);
        if (creator != null && !receivable.test(creator)) {
            out = out.with("created_by_ref", null);
        }
        if (object.type().equals("sighting") && object.has("where_sighted_refs")) {
            out = anonymise(out, receivable);
        }
        for (String ref : out.references()) {
            if (!ref.startsWith(MARKING) && !ref.equals(ANONYMOUS_IDENTITY) && !receivable.test(ref)) {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    private static StixObject anonymise(StixObject sighting, Predicate<String> receivable) {
        List<String> where = sighting.strings("where_sighted_refs");
        Set<String> kept = new LinkedHashSet<>();
        boolean hidden = false;
        for (String w : where) {
            boolean keep = w.equals(ANONYMOUS_IDENTITY) || receivable.test(w);
            kept.add(keep ? w : ANONYMOUS_IDENTITY);
            hidden |= !keep;
        }
        if (!hidden) {
            return sighting;
        }
        ArrayNode refs = StixJson.mapper().createArrayNode();
        kept.forEach(refs::add);
        return sighting.with("where_sighted_refs", refs);
    }
}
