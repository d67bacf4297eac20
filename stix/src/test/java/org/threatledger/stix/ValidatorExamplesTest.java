package org.threatledger.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OASIS, python-stix2 and attack-flow examples are valid STIX 2.1; the validator's own samples are not all. */
class ValidatorExamplesTest {
    private static final Path SAMPLES = TestData.root().resolve("stix21-examples/stix-validator-v21");
    private final Validator validator = new Validator();

    @Test
    void everyValidExampleFile_readsWithoutProblems_andHasNoErrors() throws IOException {
        List<Path> files = TestData.validExampleFiles();
        List<String> warnings = new ArrayList<>();
        int objects = 0;
        for (Path file : files) {
            TestData.Read read = TestData.read(file);
            assertThat(read.problems()).as(file.toString()).isEmpty();
            assertThat(read.objects()).as(file.toString()).isNotEmpty();
            ValidationReport report = validator.validateAll(read.objects());
            assertThat(report.errors()).as(file.toString()).isEmpty();
            report.warnings().forEach(w -> warnings.add(file.getFileName() + ": " + w));
            objects += read.objects().size();
        }
        assertThat(files).hasSize(8 + 9 + 31 + 6);
        assertThat(objects).isGreaterThan(76 + 155 + 67 + 70 + 76 + 63 + 20);
        Path out = Path.of("target", "example-warnings.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, warnings);
    }

    @Test
    void schemaExampleCounts_matchTheReadme() {
        Path reports = TestData.root().resolve("stix21-schemas/examples/threat-reports");
        assertThat(TestData.read(reports.resolve("apt1.json")).objects()).hasSize(76);
        assertThat(TestData.read(reports.resolve("poisonivy.json")).objects()).hasSize(155);
    }

    @Test
    void invalidBracesAndComma_areNotJson_problemNamesTheLine() {
        for (String name : List.of("invalid_braces.json", "invalid_comma.json")) {
            TestData.Read read = TestData.read(SAMPLES.resolve(name));
            assertThat(read.objects()).as(name).isEmpty();
            assertThat(read.problems()).as(name).hasSize(1);
            ReadProblem p = read.problems().get(0);
            assertThat(p.source()).isEqualTo(name);
            assertThat(p.line()).isPositive();
            assertThat(p.message()).startsWith("malformed JSON");
            assertThat(p.toString()).startsWith(name + ":" + p.line() + ": ");
        }
    }

    @Test
    void invalidIdentity_lacksModified_errorNamesIt() {
        ValidationReport report = validateSample("invalid_identity.json");
        assertThat(report.errors()).extracting(Finding::property).containsExactly("modified");
        assertThat(report.errors().get(0).toString())
                .startsWith("ERROR identity--").endsWith("property 'modified': required property is missing");
    }

    @Test
    void invalidTimestamp_modifiedBeforeCreated_isAnError() {
        ValidationReport report = validateSample("invalid_timestamp.json");
        assertThat(report.errors()).singleElement().satisfies(f -> {
            assertThat(f.property()).isEqualTo("modified");
            assertThat(f.message()).contains("later than created");
            assertThat(f.value()).isNotNull();
        });
    }

    @Test
    void identityCustom_customPropertyFoo_isAWarningOnly() {
        ValidationReport report = validateSample("identity_custom.json");
        assertThat(report.isValid()).isTrue();
        assertThat(report.warnings()).singleElement().satisfies(f -> {
            assertThat(f.property()).isEqualTo("foo");
            assertThat(f.value()).isEqualTo("'bar'");
            assertThat(f.objectId()).isEqualTo("identity--8c6af861-7b20-41ef-9b59-6344fd872a8f");
        });
    }

    @Test
    void validSamples_haveNoFindings() {
        for (String name : List.of("identity.json", "identity_warning.json", "identity_unicode.json", "tlp-amber.json")) {
            assertThat(validateSample(name).findings()).as(name).isEmpty();
        }
    }

    @Test
    void toolSample_isValid_itsUnprefixedCustomPropertiesAreWarnings() {
        ValidationReport report = validateSample("tool.json");
        assertThat(report.isValid()).isTrue();
        assertThat(report.warnings()).extracting(Finding::property).containsExactlyInAnyOrder("foo_value", "bar_value");
    }

    @Test
    void identityUnicode_keepsTheNonAsciiName() {
        StixObject identity = TestData.read(SAMPLES.resolve("identity_unicode.json")).objects().get(0);
        assertThat(identity.name()).contains("Heizölrückstoßabdämpfung");
    }

    private ValidationReport validateSample(String name) {
        TestData.Read read = TestData.read(SAMPLES.resolve(name));
        assertThat(read.problems()).as(name).isEmpty();
        return validator.validateAll(read.objects());
    }
}
