package org.threatledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.threatledger.stix.BundleReader;
import org.threatledger.stix.StixJson;

/** The oracle itself: the official examples pass the official schemas, known-bad files fail naming the property. */
class OasisSchemasTest {
    static final Path DATA = Path.of(System.getProperty("shared.data"));
    static OasisSchemas schemas;

    @BeforeAll
    static void load() {
        schemas = OasisSchemas.load(DATA.resolve("stix21-schemas/schemas"));
    }

    static Stream<Path> officialExamples() throws IOException {
        return Stream.concat(
                jsonFiles(DATA.resolve("stix21-schemas/examples"), Integer.MAX_VALUE),
                jsonFiles(DATA.resolve("stix21-examples/cti-documentation"), 1));
    }

    private static Stream<Path> jsonFiles(Path dir, int depth) throws IOException {
        try (Stream<Path> files = Files.walk(dir, depth)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void officialExamples_allSeventeenFilesAreThere() throws IOException {
        // 8 files in the schema repository's examples/, 9 bundles from cti-documentation (data README)
        assertThat(officialExamples()).hasSize(17);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("officialExamples")
    void officialExample_passesTheOfficialSchemas(Path file) {
        assertThat(schemas.checkBundle(file)).isEmpty();
    }

    @Test
    void identityWithoutModified_failsNamingModified() {
        List<String> violations = schemas.checkBundle(DATA.resolve("stix21-examples/stix-validator-v21/invalid_identity.json"));
        assertThat(violations).singleElement().asString()
                .startsWith("identity--").contains("required property 'modified'");
    }

    @Test
    void modifiedBeforeCreated_failsNamingBothProperties() {
        List<String> violations = schemas.checkBundle(DATA.resolve("stix21-examples/stix-validator-v21/invalid_timestamp.json"));
        assertThat(violations).containsExactly("identity--8c6af861-7b20-41ef-9b59-6344fd872a8f: "
                + "'modified' (2015-08-08T15:50:10.983Z) must be later than or equal to 'created' (2016-08-08T15:50:10.983Z)");
    }

    @Test
    void malformedJson_isOneViolationNamingTheFile() {
        Path file = DATA.resolve("stix21-examples/stix-validator-v21/invalid_comma.json");
        assertThat(schemas.checkBundle(file)).singleElement().asString().startsWith(file + ": not readable as JSON");
    }

    @Test
    void validatorPositiveExamples_pass() {
        for (String name : List.of("identity.json", "identity_unicode.json", "identity_warning.json", "tool.json", "tlp-amber.json")) {
            assertThat(schemas.checkBundle(DATA.resolve("stix21-examples/stix-validator-v21/" + name))).as(name).isEmpty();
        }
    }

    @Test
    void impossibleDate_failsAlthoughThePatternAllowsIt() {
        var identity = StixJson.readTree("""
                {"type":"identity","spec_version":"2.1","id":"identity--8c6af861-7b20-41ef-9b59-6344fd872a8f",
                 "created":"2016-02-30T15:50:10.983Z","modified":"2016-02-30T15:50:10.983Z","name":"X"}""");
        assertThat(schemas.check(identity)).containsExactly(
                "'created': '2016-02-30T15:50:10.983Z' is not a valid timestamp",
                "'modified': '2016-02-30T15:50:10.983Z' is not a valid timestamp");
    }

    @Test
    void indicatorValidUntilEqualToValidFrom_fails() {
        var indicator = StixJson.readTree("""
                {"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                 "created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z",
                 "pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix",
                 "valid_from":"2016-01-01T00:00:00Z","valid_until":"2016-01-01T00:00:00Z"}""");
        assertThat(schemas.check(indicator)).singleElement().asString().contains("'valid_until'", "'valid_from'");
    }

    @Test
    void customObject_isCheckedAgainstCoreOnly() {
        var custom = StixJson.readTree("""
                {"type":"x-threatledger-note","spec_version":"2.1","id":"x-threatledger-note--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                 "created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","anything":[1,2]}""");
        assertThat(schemas.check(custom)).isEmpty();
        assertThat(schemas.check(((ObjectNode) custom.deepCopy()).put("created", "yesterday")))
                .isNotEmpty().allSatisfy(v -> assertThat(v).contains("created"));
    }

    @Test
    void unknownSdoProperty_typeMismatch_isReported() {
        var intrusionSet = StixJson.readTree("""
                {"type":"intrusion-set","spec_version":"2.1","id":"intrusion-set--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                 "created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","name":"APT1","aliases":"Comment Crew"}""");
        assertThat(schemas.check(intrusionSet)).singleElement().asString().contains("aliases");
    }

    @Test
    void bundledObjectWithoutSpecVersion_fails(@TempDir Path dir) throws IOException {
        // BundleReader would upgrade this object to 2.1 on the way; the oracle must see it as written
        Path bundle = Files.writeString(dir.resolve("bundle.json"), """
                {"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
                 {"type":"identity","id":"identity--8c6af861-7b20-41ef-9b59-6344fd872a8f",
                  "created":"2016-08-08T15:50:10.983Z","modified":"2016-08-08T15:50:10.983Z","name":"X"}]}""");
        assertThat(schemas.checkBundle(bundle)).singleElement().asString()
                .startsWith("identity--8c6af861-7b20-41ef-9b59-6344fd872a8f: ").contains("'spec_version'");
    }

    @Test
    void attackIcs181_all1826ObjectsPass() throws IOException {
        Path ics = DATA.resolve("mitre-attack/ics-attack-18.1.json.gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(ics))) {
            assertThat(BundleReader.read(in, ics.toString(), o -> { }, p -> { })).isEqualTo(1826);
        }
        assertThat(schemas.checkBundle(ics)).isEmpty();
    }

    @Test
    void demoBundle_passes(@TempDir Path dir) throws IOException {
        // the demo data ships inside the pipeline jar: copy it out to a file the schema check can read
        Path demo = dir.resolve("actors.stix.json");
        try (InputStream in = OasisSchemasTest.class.getResourceAsStream("/demo/actors.stix.json")) {
            Files.copy(in, demo);
        }
        assertThat(schemas.checkBundle(demo)).isEmpty();
    }
}
