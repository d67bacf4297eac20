package org.threatledger.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * ATT&CK 18.1: Enterprise as STIX 2.0 (upgraded on read), ICS as STIX 2.1 (read as it is).
 * Oracles from the data README §1.
 */
class AttackDataTest {
    private static final Path ATTACK = TestData.root().resolve("mitre-attack");
    private final Validator validator = new Validator();

    @Test
    void enterprise20_everyObjectUpgrades_andValidatesWithoutErrors() throws IOException {
        Map<String, Integer> byType = new TreeMap<>();
        Map<String, Integer> warnings = new TreeMap<>();
        List<Finding> errors = new ArrayList<>();
        long[] malwareFamilies = {0};
        List<ReadProblem> problems = new ArrayList<>();
        try (InputStream in = gzip(ATTACK.resolve("enterprise-attack-18.1.stix20.json.gz"))) {
            BundleReader.read(in, "enterprise", o -> {
                byType.merge(o.type(), 1, Integer::sum);
                assertThat(o.specVersion()).as(o.id()).contains("2.1");
                if (o.type().equals("malware") && o.get("is_family").asBoolean() && !o.has("labels")) {
                    malwareFamilies[0]++;
                }
                ValidationReport report = validator.validate(o);
                errors.addAll(report.errors());
                report.warnings().forEach(w -> warnings.merge(o.type() + " " + w.property() + ": " + w.message(), 1, Integer::sum));
            }, problems::add);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(problems).isEmpty();
        assertThat(errors).isEmpty();
        assertThat(byType.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(24_771);
        assertThat(byType).containsEntry("relationship", 20_048).containsEntry("attack-pattern", 835)
                .containsEntry("malware", 696).containsEntry("intrusion-set", 187).containsEntry("tool", 91)
                .containsEntry("x-mitre-analytic", 1_739).containsEntry("marking-definition", 1);
        assertThat(malwareFamilies[0]).isEqualTo(696);
        summarise(warnings, Path.of("target", "enterprise-warnings.txt"));
    }

    @Test
    void enterprise20_malwareLabels_becomeIsFamily_andTheTypePlaceholderLabelIsDropped() {
        StixObject upgraded = readOne("""
                {"type":"malware","id":"malware--d1c612bc-146f-4b65-b7b0-9a54a14150a4","created":"2017-05-31T21:32:11.544Z",
                 "modified":"2020-03-30T19:16:58.025Z","name":"Pasam","labels":["malware"]}""");
        assertThat(upgraded.get("is_family").asBoolean()).isTrue();
        assertThat(upgraded.has("labels")).isFalse();
        assertThat(upgraded.has("malware_types")).isFalse();
        assertThat(validator.validate(upgraded).findings()).isEmpty();
    }

    @Test
    void ics21_objectsPassThroughTheReaderUnchanged() throws IOException {
        Path file = ATTACK.resolve("ics-attack-18.1.json.gz");
        JsonNode raw;
        try (InputStream in = gzip(file)) {
            raw = StixJson.mapper().readTree(in);
        }
        TestData.Read read = TestData.read(file);
        assertThat(read.problems()).isEmpty();
        assertThat(read.objects()).hasSize(1_826);
        for (int i = 0; i < read.objects().size(); i++) {
            assertThat(read.objects().get(i).json()).isEqualTo(raw.get("objects").get(i));
        }
        assertThat(read.objects()).filteredOn(o -> o.type().equals("relationship")).hasSize(1_373);
        assertThat(read.objects()).filteredOn(o -> o.type().equals("x-mitre-collection"))
                .singleElement().satisfies(c -> assertThat(c.text("x_mitre_version")).contains("18.1"));
    }

    /**
     * README §1: the 2.0 and 2.1 ICS files differ only in spec_version, the collection object and
     * malware is_family/labels. Writing ICS back in the 2.0 form and reading it again must give the 2.1 objects.
     */
    @Test
    void ics21_writtenAs20_upgradesBackToTheSameObjects() {
        List<StixObject> originals = TestData.read(ATTACK.resolve("ics-attack-18.1.json.gz")).objects().stream()
                .filter(o -> !o.type().equals("x-mitre-collection")).toList();
        StringBuilder bundle = new StringBuilder("{\"type\":\"bundle\",\"id\":\"bundle--e4f0febd-b8cf-4272-b892-71049d272c40\",\"spec_version\":\"2.0\",\"objects\":[");
        for (StixObject o : originals) {
            com.fasterxml.jackson.databind.node.ObjectNode v20 = o.json().deepCopy();
            v20.remove("spec_version");
            if (o.type().equals("malware")) {
                v20.remove("is_family");
                v20.putArray("labels").add("malware");
            }
            bundle.append(bundle.charAt(bundle.length() - 1) == '[' ? "" : ",").append(StixJson.write(v20));
        }
        TestData.Read read = TestData.read(bundle.append("]}").toString());
        assertThat(read.problems()).isEmpty();
        assertThat(read.objects()).isEqualTo(originals).hasSize(1_825);
    }

    @Test
    void ics21_everyObjectValidatesWithoutErrors() {
        ValidationReport report = validator.validateAll(TestData.read(ATTACK.resolve("ics-attack-18.1.json.gz")).objects());
        assertThat(report.errors()).isEmpty();
    }

    private static InputStream gzip(Path file) throws IOException {
        return new GZIPInputStream(Files.newInputStream(file), 1 << 16);
    }

    private static StixObject readOne(String json) {
        TestData.Read read = TestData.read(json);
        assertThat(read.problems()).isEmpty();
        return read.objects().get(0);
    }

    private static void summarise(Map<String, Integer> warnings, Path out) throws IOException {
        List<String> lines = new ArrayList<>();
        warnings.forEach((k, v) -> lines.add(v + "\t" + k));
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
    }
}
