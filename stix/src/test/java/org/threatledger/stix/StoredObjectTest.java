package org.threatledger.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An object read back from a store ({@link StixObject#stored}) answers exactly like the parsed one:
 * its marking refs and references come from a scan of the text ({@link RefScan}), everything else
 * from the tree built on first need.
 */
class StoredObjectTest {
    private static final ObjectWriter PRETTY = StixJson.mapper().writerWithDefaultPrettyPrinter();

    @Test
    void everyExampleAndAttackObject_storedCompactOrSpaced_hasTheSameMarkingsAndReferences() throws Exception {
        List<Path> files = new ArrayList<>(TestData.validExampleFiles());
        files.add(TestData.root().resolve("mitre-attack/enterprise-attack-18.1.stix20.json.gz"));
        int objects = 0;
        int withRefs = 0;
        for (Path file : files) {
            for (StixObject o : TestData.read(file).objects()) {
                for (String text : List.of(o.toJson(), PRETTY.writeValueAsString(o.json()))) {
                    StixObject stored = StixObject.stored(o.id(), o.type(), o.version(), text.getBytes(StandardCharsets.UTF_8));
                    assertThat(stored.references()).as(file.getFileName() + " " + o.id()).containsExactlyElementsOf(o.references());
                    assertThat(stored.markingRefs()).as(o.id()).containsExactlyElementsOf(o.markingRefs());
                }
                objects++;
                withRefs += o.references().isEmpty() ? 0 : 1;
            }
        }
        assertThat(objects).isGreaterThan(25_000);
        assertThat(withRefs).isGreaterThan(20_000);
    }

    @Test
    void scan_decodesEscapes_skipsLookalikes_andReadsGranularMarkingsOnlyAtTheTop() {
        String text = """
                {"type":"report","id":"report--1","note":"say \\"x_ref\\": \\"indicator--fake\\" \\\\",
                 "n": -1.5e3, "flag": true, "nothing": null, "empty": {}, "none": [],
                 "granular_markings": [{"marking_ref": "marking-definition--g1", "selectors": ["name"]}],
                 "object_marking_refs": ["marking-definition--o1", {"ignored_ref": "x--1"}, 7],
                 "object_refs": ["indicator--\\u0061b", "malware--2"],
                 "extensions": {"x-ext": {"sample_ref": "file--3", "deep": [{"granular_markings":
                     [{"marking_ref": "marking-definition--not-top"}]}]}},
                 "created_by_ref": {"not_a_string": "x"}}""";
        StixObject stored = StixObject.stored("report--1", "report", "", text.getBytes(StandardCharsets.UTF_8));
        StixObject parsed = StixObject.parse(text);

        assertThat(stored.markingRefs()).containsExactly("marking-definition--o1", "marking-definition--g1")
                .containsExactlyElementsOf(parsed.markingRefs());
        assertThat(stored.references()).containsExactlyElementsOf(parsed.references())
                .contains("indicator--ab", "file--3", "marking-definition--not-top").doesNotContain("indicator--fake", "x--1");
    }

    @Test
    void storedObject_answersIdTypeVersionWithoutParsing_andServesItsBytesAsStored() {
        String text = "{\"type\": \"indicator\", \"id\": \"indicator--1\", \"modified\": \"2025-01-01T00:00:00.000Z\"}";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        StixObject stored = StixObject.stored("indicator--1", "indicator", "2025-01-01T00:00:00.000Z", utf8);

        assertThat(stored.version()).isEqualTo("2025-01-01T00:00:00.000Z");
        assertThat(stored.jsonUtf8()).isSameAs(utf8);
        assertThat(stored.text("modified")).contains("2025-01-01T00:00:00.000Z");
        assertThat(stored).isEqualTo(StixObject.parse(text));
        assertThat(stored.toJson()).isEqualTo("{\"type\":\"indicator\",\"id\":\"indicator--1\",\"modified\":\"2025-01-01T00:00:00.000Z\"}");
    }

    @Test
    void brokenStoredText_failsNamingTheObject() {
        StixObject stored = StixObject.stored("indicator--9", "indicator", "", "{\"object_refs\": [\"a\", ".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(stored::references).isInstanceOf(StixException.class).hasMessageContaining("indicator--9");
    }
}
