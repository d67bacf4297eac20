package org.threatledger.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpecExamplesTest {

    static List<String> examples() throws IOException {
        try (InputStream in = SpecExamplesTest.class.getResourceAsStream("spec-examples.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }

    static Stream<String> spec() throws IOException {
        return examples().stream();
    }

    @Test
    void specExamples_areAtLeast25() throws IOException {
        assertThat(examples()).hasSizeGreaterThanOrEqualTo(25).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("spec")
    void specExample_parses(String text) {
        assertThat(PatternParser.check(text)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("spec")
    void specExample_printsCanonicalTextThatParsesToTheSameTree(String text) {
        Pattern pattern = PatternParser.parse(text);
        String canonical = pattern.toString();
        assertThat(PatternParser.parse(canonical)).isEqualTo(pattern);
        assertThat(PatternParser.parse(canonical).toString()).isEqualTo(canonical);
    }
}
