package org.threatledger.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.StixType.Kind;

/** The type table is complete and agrees with the OASIS JSON schemas it was transcribed from. */
class StixTypesTest {
    private static final Path SCHEMAS = TestData.root().resolve("stix21-schemas/schemas");

    @Test
    void table_hasEveryStix21Type_byKind() {
        assertThat(StixTypes.all().values()).filteredOn(t -> t.kind() == Kind.SDO).hasSize(19);
        assertThat(StixTypes.all().values()).filteredOn(t -> t.kind() == Kind.SRO).hasSize(2);
        assertThat(StixTypes.all().values()).filteredOn(t -> t.kind() == Kind.SCO).hasSize(18);
        assertThat(StixTypes.all().values()).filteredOn(t -> t.kind() == Kind.META).extracting(StixType::name)
                .containsExactlyInAnyOrder("marking-definition", "language-content", "extension-definition");
    }

    @Test
    void requiredProperties_matchEachSchemasTopLevelRequiredList() throws IOException {
        for (Path schema : schemaFiles()) {
            JsonNode s = StixJson.mapper().readTree(schema.toFile());
            String type = schema.getFileName().toString().replace(".json", "");
            Set<String> required = requiredOf(s);
            required.removeAll(Set.of("type", "id", "spec_version", "created", "modified"));
            assertThat(StixTypes.find(type)).as(type).hasValueSatisfying(
                    t -> assertThat(t.required()).as(type).isEqualTo(required));
        }
    }

    @Test
    void everySchemaProperty_isInTheTableOrCommon() throws IOException {
        for (Path schema : schemaFiles()) {
            JsonNode s = StixJson.mapper().readTree(schema.toFile());
            StixType type = StixTypes.find(schema.getFileName().toString().replace(".json", "")).orElseThrow();
            for (String p : propertiesOf(s)) {
                assertThat(type.properties().containsKey(p)
                        || CommonRules.commonOf(type.name(), type.kind()).containsKey(p))
                        .as(type.name() + "." + p).isTrue();
            }
        }
    }

    @Test
    void referenceTargets_followTheSpec() {
        StixType sighting = StixTypes.find("sighting").orElseThrow();
        assertThat(sighting.references().get("where_sighted_refs").allows("location")).isTrue();
        assertThat(sighting.references().get("where_sighted_refs").allows("malware")).isFalse();
        assertThat(sighting.references().get("sighting_of_ref").allows("indicator")).isTrue();
        assertThat(sighting.references().get("sighting_of_ref").allows("relationship")).isFalse();
        StixType relationship = StixTypes.find("relationship").orElseThrow();
        assertThat(relationship.references().get("target_ref").allows("ipv4-addr")).isTrue();
        assertThat(relationship.references().get("target_ref").allows("x-mitre-tactic")).isTrue();
        assertThat(relationship.references().get("target_ref").allows("sighting")).isFalse();
        assertThat(relationship.references().get("target_ref").allows("marking-definition")).isFalse();
        StixType traffic = StixTypes.find("network-traffic").orElseThrow();
        assertThat(traffic.references().get("dst_ref").allows("domain-name")).isTrue();
        assertThat(traffic.references().get("dst_ref").allows("url")).isFalse();
    }

    @Test
    void vocabularies_andSuggestedRelationships_areAttached() {
        assertThat(StixTypes.find("identity").orElseThrow().vocabularies().get("sectors")).contains("defense", "government-national");
        assertThat(StixTypes.find("malware").orElseThrow().vocabularies().get("malware_types")).contains("remote-access-trojan");
        assertThat(StixTypes.find("intrusion-set").orElseThrow().relationships().get("attributed-to")).containsExactly("threat-actor");
        assertThat(StixTypes.find("indicator").orElseThrow().relationships().get("indicates")).contains("intrusion-set", "malware");
    }

    private static List<Path> schemaFiles() throws IOException {
        try (Stream<Path> s = Stream.of("sdos", "sros", "observables").flatMap(d -> list(SCHEMAS.resolve(d)))) {
            return s.sorted().toList();
        }
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the schema always requires: its own and allOf lists, and what every anyOf/oneOf alternative requires. */
    private static Set<String> requiredOf(JsonNode s) {
        Set<String> out = new HashSet<>();
        s.path("required").forEach(r -> out.add(r.asText()));
        for (JsonNode part : s.path("allOf")) {
            if (!part.has("$ref")) {
                out.addAll(requiredOf(part));
            }
        }
        for (String key : List.of("anyOf", "oneOf")) {
            Set<String> common = null;
            for (JsonNode alternative : s.path(key)) {
                Set<String> r = requiredOf(alternative);
                if (common == null) {
                    common = r;
                } else {
                    common.retainAll(r);
                }
            }
            if (common != null) {
                out.addAll(common);
            }
        }
        return out;
    }

    private static Set<String> propertiesOf(JsonNode s) {
        Set<String> out = new HashSet<>();
        for (Iterator<String> it = s.path("properties").fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        for (String key : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode part : s.path(key)) {
                if (!part.has("$ref")) {
                    out.addAll(propertiesOf(part));
                }
            }
        }
        return out;
    }
}
