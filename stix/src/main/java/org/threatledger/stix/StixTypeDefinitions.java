package org.threatledger.stix;

import static org.threatledger.stix.StixType.Kind.SDO;
import static org.threatledger.stix.StixType.Kind.SRO;
import static org.threatledger.stix.StixType.Value.DICTIONARY;
import static org.threatledger.stix.StixType.Value.KILL_CHAIN_PHASES;
import static org.threatledger.stix.StixType.Value.NUMBER;
import static org.threatledger.stix.StixType.Value.STRING;
import static org.threatledger.stix.StixType.Value.STRING_LIST;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.threatledger.stix.StixType.Kind;
import org.threatledger.stix.StixType.Targets;

/**
 * The table behind {@link StixTypes}: the 19 SDOs and 2 SROs of STIX 2.1 §4-§5 (observables and
 * meta objects are in {@link ObservableDefinitions}). Required properties, property types and
 * references are transcribed from the OASIS JSON schemas (cti-stix2-json-schemas, stix2.1);
 * suggested relationships from the relationship tables of each SDO section of the spec.
 */
final class StixTypeDefinitions {
    /** Where a relationship may point: SDOs and SCOs, never SROs or meta objects (schema relationship.json). */
    static final Targets SDO_OR_SCO = Targets.kinds(Kind.SDO, Kind.SCO);

    private StixTypeDefinitions() {}

    static List<StixType> all() {
        List<StixType> out = new ArrayList<>(sdos());
        out.add(relationship());
        out.add(sighting());
        out.addAll(ObservableDefinitions.scos());
        out.addAll(ObservableDefinitions.meta());
        return out;
    }

    private static TypeBuilder sdo(String name) {
        return TypeBuilder.of(name, SDO);
    }

    private static List<StixType> sdos() {
        return List.of(
                sdo("attack-pattern").required("name").text("name", "description").texts("aliases")
                        .props(KILL_CHAIN_PHASES, "kill_chain_phases")
                        .rel("delivers", "malware").rel("targets", "identity", "location", "vulnerability")
                        .rel("uses", "malware", "tool").build(),
                sdo("campaign").required("name").text("name", "description", "objective").texts("aliases")
                        .times("first_seen", "last_seen")
                        .rel("attributed-to", "intrusion-set", "threat-actor").rel("compromises", "infrastructure")
                        .rel("originates-from", "location").rel("targets", "identity", "location", "vulnerability")
                        .rel("uses", "attack-pattern", "infrastructure", "malware", "tool").build(),
                sdo("course-of-action").required("name").text("name", "description")
                        .rel("investigates", "indicator")
                        .rel("mitigates", "attack-pattern", "indicator", "malware", "tool", "vulnerability")
                        .rel("remediates", "malware", "vulnerability").build(),
                sdo("grouping").required("context", "object_refs").text("name", "description")
                        .vocab("context", STRING, Vocabularies.GROUPING_CONTEXT).ref("object_refs", Targets.ANY).build(),
                sdo("identity").required("name").text("name", "description", "contact_information").texts("roles")
                        .vocab("identity_class", STRING, Vocabularies.IDENTITY_CLASS)
                        .vocab("sectors", STRING_LIST, Vocabularies.INDUSTRY_SECTOR)
                        .rel("located-at", "location").build(),
                sdo("incident").required("name").text("name", "description")
                        .props(KILL_CHAIN_PHASES, "kill_chain_phases").build(),
                indicator(),
                infrastructure(),
                sdo("intrusion-set").required("name").text("name", "description").texts("aliases", "goals")
                        .times("first_seen", "last_seen")
                        .vocab("resource_level", STRING, Vocabularies.ATTACK_RESOURCE_LEVEL)
                        .vocab("primary_motivation", STRING, Vocabularies.ATTACK_MOTIVATION)
                        .vocab("secondary_motivations", STRING_LIST, Vocabularies.ATTACK_MOTIVATION)
                        .rel("attributed-to", "threat-actor").rel("compromises", "infrastructure")
                        .rel("hosts", "infrastructure").rel("owns", "infrastructure")
                        .rel("originates-from", "location").rel("targets", "identity", "location", "vulnerability")
                        .rel("uses", "attack-pattern", "infrastructure", "malware", "tool").build(),
                sdo("location").oneOf("region", "country", "latitude")
                        .text("name", "description", "country", "administrative_area", "city", "street_address", "postal_code")
                        .props(NUMBER, "latitude", "longitude", "precision")
                        .vocab("region", STRING, Vocabularies.REGION).build(),
                malware(),
                malwareAnalysis(),
                sdo("note").required("content", "object_refs").text("abstract", "content").texts("authors")
                        .ref("object_refs", Targets.ANY).build(),
                sdo("observed-data").required("first_observed", "last_observed", "number_observed")
                        .oneOf("objects", "object_refs").times("first_observed", "last_observed").ints("number_observed")
                        .props(DICTIONARY, "objects").ref("object_refs", Targets.kinds(Kind.SCO, Kind.SRO)).build(),
                sdo("opinion").required("opinion", "object_refs").text("explanation", "opinion").texts("authors")
                        .ref("object_refs", Targets.ANY).build(),
                sdo("report").required("name", "published", "object_refs").text("name", "description")
                        .times("published").vocab("report_types", STRING_LIST, Vocabularies.REPORT_TYPE)
                        .ref("object_refs", Targets.ANY).build(),
                threatActor(),
                sdo("tool").required("name").text("name", "description", "tool_version").texts("aliases")
                        .vocab("tool_types", STRING_LIST, Vocabularies.TOOL_TYPE)
                        .props(KILL_CHAIN_PHASES, "kill_chain_phases")
                        .rel("delivers", "malware").rel("drops", "malware").rel("has", "vulnerability")
                        .rel("targets", "identity", "infrastructure", "location", "vulnerability")
                        .rel("uses", "infrastructure").build(),
                sdo("vulnerability").required("name").text("name", "description").build());
    }

    private static StixType indicator() {
        return sdo("indicator").required("pattern", "pattern_type", "valid_from")
                .text("name", "description", "pattern", "pattern_version")
                .vocab("indicator_types", STRING_LIST, Vocabularies.INDICATOR_TYPE)
                .vocab("pattern_type", STRING, Vocabularies.PATTERN_TYPE)
                .times("valid_from", "valid_until").props(KILL_CHAIN_PHASES, "kill_chain_phases")
                .rel("indicates", "attack-pattern", "campaign", "infrastructure", "intrusion-set", "malware",
                        "threat-actor", "tool")
                .rel("based-on", "observed-data").build();
    }

    private static StixType infrastructure() {
        String[] consistsOf = Stream.concat(Stream.of("infrastructure", "observed-data"), StixTypes.SCOS.stream())
                .toArray(String[]::new);
        return sdo("infrastructure").required("name").text("name", "description").texts("aliases")
                .vocab("infrastructure_types", STRING_LIST, Vocabularies.INFRASTRUCTURE_TYPE)
                .props(KILL_CHAIN_PHASES, "kill_chain_phases").times("first_seen", "last_seen")
                .rel("communicates-with", "infrastructure", "ipv4-addr", "ipv6-addr", "domain-name", "url")
                .rel("consists-of", consistsOf).rel("controls", "infrastructure", "malware")
                .rel("delivers", "malware").rel("has", "vulnerability").rel("hosts", "tool", "malware")
                .rel("located-at", "location").rel("uses", "infrastructure").build();
    }

    private static StixType malware() {
        return sdo("malware").required("is_family").text("name", "description").texts("aliases")
                .flags("is_family").times("first_seen", "last_seen")
                .vocab("malware_types", STRING_LIST, Vocabularies.MALWARE_TYPE)
                .vocab("architecture_execution_envs", STRING_LIST, Vocabularies.PROCESSOR_ARCHITECTURE)
                .vocab("implementation_languages", STRING_LIST, Vocabularies.IMPLEMENTATION_LANGUAGE)
                .vocab("capabilities", STRING_LIST, Vocabularies.MALWARE_CAPABILITIES)
                .props(KILL_CHAIN_PHASES, "kill_chain_phases")
                .ref("operating_system_refs", "software").ref("sample_refs", "file", "artifact")
                .rel("authored-by", "threat-actor", "intrusion-set").rel("beacons-to", "infrastructure")
                .rel("exfiltrates-to", "infrastructure")
                .rel("communicates-with", "ipv4-addr", "ipv6-addr", "domain-name", "url")
                .rel("controls", "malware").rel("downloads", "malware", "tool", "file")
                .rel("drops", "malware", "tool", "file").rel("exploits", "vulnerability")
                .rel("originates-from", "location")
                .rel("targets", "identity", "infrastructure", "location", "vulnerability")
                .rel("uses", "attack-pattern", "infrastructure", "malware", "tool").rel("variant-of", "malware")
                .build();
    }

    private static StixType malwareAnalysis() {
        return sdo("malware-analysis").required("product").oneOf("result", "analysis_sco_refs")
                .text("product", "version", "configuration_version", "analysis_engine_version",
                        "analysis_definition_version", "result_name")
                .texts("modules").times("submitted", "analysis_started", "analysis_ended")
                .vocab("result", STRING, Vocabularies.MALWARE_AV_RESULT)
                .ref("host_vm_ref", "software").ref("operating_system_ref", "software")
                .ref("installed_software_refs", "software")
                .ref("analysis_sco_refs", Targets.kinds(Kind.SCO))
                .ref("sample_ref", "file", "artifact", "network-traffic")
                .rel("characterizes", "malware").rel("analysis-of", "malware")
                .rel("static-analysis-of", "malware").rel("dynamic-analysis-of", "malware").build();
    }

    private static StixType threatActor() {
        return sdo("threat-actor").required("name").text("name", "description").texts("aliases", "goals")
                .times("first_seen", "last_seen")
                .vocab("threat_actor_types", STRING_LIST, Vocabularies.THREAT_ACTOR_TYPE)
                .vocab("roles", STRING_LIST, Vocabularies.THREAT_ACTOR_ROLE)
                .vocab("sophistication", STRING, Vocabularies.THREAT_ACTOR_SOPHISTICATION)
                .vocab("resource_level", STRING, Vocabularies.ATTACK_RESOURCE_LEVEL)
                .vocab("primary_motivation", STRING, Vocabularies.ATTACK_MOTIVATION)
                .vocab("secondary_motivations", STRING_LIST, Vocabularies.ATTACK_MOTIVATION)
                .vocab("personal_motivations", STRING_LIST, Vocabularies.ATTACK_MOTIVATION)
                .rel("attributed-to", "identity").rel("compromises", "infrastructure")
                .rel("hosts", "infrastructure").rel("owns", "infrastructure")
                .rel("impersonates", "identity").rel("located-at", "location")
                .rel("targets", "identity", "location", "vulnerability")
                .rel("uses", "attack-pattern", "infrastructure", "malware", "tool").build();
    }

    private static StixType relationship() {
        return TypeBuilder.of("relationship", SRO).required("relationship_type", "source_ref", "target_ref")
                .text("relationship_type", "description").times("start_time", "stop_time")
                .ref("source_ref", SDO_OR_SCO).ref("target_ref", SDO_OR_SCO).build();
    }

    private static StixType sighting() {
        return TypeBuilder.of("sighting", SRO).required("sighting_of_ref")
                .text("description").times("first_seen", "last_seen").ints("count")
                .flags("summary")
                .ref("sighting_of_ref", Targets.kinds(Kind.SDO))
                .ref("observed_data_refs", "observed-data")
                .ref("where_sighted_refs", "identity", "location").build();
    }
}
