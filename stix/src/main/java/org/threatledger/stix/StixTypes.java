package org.threatledger.stix;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registry of STIX 2.1 types (STIX 2.1 §4-§7). Unknown types are custom objects. */
public final class StixTypes {
    public static final Set<String> SDOS = Set.of(
            "attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident",
            "indicator", "infrastructure", "intrusion-set", "location", "malware", "malware-analysis",
            "note", "observed-data", "opinion", "report", "threat-actor", "tool", "vulnerability");
    public static final Set<String> SROS = Set.of("relationship", "sighting");
    public static final Set<String> SCOS = Set.of(
            "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message",
            "file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process",
            "software", "url", "user-account", "windows-registry-key", "x509-certificate");
    public static final Set<String> META = Set.of("marking-definition", "language-content", "extension-definition");

    /** Intrusion sets and threat actors: what an analyst calls an actor. */
    public static final Set<String> ACTOR_TYPES = Set.of("intrusion-set", "threat-actor");

    private static final Map<String, StixType> TYPES = new LinkedHashMap<>();
    private static final Map<String, StixType> VIEW = java.util.Collections.unmodifiableMap(TYPES);

    static {
        for (StixType t : StixTypeDefinitions.all()) {
            TYPES.put(t.name(), t);
        }
    }

    private StixTypes() {}

    /** The definition of a STIX 2.1 type; empty for custom types. */
    public static Optional<StixType> find(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    /** Every STIX 2.1 type by name: 19 SDOs, 2 SROs, 18 SCOs and 3 meta objects. */
    public static Map<String, StixType> all() {
        return VIEW;
    }

    /** The kind of a type; custom types count as SDOs. */
    public static StixType.Kind kindOf(String type) {
        StixType t = TYPES.get(type);
        if (t != null) {
            return t.kind();
        }
        if (SCOS.contains(type)) {
            return StixType.Kind.SCO;
        }
        if (SROS.contains(type)) {
            return StixType.Kind.SRO;
        }
        if (META.contains(type)) {
            return StixType.Kind.META;
        }
        return StixType.Kind.SDO;
    }

    /** True for intrusion-set and threat-actor. */
    public static boolean isActor(String type) {
        return ACTOR_TYPES.contains(type);
    }
}
