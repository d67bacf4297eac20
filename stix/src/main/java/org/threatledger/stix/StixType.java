package org.threatledger.stix;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one definition of a STIX object type that the codec, validator, store and exporters read
 * (STIX 2.1 §4-§7, checked against the OASIS JSON schemas).
 *
 * @param name          the {@code type} value
 * @param kind          SDO, SRO, SCO or meta object
 * @param required      properties the spec requires, besides the common ones of the kind
 * @param requiredOneOf groups of which at least one property must be present (e.g. file: hashes or name)
 * @param properties    the type's own properties (not the common ones) and their value types
 * @param references    reference properties and the objects each may point at
 * @param vocabularies  open-vocabulary properties and their suggested values (warnings only)
 * @param relationships suggested relationship types from this type, each with its suggested target types
 */
public record StixType(
        String name,
        Kind kind,
        Set<String> required,
        List<Set<String>> requiredOneOf,
        Map<String, Value> properties,
        Map<String, Targets> references,
        Map<String, Set<String>> vocabularies,
        Map<String, Set<String>> relationships) {

    /** The four kinds of top-level STIX object. */
    public enum Kind { SDO, SRO, SCO, META }

    /** The JSON value a property holds (STIX 2.1 §2: property types). */
    public enum Value {
        STRING, STRING_LIST, BOOLEAN, INTEGER, NUMBER, TIMESTAMP, IDENTIFIER, IDENTIFIER_LIST,
        HASHES, DICTIONARY, KILL_CHAIN_PHASES, OBJECT_LIST, BINARY, HEX;

        /** True for list types. */
        public boolean isList() {
            return this == STRING_LIST || this == IDENTIFIER_LIST || this == KILL_CHAIN_PHASES || this == OBJECT_LIST;
        }
    }

    /**
     * What a reference may point at, judged from the target id's type part: one of {@code types},
     * or any type of one of {@code kinds}. Custom (unregistered) types count as SDO and SCO alike,
     * since only their own extension definition says which they are.
     */
    public record Targets(Set<String> types, Set<Kind> kinds) {
        /** Any object at all. */
        public static final Targets ANY = new Targets(Set.of(), Set.of(Kind.SDO, Kind.SRO, Kind.SCO, Kind.META));

        /** Exactly these types. */
        public static Targets of(String... types) {
            return new Targets(Set.of(types), Set.of());
        }

        /** Any type of these kinds. */
        public static Targets kinds(Kind... kinds) {
            return new Targets(Set.of(), Set.of(kinds));
        }

        /** True when an id of type {@code type} may be referenced here. */
        public boolean allows(String type) {
            if (types.contains(type)) {
                return true;
            }
            if (StixTypes.find(type).isEmpty()) {
                return kinds.contains(Kind.SDO) || kinds.contains(Kind.SCO);
            }
            return kinds.contains(StixTypes.kindOf(type));
        }

        /** Human wording, e.g. "identity or location", "any SDO or SCO". */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            types.stream().sorted().forEach(t -> sb.append(sb.isEmpty() ? "" : " or ").append(t));
            kinds.stream().sorted().forEach(k -> sb.append(sb.isEmpty() ? "any " : " or any ").append(k));
            return sb.toString();
        }
    }
}
