package org.threatledger.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocIndicators;
import org.threatledger.stix.IocType;
import org.threatledger.stix.IocValue;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;

class IndicatorSetPropertyTest {

    @Test
    void randomSetsAndObservations_indicatorSetAgreesWithReferenceMatcher() {
        qt().withExamples(3000).forAll(Samples.entries(), Samples.observations()).checkAssert((entries, observations) -> {
            IndicatorSet set = IndicatorSet.compile(entries, List.of());
            ReferenceMatcher reference = new ReferenceMatcher(entries);
            for (Observation o : observations) {
                int[] expected = reference.lookup(o).stream().mapToInt(Integer::intValue).toArray();
                assertThat(set.lookup(o)).as("%s against %s", o, entries).containsExactly(expected);
            }
        });
    }

    @Test
    void randomSetsAndObservations_valuesLookedUpAsBytes_matchAsTheirObservation() {
        qt().withExamples(3000).forAll(Samples.entries(), Samples.observations()).checkAssert((entries, observations) -> {
            IndicatorSet set = IndicatorSet.compile(entries, List.of());
            for (Observation o : observations) {
                Observation portless = new Observation(o.type(), o.value(), -1, o.timeMicros(), o.where(), o.sensor(),
                        o.source(), o.line(), o.uid(), null);
                byte[] b = ("\t" + o.value() + "\t").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(set.lookupAscii(o.type(), b, 1, b.length - 1, o.where())).as("%s against %s", o, entries)
                        .containsExactly(set.lookup(portless));
            }
        });
    }

    @Test
    void randomSets_stixExportsOfEntriesMatchExactlyLikeTheEntries() {
        qt().withExamples(1000).forAll(Samples.entries(), Samples.observations()).checkAssert((entries, observations) -> {
            IndicatorSet fromEntries = IndicatorSet.compile(entries, List.of());
            List<StixObject> exported = entries.stream().map(e -> IocIndicators.indicator(list(e.listId()), e)).toList();
            IndicatorSet fromStix = IndicatorSet.compile(List.of(), exported);
            assertThat(fromStix.rejected()).isEmpty();
            for (Observation o : observations) {
                assertThat(ids(fromStix, fromStix.lookup(o))).as("%s", o).isEqualTo(ids(fromEntries, fromEntries.lookup(o)));
                Set<Integer> candidates = new TreeSet<>();
                fromStix.candidates(o, candidates::add);
                assertThat(candidates).as("exports are simple patterns, never candidates").isEmpty();
            }
        });
    }

    @Test
    void samplePools_areInTheNormalFormImportersProduce() {
        for (String v : Samples.concat(Samples.CIDR4, Samples.CIDR6)) {
            assertThat(IocValue.parse(v).value()).isEqualTo(v);
        }
        for (String v : Samples.URLS) {
            IocValue parsed = IocValue.parse(v);
            assertThat(parsed.type()).isEqualTo(IocType.URL);
            assertThat(parsed.value()).isEqualTo(v);
        }
        for (String v : Samples.DOMAINS) {
            assertThat(IocValue.parse(v).value()).isEqualTo(v);
        }
    }

    static Set<String> ids(IndicatorSet set, int[] ordinals) {
        return Arrays.stream(ordinals).mapToObj(i -> set.indicator(i).id()).collect(Collectors.toCollection(TreeSet::new));
    }

    static StixObject list(String id) {
        var o = StixJson.object();
        o.put("type", "x-threatledger-ioc-list");
        o.put("spec_version", "2.1");
        o.put("id", id);
        o.put("created", "2024-01-01T00:00:00.000Z");
        o.put("modified", "2024-01-01T00:00:00.000Z");
        o.put("name", "test list");
        return StixObject.of(o);
    }

    static IocEntry entry(String list, IocType type, String value, int port, boolean subdomains) {
        return new IocEntry(list, type, value, port, subdomains, null, null, 1);
    }
}
