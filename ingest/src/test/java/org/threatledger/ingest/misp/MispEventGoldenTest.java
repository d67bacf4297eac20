package org.threatledger.ingest.misp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.StixJson;

/**
 * The whole STIX output for one small real event (PyMISP's 57c4445b…, "Ransomware - Xorist": five
 * to_ids hashes, two links, TLP:WHITE), compared with the reviewed expected output beside this test.
 */
class MispEventGoldenTest {
    @Test
    void xoristEvent_matchesGoldenStix() throws IOException {
        Collected c = Collected.read(new MispEventImporter(),
                Collected.event("pymisp/57c4445b-c548-4654-af0b-4be3950d210f.json"));
        ArrayNode actual = StixJson.mapper().createArrayNode();
        c.objects.forEach(o -> actual.add(o.json()));
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("57c4445b-c548-4654-af0b-4be3950d210f.stix.json")) {
            assertThat(in).as("golden file").isNotNull();
            expected = StixJson.mapper().readTree(in);
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(c.rejections).isEmpty();
        assertThat(c.warnings).isEmpty();
    }
}
