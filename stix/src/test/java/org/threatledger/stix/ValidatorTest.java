package org.threatledger.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One rule per test, each on a minimal valid object with one thing broken. */
class ValidatorTest {
    private static final String INDICATOR = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final Validator validator = new Validator();

    private static StixObject indicator() {
        return StixObject.parse("""
                {"type":"indicator","spec_version":"2.1","id":"%s",
                 "created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z",
                 "indicator_types":["malicious-activity"],"name":"Poison Ivy C2",
                 "pattern":"[ipv4-addr:value = '10.0.0.1']","pattern_type":"stix",
                 "valid_from":"2016-01-01T00:00:00Z",
                 "created_by_ref":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
                 "object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]}""".formatted(INDICATOR));
    }

    private List<Finding> errors(StixObject o) {
        return validator.validate(o).errors();
    }

    private static StixObject relationship(String source, String type, String target) {
        return StixObject.parse("""
                {"type":"relationship","spec_version":"2.1","id":"relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad",
                 "created":"2016-04-06T20:06:37.000Z","modified":"2016-04-06T20:06:37.000Z",
                 "relationship_type":"%s","source_ref":"%s","target_ref":"%s"}""".formatted(type, source, target));
    }

    @Test
    void validIndicator_hasNoFindings() {
        assertThat(validator.validate(indicator()).findings()).isEmpty();
    }

    @Test
    void indicatorWithoutPatternType_isAnError_namingObjectAndProperty() {
        Finding f = errors(indicator().with("pattern_type", null)).get(0);
        assertThat(f.toString()).isEqualTo("ERROR " + INDICATOR + " property 'pattern_type': required property is missing");
    }

    @Test
    void idTypePart_mustEqualTheType() {
        StixObject o = indicator().with("id", JSON.textNode("malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"));
        assertThat(errors(o)).extracting(Finding::property, Finding::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("id", "'malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'"));
    }

    @Test
    void malformedId_andMissingSpecVersion_areErrors() {
        assertThat(errors(indicator().with("id", JSON.textNode("indicator--1234")))).extracting(Finding::property).contains("id");
        assertThat(errors(indicator().with("spec_version", null))).extracting(Finding::property).containsExactly("spec_version");
        assertThat(errors(indicator().with("spec_version", JSON.textNode("2.0")))).extracting(Finding::property).containsExactly("spec_version");
    }

    @Test
    void timestamps_mustBeStixForm_andModifiedNotBeforeCreated() {
        assertThat(errors(indicator().with("created", JSON.textNode("2016-04-06 20:03:48")))).extracting(Finding::property).contains("created");
        assertThat(errors(indicator().with("modified", JSON.textNode("2016-04-06T20:03:48+02:00")))).extracting(Finding::property).contains("modified");
        assertThat(errors(indicator().with("modified", JSON.textNode("2015-01-01T00:00:00Z")))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("created"));
        assertThat(errors(indicator().with("valid_until", JSON.textNode("2016-01-01T00:00:00Z")))).extracting(Finding::property).containsExactly("valid_until");
    }

    @Test
    void confidence_mustBeAnIntegerFrom0To100() {
        assertThat(errors(indicator().with("confidence", JSON.numberNode(100)))).isEmpty();
        assertThat(errors(indicator().with("confidence", JSON.numberNode(101)))).extracting(Finding::value).containsExactly("101");
        assertThat(errors(indicator().with("confidence", JSON.numberNode(new java.math.BigDecimal("1e999999999"))))).hasSize(1);
        assertThat(errors(indicator().with("confidence", JSON.textNode("high")))).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("expected an integer, found a string"));
    }

    @Test
    void propertyTypes_listsBooleansStrings_areChecked() {
        assertThat(errors(indicator().with("indicator_types", JSON.textNode("malicious-activity")))).extracting(Finding::property).containsExactly("indicator_types");
        assertThat(errors(indicator().with("revoked", JSON.textNode("false")))).extracting(Finding::property).containsExactly("revoked");
        assertThat(errors(indicator().with("name", JSON.arrayNode().add("a")))).extracting(Finding::property).containsExactly("name");
        assertThat(errors(indicator().with("labels", JSON.arrayNode()))).extracting(Finding::message).containsExactly("a list must not be empty");
    }

    @Test
    void references_mustPointAtAllowedTypes() {
        assertThat(errors(indicator().with("created_by_ref", JSON.textNode("malware--f431f809-377b-45e0-aa1c-6a4751cae5ff"))))
                .singleElement().satisfies(f -> assertThat(f.message()).isEqualTo("must point at identity, not malware"));
        assertThat(errors(indicator().with("object_marking_refs", JSON.arrayNode().add("identity--f431f809-377b-45e0-aa1c-6a4751cae5ff"))))
                .extracting(Finding::property).containsExactly("object_marking_refs");
    }

    @Test
    void relationship_mayNotPointAtAnSro_andUnsuggestedTypesWarn() {
        String sighting = "sighting--ee20065d-2555-424f-ad9e-0f8428623c75";
        String malware = "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b";
        String actor = "intrusion-set--4e78f46f-a023-4e5f-bc24-71b3ca22ec29";
        assertThat(errors(relationship(actor, "uses", sighting))).extracting(Finding::property).containsExactly("target_ref");
        assertThat(validator.validate(relationship(actor, "uses", malware)).findings()).isEmpty();
        assertThat(validator.validate(relationship(actor, "eats", malware)).warnings()).extracting(Finding::property)
                .containsExactly("relationship_type");
        assertThat(errors(relationship(actor, "Uses It", malware))).extracting(Finding::property).containsExactly("relationship_type");
    }

    @Test
    void sighting_whereSightedRefs_mustBeIdentityOrLocation() {
        StixObject sighting = StixObject.parse("""
                {"type":"sighting","spec_version":"2.1","id":"sighting--ee20065d-2555-424f-ad9e-0f8428623c75",
                 "created":"2016-04-06T20:08:31.000Z","modified":"2016-04-06T20:08:31.000Z",
                 "sighting_of_ref":"%s","count":0,
                 "where_sighted_refs":["malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b"]}""".formatted(INDICATOR));
        assertThat(errors(sighting)).singleElement().satisfies(f -> {
            assertThat(f.property()).isEqualTo("where_sighted_refs");
            assertThat(f.message()).isEqualTo("must point at identity or location, not malware");
        });
    }

    @Test
    void hashes_areCheckedByAlgorithm_unknownAlgorithmsWarn() {
        StixObject file = StixObject.parse("""
                {"type":"file","spec_version":"2.1","id":"file--364fe3e5-b1f4-5ba3-b951-ee5983b3538d",
                 "hashes":{"MD5":"d41d8cd98f00b204e9800998ecf8427e","SHA-256":"abc","x-foo":"123"}}""");
        ValidationReport report = validator.validate(file);
        assertThat(report.errors()).extracting(Finding::property).containsExactly("hashes.SHA-256");
        assertThat(report.warnings()).extracting(Finding::property).containsExactly("hashes.x-foo");
    }

    @Test
    void customProperties_xPrefixIsFine_unprefixedWarns_badNamesAreErrors() {
        assertThat(validator.validate(indicator().with("x_acme_score", JSON.numberNode(3))).findings()).isEmpty();
        assertThat(validator.validate(indicator().with("acme_score", JSON.numberNode(3))).warnings()).extracting(Finding::property).containsExactly("acme_score");
        assertThat(errors(indicator().with("Acme-Score", JSON.numberNode(3)))).extracting(Finding::property).containsExactly("Acme-Score");
    }

    @Test
    void customObjectTypes_needXPrefix_orAnExtension_attackIsFine() {
        String body = """
                {"type":"%s","spec_version":"2.1","id":"%s--b8d7a5cf-d0d7-4d13-8a8c-6bf5aca42d2c",
                 "created":"2020-01-01T00:00:00Z","modified":"2020-01-01T00:00:00Z"%s}""";
        assertThat(errors(StixObject.parse(body.formatted("x-mitre-tactic", "x-mitre-tactic", "")))).isEmpty();
        assertThat(errors(StixObject.parse(body.formatted("acme-thing", "acme-thing", "")))).extracting(Finding::property).containsExactly("type");
        String ext = ",\"extensions\":{\"extension-definition--fb9c968a-745b-4ade-9b25-c324172197f4\":{\"extension_type\":\"new-sdo\"}}";
        assertThat(errors(StixObject.parse(body.formatted("attack-action", "attack-action", ext)))).isEmpty();
    }

    @Test
    void openVocabulary_unknownValue_isAWarning() {
        ValidationReport report = validator.validate(indicator().with("indicator_types", JSON.arrayNode().add("spooky")));
        assertThat(report.isValid()).isTrue();
        assertThat(report.warnings()).singleElement().satisfies(f -> assertThat(f.value()).isEqualTo("'spooky'"));
    }

    @Test
    void externalReferences_needSourceName_andCveForm() {
        JsonNode refs = StixJson.readTree("[{\"url\":\"https://example.com\"},{\"source_name\":\"cve\",\"external_id\":\"CVE-16\"}]");
        assertThat(errors(indicator().with("external_references", refs))).extracting(Finding::property)
                .containsExactly("external_references[0].source_name", "external_references[1].external_id");
    }

    @Test
    void granularMarkings_selectorsMustSelectAProperty() {
        JsonNode granular = StixJson.readTree("""
                [{"marking_ref":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","selectors":["name","indicator_types.[0]"]},
                 {"marking_ref":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","selectors":["description"]},
                 {"lang":"en","marking_ref":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","selectors":["name"]}]""");
        assertThat(errors(indicator().with("granular_markings", granular))).extracting(Finding::property)
                .containsExactly("granular_markings[1].selectors", "granular_markings[2]");
    }

    @Test
    void tlpMarkingDefinitions_mustBeTheOfficialOnes() {
        String tlp = """
                {"type":"marking-definition","spec_version":"2.1","id":"%s","created":"2017-01-20T00:00:00.000Z",
                 "definition_type":"tlp","name":"TLP:GREEN","definition":{"tlp":"%s"}}""";
        assertThat(validator.validate(StixObject.parse(tlp.formatted("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "green"))).findings()).isEmpty();
        assertThat(errors(StixObject.parse(tlp.formatted("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "red")))).isNotEmpty();
        assertThat(errors(StixObject.parse(tlp.formatted("marking-definition--11111111-860f-48ae-8e50-ebd3cc5e41da", "green")))).extracting(Finding::property).containsExactly("id");
        for (Tlp level : Tlp.values()) {
            assertThat(validator.validate(level.markingDefinition()).findings()).as(level.label()).isEmpty();
        }
    }

    @Test
    void pattern_withoutChecker_onlyShapeIsChecked() {
        assertThat(errors(indicator().with("pattern", JSON.textNode("[ipv4-addr:value = '10.0.0.1'")))).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("'[' is not closed"));
        assertThat(errors(indicator().with("pattern", JSON.textNode("[file:name = 'a]b']")))).isEmpty();
        assertThat(errors(indicator().with("pattern", JSON.textNode("[file:name = 'open]")))).extracting(Finding::message)
                .containsExactly("a string literal is not closed");
        assertThat(errors(indicator().with("pattern", JSON.textNode(" ")))).hasSize(1);
        assertThat(errors(indicator().with("pattern_type", JSON.textNode("yara")).with("pattern", JSON.textNode("rule x { condition: true ")))).isEmpty();
    }

    @Test
    void pattern_withAChecker_itsMessageBecomesTheError() {
        Validator strict = new Validator(p -> p.contains("ipv4-addr") ? Optional.of("expected ']' at column 37") : Optional.empty());
        assertThat(strict.validate(indicator()).errors()).singleElement().satisfies(f -> {
            assertThat(f.property()).isEqualTo("pattern");
            assertThat(f.toString()).contains(INDICATOR, "expected ']' at column 37", "10.0.0.1");
        });
        Validator broken = new Validator(p -> {
            throw new IllegalStateException("boom");
        });
        assertThat(broken.validate(indicator()).errors()).extracting(Finding::property).containsExactly("pattern");
    }

    @Test
    void validateDocument_readProblemsBecomeErrors() {
        ValidationReport report = validator.validate(
                new java.io.ByteArrayInputStream("{\"type\":\"bundle\",\"objects\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "cut.json");
        assertThat(report.errors()).singleElement().satisfies(f -> assertThat(f.objectId()).startsWith("cut.json:"));
    }

    @Test
    void extensionDefinitionInTheSameBundle_registersTopLevelProperties() {
        StixObject definition = StixObject.parse("""
                {"type":"extension-definition","spec_version":"2.1","id":"extension-definition--a932fcc6-e032-476c-826f-cb970a5a1ade",
                 "created_by_ref":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff","created":"2014-02-20T09:16:08.989Z",
                 "modified":"2014-02-20T09:16:08.989Z","name":"Toplevel","schema":"https://example.com/s.json","version":"1.0",
                 "extension_types":["toplevel-property-extension"],"extension_properties":["rank"]}""");
        StixObject extended = indicator().with("rank", JSON.numberNode(5)).with("extensions", StixJson.readTree(
                "{\"extension-definition--a932fcc6-e032-476c-826f-cb970a5a1ade\":{\"extension_type\":\"toplevel-property-extension\"}}"));
        assertThat(validator.validateAll(List.of(definition, extended)).findings()).isEmpty();
        assertThat(validator.validateAll(List.of(definition, extended.with("grade", JSON.numberNode(1)))).warnings())
                .extracting(Finding::property).containsExactly("grade");
    }
}
