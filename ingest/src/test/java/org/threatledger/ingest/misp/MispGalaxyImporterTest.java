package org.threatledger.ingest.misp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Timestamps;

class MispGalaxyImporterTest {
    private static final String APT1 = "1cb7e1cc-d695-42b1-92f4-fd0112a3c9be";
    private final MispGalaxyImporter importer = new MispGalaxyImporter();

    @Test
    void threatActorGalaxy_1041IntrusionSets_originsAsReadmeCounts() {
        Collected c = Collected.read(importer, Collected.cluster("threat-actor.json.gz"));
        assertThat(c.ofType("intrusion-set")).hasSize(1041);
        assertThat(c.rejections).isEmpty();
        Map<String, Long> origins = c.ofType("relationship").stream()
                .filter(r -> r.text("relationship_type").orElseThrow().equals("originates-from"))
                .collect(Collectors.groupingBy(r -> r.text("target_ref").orElseThrow(), Collectors.counting()));
        assertThat(origins.get(Ids.derived("location", "country", "CN"))).isEqualTo(216);
        assertThat(origins.get(Ids.derived("location", "country", "RU"))).isEqualTo(79);
        assertThat(origins.get(Ids.derived("location", "country", "IR"))).isEqualTo(60);
        assertThat(origins.get(Ids.derived("location", "country", "KP"))).isEqualTo(26);
        // 1,403 synonyms, of which two repeat their value's own name.
        int aliases = c.ofType("intrusion-set").stream().mapToInt(a -> a.strings("aliases").size()).sum();
        assertThat(aliases).isEqualTo(1403 - 2);
        // 128 values have cfr-target-category, 161 that or targeted-sector.
        long targetingSectors = c.ofType("relationship").stream()
                .filter(r -> r.text("relationship_type").orElseThrow().equals("targets")
                        && r.text("target_ref").orElseThrow().startsWith("identity--"))
                .map(r -> r.text("source_ref").orElseThrow()).distinct().count();
        assertThat(targetingSectors).isEqualTo(161);
    }

    @Test
    void apt1_hasAliasesAttackIdSectorsAndVictims() {
        Collected c = Collected.read(importer, Collected.cluster("threat-actor.json.gz"));
        StixObject apt1 = c.byId(Ids.derived("intrusion-set", "misp-galaxy", APT1));
        assertThat(apt1.name()).contains("APT1");
        assertThat(apt1.strings("aliases")).hasSize(11).contains("Comment Crew", "PLA Unit 61398", "G0006");
        assertThat(apt1.externalIds()).contains(APT1, "G0006");
        assertThat(apt1.text("x_threatledger_state_sponsor")).contains("China");
        assertThat(apt1.text("x_threatledger_attribution_confidence")).contains("50");
        assertThat(apt1.text("primary_motivation")).contains("espionage");
        assertThat(apt1.json().path("x_threatledger_related").findValuesAsText("uuid"))
                .contains("6a2e693f-24e5-451a-9f88-b36a108e5662");
        List<String> targets = targetsOf(c, apt1.id());
        assertThat(targets).contains(Ids.derived("identity", "sector", "private sector"),
                Ids.derived("identity", "sector", "government"),
                Ids.derived("location", "country", "US"), Ids.derived("location", "country", "TW"));
        assertThat(c.byId(Ids.derived("identity", "sector", "government")).strings("sectors")).containsExactly("government");
        assertThat(c.byId(Ids.derived("identity", "sector", "private sector")).text("identity_class")).contains("class");
        assertThat(c.byId(Ids.derived("location", "country", "US")).text("country")).contains("US");
    }

    @Test
    void galaxyObjects_dateFromVersion_supersedeEventStubs() {
        Collected galaxy = Collected.read(importer, Collected.cluster("threat-actor.json.gz"));
        StixObject apt29 = galaxy.byId(Ids.derived("intrusion-set", "misp-galaxy", "b2056ff0-00b9-482e-b11c-c771daa5f28a"));
        assertThat(apt29.modified()).contains(Instant.EPOCH.plusSeconds(349));
        assertThat(apt29.created()).contains(Instant.EPOCH.plusSeconds(349));
        Collected event = Collected.read(new MispEventImporter(),
                Collected.event("eset-malware-ioc/dukes/misp-dukes-operation-ghost-event.json"));
        StixObject stub = event.byId(apt29.id());
        assertThat(stub.modified()).contains(Instant.EPOCH);
        assertThat(apt29.versionInstant()).isAfter(stub.versionInstant());
    }

    @Test
    void mitreIntrusionSet_nameWithoutAttackId_uuidKeptForTheResolver() {
        Collected c = Collected.read(importer, Collected.cluster("mitre-intrusion-set.json"));
        assertThat(c.ofType("intrusion-set")).hasSize(191);
        StixObject apt1 = c.byId(Ids.derived("intrusion-set", "misp-galaxy", "6a2e693f-24e5-451a-9f88-b36a108e5662"));
        assertThat(apt1.name()).contains("APT1");
        assertThat(apt1.json().path("external_references").toString())
                .contains("{\"source_name\":\"misp-galaxy\",\"external_id\":\"6a2e693f-24e5-451a-9f88-b36a108e5662\"}")
                .contains("{\"source_name\":\"mitre-attack\",\"external_id\":\"G0006\"}");
        assertThat(apt1.modified()).contains(Instant.EPOCH.plusSeconds(40));
    }

    @Test
    void otherGalaxies_countsAsReadme() {
        assertThat(Collected.read(importer, Collected.cluster("mitre-malware.json.gz")).ofType("malware")).hasSize(850)
                .allMatch(m -> m.json().path("is_family").asBoolean());
        assertThat(Collected.read(importer, Collected.cluster("mitre-tool.json")).ofType("tool")).hasSize(97);
        assertThat(Collected.read(importer, Collected.cluster("tool.json")).ofType("tool")).hasSize(608);
        assertThat(Collected.read(importer, Collected.cluster("microsoft-activity-group.json")).ofType("intrusion-set"))
                .hasSize(179);
        Collected patterns = Collected.read(importer, Collected.cluster("mitre-attack-pattern.json.gz"));
        assertThat(patterns.ofType("attack-pattern")).hasSize(1266)
                .allMatch(p -> p.externalIds().stream().anyMatch(x -> x.matches("TA?\\d{4}(\\.\\d{3})?")))
                .anyMatch(p -> p.name().orElseThrow().equals("Spearphishing Attachment")
                        && p.externalIds().contains("T1566.001"));
        assertThat(Collected.read(importer, Collected.cluster("sector.json")).ofType("identity")).hasSize(118);
        Collected countries = Collected.read(importer, Collected.cluster("country.json"));
        assertThat(countries.ofType("location")).hasSize(252);
        assertThat(countries.byId(Ids.derived("location", "country", "CN")).name()).contains("China");
        assertThat(Collected.read(importer, Collected.cluster("region.json")).ofType("location")).hasSize(32)
                .allMatch(l -> l.has("region"));
    }

    @Test
    void badValues_areRejectedWithIndexAndField() {
        String json = """
                {"type": "threat-actor", "uuid": "7cdff317-a673-4474-84ec-4f1754947823", "version": 2, "name": "t",
                 "values": [
                   {"value": "Good", "uuid": "11111111-2222-4333-8444-555555555555", "meta": {"synonyms": ["Fine"]}},
                   {"value": "No Uuid", "meta": {}},
                   {"uuid": "33333333-2222-4333-8444-555555555555"},
                   {"value": "Bad Synonyms", "uuid": "44444444-2222-4333-8444-555555555555", "meta": {"synonyms": "x"}}]}
                """;
        Collected c = Collected.read(importer, "bad-galaxy.json", json);
        assertThat(c.ofType("intrusion-set")).singleElement().satisfies(a -> assertThat(a.name()).contains("Good"));
        assertThat(c.rejections).extracting(r -> r.field())
                .containsExactly("values[1].uuid", "values[2].value", "values[3].meta.synonyms");
        assertThat(c.rejections.get(0).reason()).contains("No Uuid");
        assertThat(c.rejections).allMatch(r -> r.file().equals("bad-galaxy.json"));
    }

    @Test
    void recognises_clusterFilesOnly() throws IOException {
        assertThat(importer.recognises("threat-actor.json", head(Collected.cluster("threat-actor.json.gz")))).isTrue();
        assertThat(importer.recognises("sector.json", head(Collected.cluster("sector.json")))).isTrue();
        assertThat(importer.recognises("e.json", head(Collected.event("pymisp/galaxy_1.json")))).isFalse();
        assertThat(new MispEventImporter().recognises("t.json", head(Collected.cluster("threat-actor.json.gz")))).isFalse();
    }

    @Test
    void everyClusterFile_validIdsAndTimestamps_sameTwice() throws IOException {
        try (var files = Files.list(Collected.DATA.resolve("misp-galaxy/clusters"))) {
            for (Path file : files.sorted().toList()) {
                Collected first = Collected.read(importer, file);
                assertThat(first.objects).as(file.toString()).isEqualTo(Collected.read(importer, file).objects);
                assertThat(first.rejections).as(file.toString()).isEmpty();
                for (StixObject o : first.objects) {
                    assertThat(Ids.isValid(o.id())).as(o.id()).isTrue();
                    assertThat(Timestamps.isValid(o.text("created").orElse(null))).as(o.id()).isTrue();
                    assertThat(Timestamps.isValid(o.text("modified").orElse(null))).as(o.id()).isTrue();
                }
                Set<String> ids = first.objects.stream().map(StixObject::id).collect(Collectors.toSet());
                assertThat(ids).as("each object once per file").hasSize(first.objects.size());
            }
        }
    }

    private static List<String> targetsOf(Collected c, String source) {
        return c.ofType("relationship").stream()
                .filter(r -> r.text("relationship_type").orElseThrow().equals("targets")
                        && r.text("source_ref").orElseThrow().equals(source))
                .map(r -> r.text("target_ref").orElseThrow()).toList();
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return in.readNBytes(4096);
        }
    }
}
