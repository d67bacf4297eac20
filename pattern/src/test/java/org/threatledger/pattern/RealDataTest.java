package org.threatledger.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.BundleReader;
import org.threatledger.stix.StixObject;

/** Every indicator pattern in the shared STIX 2.1 examples parses (README §6 gives the counts). */
class RealDataTest {
    private static final Path DATA = Path.of(System.getProperty("shared.data"));

    private static List<StixObject> indicators(String folder) throws IOException {
        List<StixObject> indicators = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DATA.resolve(folder))) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                BundleReader.read(in, file.toString(), o -> {
                    if (o.type().equals("indicator") && o.has("pattern")) {
                        indicators.add(o);
                    }
                }, problem -> { });
            }
        }
        return indicators;
    }

    private static List<StixObject> allIndicators() throws IOException {
        List<StixObject> all = new ArrayList<>(indicators("stix21-schemas/examples"));
        all.addAll(indicators("stix21-examples"));
        return all;
    }

    @Test
    void everyIndicatorPattern_inTheStixExamples_parses() throws IOException {
        List<StixObject> indicators = allIndicators();
        assertThat(indicators).hasSize(48);
        for (StixObject indicator : indicators) {
            String pattern = indicator.text("pattern").orElseThrow();
            assertThat(PatternParser.check(pattern)).as(indicator.id() + " " + pattern).isEmpty();
        }
    }

    @Test
    void everyRealPattern_roundTripsThroughCanonicalText() throws IOException {
        Set<String> distinct = new LinkedHashSet<>();
        allIndicators().forEach(i -> distinct.add(i.text("pattern").orElseThrow()));
        assertThat(distinct).hasSize(45);
        for (String text : distinct) {
            Pattern pattern = PatternParser.parse(text);
            assertThat(PatternParser.parse(pattern.toString())).as(text).isEqualTo(pattern);
        }
    }

    @Test
    void threatReports_indicatorsByFirstAnchorType_matchTheReadme() throws IOException {
        assertThat(firstAnchorTypes("stix21-schemas/examples/threat-reports/apt1.json"))
                .isEqualTo(Map.of("ipv4-addr", 4L, "domain-name", 3L, "file", 3L, "x509-certificate", 2L));
        assertThat(firstAnchorTypes("stix21-schemas/examples/threat-reports/poisonivy.json"))
                .isEqualTo(Map.of("domain-name", 22L, "file", 2L, "ipv4-addr", 1L));
    }

    private static Map<String, Long> firstAnchorTypes(String file) throws IOException {
        return indicators(file).stream()
                .map(i -> Anchors.of(PatternParser.parse(i.text("pattern").orElseThrow())).iterator().next())
                .collect(Collectors.groupingBy(Anchor::objectType, Collectors.counting()));
    }

    @Test
    void patternStartingWithSpace_parsesLikeTheTrimmedOne() throws IOException {
        StixObject indicator = indicators("stix21-schemas/examples").stream()
                .filter(i -> i.text("pattern").orElseThrow().startsWith("[ ")).findFirst().orElseThrow();
        String text = indicator.text("pattern").orElseThrow();
        assertThat(PatternParser.parse(text)).isEqualTo(PatternParser.parse(text.strip()));
        assertThat(PatternParser.parse(text).toString()).isEqualTo("[ipv4-addr:value = '10.0.0.0']");
    }
}
