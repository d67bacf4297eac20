package org.threatledger.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden file: a bundle with one broken rule per property, and the exact findings it must give. */
class ValidatorGoldenTest {
    @Test
    void brokenBundle_givesExactlyTheGoldenFindings() throws IOException {
        ValidationReport report;
        try (InputStream in = resource("broken-bundle.json")) {
            report = new Validator().validate(in, "broken-bundle.json");
        }
        List<String> expected;
        try (InputStream in = resource("broken-bundle.findings.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(report.findings()).extracting(Finding::toString).containsExactlyElementsOf(expected);
    }

    private static InputStream resource(String name) {
        return ValidatorGoldenTest.class.getResourceAsStream("validator/" + name);
    }
}
