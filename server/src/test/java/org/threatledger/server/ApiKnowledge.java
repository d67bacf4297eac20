package org.threatledger.server;

import java.time.Instant;
import java.util.List;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Provenance;

/**
 * A small knowledge base for the API tests: one actor per TLP, an indicator per TLP (the GREEN
 * one in two versions), an AMBER malware the GREEN actor uses (so the relationship itself, marked
 * GREEN, must not reach a GREEN partner), and sightings at GREEN and AMBER added in two imports.
 */
final class ApiKnowledge {
    static final Provenance SOURCE = new Provenance("api-test", "fixture", Instant.parse("2026-01-01T00:00:00Z"), null);

    static final String GREEN_ACTOR = Ids.derived("intrusion-set", "api", "green");
    static final String AMBER_ACTOR = Ids.derived("intrusion-set", "api", "amber");
    static final String RED_ACTOR = Ids.derived("intrusion-set", "api", "red");
    static final String GREEN_INDICATOR = Ids.derived("indicator", "api", "green");
    static final String AMBER_INDICATOR = Ids.derived("indicator", "api", "amber");
    static final String RED_INDICATOR = Ids.derived("indicator", "api", "red");
    static final String AMBER_MALWARE = Ids.derived("malware", "api", "amber");
    static final String USES_AMBER_MALWARE = Ids.derived("relationship", "api", "uses");
    static final String GREEN_INDICATES = Ids.derived("relationship", "api", "indicates");
    static final String OLD_SIGHTING = Ids.derived("sighting", "api", "old");
    static final String NEW_SIGHTING = Ids.derived("sighting", "api", "new");
    static final String AMBER_SIGHTING = Ids.derived("sighting", "api", "amber");

    /** Every id and name a GREEN partner must never receive. */
    static final List<String> SECRETS = List.of(AMBER_ACTOR, RED_ACTOR, AMBER_INDICATOR, RED_INDICATOR, AMBER_MALWARE,
            USES_AMBER_MALWARE, AMBER_SIGHTING, "Amberbear", "Redpanda", "Quietcobra", "amber-indicator", "red-indicator");

    private ApiKnowledge() {
    }

    static void load(KnowledgeStore store) {
        store.put(List.of(
                actor(GREEN_ACTOR, "Greenfox", "G9001", Tlp.GREEN),
                actor(AMBER_ACTOR, "Amberbear", "G9002", Tlp.AMBER),
                actor(RED_ACTOR, "Redpanda", "G9003", Tlp.RED),
                indicator(GREEN_INDICATOR, "green-indicator", "2024-01-01T00:00:00.000Z", Tlp.GREEN),
                indicator(AMBER_INDICATOR, "amber-indicator", "2024-01-01T00:00:00.000Z", Tlp.AMBER),
                indicator(RED_INDICATOR, "red-indicator", "2024-01-01T00:00:00.000Z", Tlp.RED),
                object("{\"type\":\"malware\",\"id\":\"" + AMBER_MALWARE + "\",\"name\":\"Quietcobra\","
                        + "\"description\":\"espionage implant\",\"is_family\":true", Tlp.AMBER),
                relationship(USES_AMBER_MALWARE, GREEN_ACTOR, "uses", AMBER_MALWARE),
                relationship(GREEN_INDICATES, GREEN_INDICATOR, "indicates", GREEN_ACTOR),
                sighting(OLD_SIGHTING, GREEN_INDICATOR, "2024-02-01T00:00:00.000Z", Tlp.GREEN)), SOURCE);
        store.put(List.of(
                indicator(GREEN_INDICATOR, "green-indicator", "2024-06-01T00:00:00.000Z", Tlp.GREEN),
                sighting(NEW_SIGHTING, GREEN_INDICATOR, "2024-03-01T00:00:00.000Z", Tlp.GREEN),
                sighting(AMBER_SIGHTING, AMBER_INDICATOR, "2024-04-01T00:00:00.000Z", Tlp.AMBER)), SOURCE);
    }

    private static StixObject actor(String id, String name, String attackId, Tlp tlp) {
        return object("{\"type\":\"intrusion-set\",\"id\":\"" + id + "\",\"name\":\"" + name + "\","
                + "\"aliases\":[\"" + name + " Team\"],\"description\":\"espionage group " + name + "\","
                + "\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\"" + attackId + "\"}]", tlp);
    }

    private static StixObject indicator(String id, String name, String modified, Tlp tlp) {
        return object("{\"type\":\"indicator\",\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"modified\":\"" + modified
                + "\",\"description\":\"espionage infrastructure\",\"pattern_type\":\"stix\","
                + "\"pattern\":\"[domain-name:value = '" + name + ".example']\",\"valid_from\":\"2024-01-01T00:00:00Z\"", tlp);
    }

    private static StixObject relationship(String id, String source, String type, String target) {
        return object("{\"type\":\"relationship\",\"id\":\"" + id + "\",\"relationship_type\":\"" + type + "\","
                + "\"source_ref\":\"" + source + "\",\"target_ref\":\"" + target + "\"", Tlp.GREEN);
    }

    private static StixObject sighting(String id, String of, String modified, Tlp tlp) {
        return object("{\"type\":\"sighting\",\"id\":\"" + id + "\",\"modified\":\"" + modified + "\","
                + "\"sighting_of_ref\":\"" + of + "\",\"count\":1", tlp);
    }

    /** Completes an object's JSON (from its opening brace, without the closing one) with the common properties. */
    private static StixObject object(String head, Tlp tlp) {
        String common = ",\"spec_version\":\"2.1\",\"created\":\"2024-01-01T00:00:00.000Z\""
                + (head.contains("\"modified\"") ? "" : ",\"modified\":\"2024-01-01T00:00:00.000Z\"")
                + ",\"object_marking_refs\":[\"" + tlp.markingId() + "\"]}";
        return StixObject.parse(head + common);
    }
}
