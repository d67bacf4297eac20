package org.threatledger.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import org.threatledger.stix.StixType.Targets;
import org.threatledger.stix.StixType.Value;

/**
 * The rules one type's table entry implies (required properties, value types, reference targets,
 * open vocabularies, hashes, numeric ranges) and the few that the spec states in prose per type.
 */
final class PropertyRules {
    /** Numeric bounds stated by the spec; the names mean the same thing on every type that has them. */
    private static final Map<String, long[]> RANGES = Map.of(
            "number_observed", new long[] {1, 999_999_999}, "count", new long[] {0, 999_999_999},
            "src_port", new long[] {0, 65_535}, "dst_port", new long[] {0, 65_535},
            "size", new long[] {0, Long.MAX_VALUE}, "latitude", new long[] {-90, 90},
            "longitude", new long[] {-180, 180}, "precision", new long[] {0, Long.MAX_VALUE});

    private PropertyRules() {}

    static void check(StixObject o, StixType type, Findings f) {
        for (String p : type.required()) {
            if (!o.has(p)) {
                f.missing(p);
            }
        }
        for (Set<String> group : type.requiredOneOf()) {
            if (group.stream().noneMatch(o::has)) {
                f.error(null, null, "needs at least one of " + group.stream().sorted().toList());
            }
        }
        for (Map.Entry<String, Value> e : type.properties().entrySet()) {
            JsonNode v = o.get(e.getKey());
            if (v != null) {
                checkValue(e.getKey(), v, e.getValue(), f);
            }
        }
        checkReferences(o, type.references(), f);
        checkVocabularies(o, type.vocabularies(), f);
    }

    static void checkValue(String property, JsonNode v, Value value, Findings f) {
        if (value == Value.HASHES) {
            Hashes.check(property, v, f);
            return;
        }
        JsonValues.mismatch(v, value).ifPresentOrElse(
                problem -> f.error(property, v, problem),
                () -> checkRange(property, v, f));
    }

    private static void checkRange(String property, JsonNode v, Findings f) {
        long[] range = RANGES.get(property);
        if (range != null && v.isNumber() && !JsonValues.inRange(v, range[0], range[1])) {
            f.error(property, v, range[1] == Long.MAX_VALUE ? "must not be less than " + range[0]
                    : "must be from " + range[0] + " to " + range[1]);
        }
    }

    /** Each id's type part must be one the property allows (well-formedness is the type check's job). */
    static void checkReferences(StixObject o, Map<String, Targets> references, Findings f) {
        for (Map.Entry<String, Targets> e : references.entrySet()) {
            JsonNode v = o.get(e.getKey());
            if (v == null) {
                continue;
            }
            if (v.isTextual()) {
                checkTarget(e.getKey(), v, e.getValue(), f);
            } else if (v.isArray()) {
                for (JsonNode item : v) {
                    if (item.isTextual()) {
                        checkTarget(e.getKey(), item, e.getValue(), f);
                    }
                }
            }
        }
    }

    private static void checkTarget(String property, JsonNode id, Targets targets, Findings f) {
        String text = id.asText();
        if (Ids.isValid(text) && !targets.allows(Ids.typeOf(text))) {
            f.error(property, id, "must point at " + targets.describe() + ", not " + Ids.typeOf(text));
        }
    }

    private static void checkVocabularies(StixObject o, Map<String, Set<String>> vocabularies, Findings f) {
        for (Map.Entry<String, Set<String>> e : vocabularies.entrySet()) {
            JsonNode v = o.get(e.getKey());
            if (v == null) {
                continue;
            }
            if (v.isTextual()) {
                checkTerm(e.getKey(), v, e.getValue(), f);
            } else if (v.isArray()) {
                for (JsonNode item : v) {
                    if (item.isTextual()) {
                        checkTerm(e.getKey(), item, e.getValue(), f);
                    }
                }
            }
        }
    }

    private static void checkTerm(String property, JsonNode term, Set<String> vocabulary, Findings f) {
        if (!vocabulary.contains(term.asText())) {
            f.warn(property, term, "not a value of the open vocabulary for " + property);
        }
    }
}
