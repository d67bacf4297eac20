package org.threatledger.ingest.misp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.threatledger.ingest.Rejection;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Timestamps;
import org.threatledger.stix.Tlp;

class MispEventImporterTest {
    private final MispEventImporter importer = new MispEventImporter();

    /** {@code indicators} -1: the count depends on IocValue's rules (long_event has URLs without a scheme). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "pymisp/existing_event.json, 5a3c2fcd-8328-42bb-a95e-4f4402de0b81, 83, 68",
        "pymisp/long_event.json, 57153590-f73c-49fa-be4b-4737950d210f, 258, -1",
        "pymisp/to_delete1.json, 5a0a9aa9-23a4-4607-b6df-41a9950d210f, 54, 54",
        "pymisp/to_delete2.json, 5a0d5bf4-99c8-4f15-9879-22b1950d210f, 117, 111",
        "pymisp/image_event.json, 5c706a30-8ad4-4fcc-9e17-4d3d02de0b81, 46, 26",
        "pymisp/galaxy_1.json, 5acc88e9-265c-4f22-9d2b-b702950d210f, 4, 2",
        "pymisp/mainly_objects_1.json, 5c066053-0e94-46eb-9746-4b7d950d210f, 21, 15",
        "pymisp/sighting_1.json, 5b646415-7b48-40d5-86b4-c0070acd0835, 5, 5",
        "pymisp/57c4445b-c548-4654-af0b-4be3950d210f.json, 57c4445b-c548-4654-af0b-4be3950d210f, 5, 5",
        "eset-malware-ioc/gelsemium/misp.event_2021-06-09_gelsemium-when-threat-actors-go-gardening.json, 3b9c73b1-e5a0-4fd8-a939-f8580f71f44b, 153, 153",
        "eset-malware-ioc/backdoordiplomacy/misp.event_2021-06-10_backdoordiplomacy.json, a3bc1af1-e021-4685-9dd1-68013abef4d9, 66, 66",
        "eset-malware-ioc/dukes/misp-dukes-operation-ghost-event.json, 5d9b516c-e5f0-4e7c-a958-5d8c0a019371, 0, 0",
    })
    void event_everyToIdsAttribute_isOnAnIndicatorOrRejected(String file, String uuid, int toIds, int indicators) {
        Collected c = Collected.read(importer, Collected.event(file));
        StixObject report = c.byId("report--" + uuid);
        assertThat(report.externalIds()).contains(uuid);
        if (indicators >= 0) {
            assertThat(c.ofType("indicator")).hasSize(indicators);
        }

        Set<String> onIndicators = new HashSet<>();
        c.ofType("indicator").forEach(i -> onIndicators.addAll(i.externalIds()));
        Set<String> rejected = c.rejections.stream().map(Rejection::objectId).collect(Collectors.toSet());
        Set<String> expected = toIdsUuids(Collected.event(file));
        assertThat(expected).hasSize(toIds);
        assertThat(expected).allMatch(u -> onIndicators.contains(u) || rejected.contains(u));
        assertThat(report.strings("object_refs")).containsAll(c.ofType("indicator").stream().map(StixObject::id).toList());
    }

    @Test
    void existingEvent_fileObjects_becomeOneAndedIndicatorEach() {
        Collected c = Collected.read(importer, Collected.event("pymisp/existing_event.json"));
        StixObject object = c.byId("indicator--5a3cd5b6-9568-4342-b2ab-4c62950d210f");
        assertThat(object.text("pattern").orElseThrow())
                .startsWith("[file:name = 'Bulletin.doc' AND file:hashes.");
        assertThat(object.externalIds()).hasSizeGreaterThan(1);
        long perObject = c.ofType("indicator").stream()
                .filter(i -> !i.externalIds().contains(i.id().substring("indicator--".length()))).count();
        assertThat(perObject).isEqualTo(37);
    }

    @Test
    void existingEvent_galaxies_giveStubsThatTheIndicatorsIndicate() {
        Collected c = Collected.read(importer, Collected.event("pymisp/existing_event.json"));
        assertThat(c.ofType("intrusion-set")).singleElement().satisfies(actor -> {
            assertThat(actor.name()).contains("Sofacy");
            assertThat(actor.strings("aliases")).contains("APT28", "Fancy Bear");
            assertThat(actor.modified()).contains(java.time.Instant.EPOCH);
        });
        assertThat(c.ofType("malware")).hasSize(7);
        assertThat(c.ofType("tool")).hasSize(4);
        long indicates = c.ofType("relationship").stream()
                .filter(r -> r.text("relationship_type").orElseThrow().equals("indicates")).count();
        assertThat(indicates).isEqualTo(68L * 8);
        assertThat(c.warnings).anyMatch(w -> w.reason().contains("'exploit-kit' has no STIX mapping"));
    }

    @Test
    void dukesEvent_actorUsesEachAttackPattern_withAttackIds() {
        Collected c = Collected.read(importer, Collected.event("eset-malware-ioc/dukes/misp-dukes-operation-ghost-event.json"));
        StixObject actor = c.ofType("intrusion-set").get(0);
        assertThat(actor.id()).isEqualTo(Ids.derived("intrusion-set", "misp-galaxy", "b2056ff0-00b9-482e-b11c-c771daa5f28a"));
        assertThat(c.ofType("attack-pattern")).hasSize(30)
                .anyMatch(p -> p.name().orElseThrow().equals("Spearphishing Attachment") && p.externalIds().contains("T1193"));
        long uses = c.ofType("relationship").stream()
                .filter(r -> r.text("relationship_type").orElseThrow().equals("uses")
                        && r.text("source_ref").orElseThrow().equals(actor.id())).count();
        assertThat(uses).isEqualTo(30);
        assertThat(c.ofType("observed-data")).hasSize(87);
    }

    @Test
    void gelsemiumEvent_hashes_equalEsetSampleLists() throws IOException {
        Collected c = Collected.read(importer, Collected.event(
                "eset-malware-ioc/gelsemium/misp.event_2021-06-09_gelsemium-when-threat-actors-go-gardening.json"));
        Path lists = Collected.DATA.resolve("ioc-lists/eset-malware-ioc/gelsemium");
        assertThat(patternValues(c, "file:hashes.MD5")).isEqualTo(lines(lists.resolve("samples.md5")));
        assertThat(patternValues(c, "file:hashes.'SHA-1'")).isEqualTo(lines(lists.resolve("samples.sha1")));
        assertThat(patternValues(c, "file:hashes.'SHA-256'")).isEqualTo(lines(lists.resolve("samples.sha256"))).hasSize(51);
    }

    @Test
    void dukesEvent_observedSha1_equalEsetSampleList() throws IOException {
        Collected c = Collected.read(importer, Collected.event("eset-malware-ioc/dukes/misp-dukes-operation-ghost-event.json"));
        Set<String> sha1 = c.ofType("file").stream().map(f -> f.json().path("hashes").path("SHA-1").asText(""))
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        assertThat(sha1).isEqualTo(lines(Collected.DATA.resolve("ioc-lists/eset-malware-ioc/dukes/samples.sha1")));
    }

    @Test
    void toDelete2_ninetyIpDstIndicators() {
        Collected c = Collected.read(importer, Collected.event("pymisp/to_delete2.json"));
        long ipDst = c.ofType("indicator").stream().filter(i -> i.name().orElseThrow().startsWith("ip-dst: ")).count();
        assertThat(ipDst).isEqualTo(90);
        assertThat(c.ofType("indicator")).filteredOn(i -> i.name().orElseThrow().startsWith("ip-dst: "))
                .allMatch(i -> i.text("pattern").orElseThrow().startsWith("[ipv4-addr:value = '"));
    }

    @Test
    void sighting1_sixSightings_twoSeenThreeFalsePositiveOneExpiration() {
        Collected c = Collected.read(importer, Collected.event("pymisp/sighting_1.json"));
        assertThat(c.ofType("sighting")).hasSize(2).allSatisfy(s -> {
            assertThat(s.text("sighting_of_ref").orElseThrow()).startsWith("indicator--");
            assertThat(s.strings("where_sighted_refs"))
                    .containsExactly(Ids.derived("identity", "misp-org", "5c6983c8-3af8-4304-869c-4800d6c1883c"));
            assertThat(s.json().path("count").asInt()).isEqualTo(1);
            assertThat(s.text("first_seen")).isEqualTo(s.text("last_seen"));
        });
        assertThat(c.byId("sighting--5c7641bf-a4e8-4d5d-a653-03240a00020f").text("sighting_of_ref"))
                .contains("indicator--5b6464ca-e73c-4707-9b8a-d0350acd0835");
        assertThat(c.ofType("opinion")).hasSize(3)
                .allMatch(o -> o.text("opinion").orElseThrow().equals("strongly-disagree"));
        assertThat(c.warnings).filteredOn(w -> w.type().equals("misp-sighting")).hasSize(1);
    }

    @Test
    void tlpWhiteTag_becomesClearMarking_otherTagsLabels() {
        Collected c = Collected.read(importer, Collected.event("pymisp/57c4445b-c548-4654-af0b-4be3950d210f.json"));
        StixObject report = c.byId("report--57c4445b-c548-4654-af0b-4be3950d210f");
        assertThat(report.strings("object_marking_refs")).containsExactly(Tlp.CLEAR.markingId());
        assertThat(report.strings("labels")).contains("circl:incident-classification=\"malware\"")
                .noneMatch(l -> l.startsWith("tlp:"));
        assertThat(c.ofType("indicator")).allMatch(i -> i.markingRefs().equals(Set.of(Tlp.CLEAR.markingId())));
    }

    @Test
    void attributeTlp_strictestOfEventAndAttributeWins() {
        String json = """
                {"Event": {"uuid": "11111111-2222-4333-8444-555555555555", "info": "tlp test", "date": "2024-01-02",
                  "timestamp": "1704200000", "Orgc": {"uuid": "22222222-2222-4333-8444-555555555555", "name": "Org"},
                  "Tag": [{"name": "tlp:amber"}],
                  "Attribute": [
                    {"uuid": "33333333-2222-4333-8444-555555555555", "type": "domain", "value": "Evil.Example",
                     "to_ids": true, "timestamp": "1704200000", "Tag": [{"name": "tlp:red"}]},
                    {"uuid": "44444444-2222-4333-8444-555555555555", "type": "domain", "value": "other.example",
                     "to_ids": true, "timestamp": "1704200000", "Tag": [{"name": "tlp:clear"}, {"name": "kill-chain:c2"}]}]}}
                """;
        Collected c = Collected.read(importer, "tlp.json", json);
        assertThat(c.byId("indicator--33333333-2222-4333-8444-555555555555").markingRefs())
                .containsExactly(Tlp.RED.markingId());
        StixObject other = c.byId("indicator--44444444-2222-4333-8444-555555555555");
        assertThat(other.markingRefs()).containsExactly(Tlp.AMBER.markingId());
        assertThat(other.strings("labels")).containsExactly("kill-chain:c2");
        assertThat(c.byId("report--11111111-2222-4333-8444-555555555555").markingRefs())
                .containsExactly(Tlp.AMBER.markingId());
    }

    @Test
    void threeEnvelopes_giveTheSameObjects() throws IOException {
        Path file = Collected.event("pymisp/57c4445b-c548-4654-af0b-4be3950d210f.json");
        JsonNode event = StixJson.mapper().readTree(file.toFile()).get("Event");
        String bare = StixJson.write(event);
        Collected wrapped = Collected.read(importer, "wrapped.json", "{\"Event\":" + bare + "}");
        Collected plain = Collected.read(importer, "bare.json", bare);
        Collected response = Collected.read(importer, "response.json", "{\"response\":[{\"Event\":" + bare + "}]}");
        assertThat(wrapped.objects).hasSize(9).isEqualTo(plain.objects).isEqualTo(response.objects);
        assertThat(wrapped.rejections).isEmpty();
        assertThat(importer.recognises("a.json", ("{\"Event\":" + bare + "}").getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(importer.recognises("a.json", Files.readAllBytes(Collected.event("pymisp/existing_event.json")))).isTrue();
        assertThat(importer.recognises("a.json", Files.readAllBytes(Collected.event(
                "eset-malware-ioc/xdspy/misp-xdspy-event.json")))).isTrue();
        assertThat(importer.recognises("b.json", "{\"type\":\"bundle\",\"id\":\"bundle--x\",\"objects\":[]}"
                .getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void truncatedResponse_keepsEarlierEvents_andNamesTheLine() throws IOException {
        Path file = Collected.event("pymisp/57c4445b-c548-4654-af0b-4be3950d210f.json");
        String event = StixJson.write(StixJson.mapper().readTree(file.toFile()).get("Event"));
        String second = event.replace("57c4445b-c548-4654-af0b-4be3950d210f", "57c4445b-c548-4654-af0b-4be3950d2100");
        String json = "{\"response\":[\n{\"Event\":" + event + "},\n{\"Event\":\n" + second.substring(0, second.length() / 2);
        Collected c = Collected.read(importer, "truncated.json", json);
        assertThat(c.objects).extracting(StixObject::id).contains("report--57c4445b-c548-4654-af0b-4be3950d210f")
                .doesNotContain("report--57c4445b-c548-4654-af0b-4be3950d2100");
        assertThat(c.rejections).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(4);
            assertThat(r.reason()).contains("malformed JSON");
        });
    }

    @Test
    void responseOfManyEvents_isStreamedEventByEvent_badEventRejectedWithItsLine() {
        StringBuilder json = new StringBuilder("{\"response\": [\n");
        for (int i = 0; i < 300; i++) {
            json.append(String.format("""
                    {"Event": {"uuid": "11111111-2222-4333-8444-%012d", "info": "event %d", "date": "2024-01-02",
                      "timestamp": "1704200000", "Orgc": {"uuid": "22222222-2222-4333-8444-555555555555", "name": "Org"},
                      "Attribute": [{"uuid": "33333333-2222-4333-8444-%012d", "type": "domain",
                                     "value": "host%d.example", "to_ids": true}]}},
                    """, i, i, i, i));
        }
        json.append("{\"Event\": {\"info\": \"no uuid\", \"timestamp\": \"1704200000\"}}\n]}");
        Collected c = Collected.read(importer, "many.json", json.toString());
        assertThat(c.ofType("report")).hasSize(300);
        assertThat(c.ofType("indicator")).hasSize(300);
        assertThat(c.rejections).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(2 + 300 * 4);
            assertThat(r.field()).isEqualTo("uuid");
            assertThat(r.reason()).contains("no uuid");
        });
    }

    @Test
    void badAttributes_areRejectedByName_restOfEventImported() {
        String json = """
                {"uuid": "11111111-2222-4333-8444-555555555555", "info": "bad values", "date": "2024-01-02",
                  "timestamp": "1704200000", "Orgc": {"uuid": "22222222-2222-4333-8444-555555555555", "name": "Org"},
                  "Attribute": [
                    {"uuid": "33333333-2222-4333-8444-555555555555", "type": "md5", "value": "not-a-hash", "to_ids": true},
                    {"type": "domain", "value": "no-uuid.example", "to_ids": true},
                    {"uuid": "55555555-2222-4333-8444-555555555555", "type": "no-such-type", "value": "x", "to_ids": true},
                    {"uuid": "66666666-2222-4333-8444-555555555555", "type": "sha1",
                     "value": "AAF4C61DDCC5E8A2DABEDE0F3B482CD9AEA9434D", "to_ids": true}]}
                """;
        Collected c = Collected.read(importer, "bad.json", json);
        assertThat(c.rejections).hasSize(3);
        assertThat(c.rejections.get(0)).satisfies(r -> {
            assertThat(r.file()).isEqualTo("bad.json");
            assertThat(r.objectId()).isEqualTo("33333333-2222-4333-8444-555555555555");
            assertThat(r.field()).isEqualTo("value");
            assertThat(r.reason()).contains("11111111-2222-4333-8444-555555555555", "not-a-hash");
        });
        assertThat(c.rejections.get(1).field()).isEqualTo("uuid");
        assertThat(c.rejections.get(1).reason()).contains("no-uuid.example");
        assertThat(c.rejections.get(2).reason()).contains("no-such-type");
        assertThat(c.byId("indicator--66666666-2222-4333-8444-555555555555").text("pattern"))
                .contains("[file:hashes.'SHA-1' = 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d']");
    }

    @Test
    void eventReports_becomeNotes_deletedAttributesAndProposalsWarned() {
        String json = """
                {"Event": {"uuid": "11111111-2222-4333-8444-555555555555", "info": "extras", "date": "2024-01-02",
                  "timestamp": "1704200000", "Orgc": {"uuid": "22222222-2222-4333-8444-555555555555", "name": "Org"},
                  "Attribute": [{"uuid": "33333333-2222-4333-8444-555555555555", "type": "domain",
                                 "value": "gone.example", "to_ids": true, "deleted": true}],
                  "ShadowAttribute": [{"type": "domain", "value": "proposed.example"}],
                  "EventReport": [{"uuid": "44444444-2222-4333-8444-555555555555", "name": "Write-up",
                                   "content": "# Findings", "timestamp": "1704200100"}]}}
                """;
        Collected c = Collected.read(importer, "extras.json", json);
        StixObject note = c.byId("note--44444444-2222-4333-8444-555555555555");
        assertThat(note.text("content")).contains("# Findings");
        assertThat(note.strings("object_refs")).containsExactly("report--11111111-2222-4333-8444-555555555555");
        assertThat(c.ofType("indicator")).isEmpty();
        assertThat(c.warnings).extracting(Rejection::field).containsExactly("deleted", "ShadowAttribute");
        assertThat(c.rejections).isEmpty();
    }

    @Test
    void attributeGalaxy_isIndicatedByThatAttributeOnly() {
        String json = """
                {"Event": {"uuid": "11111111-2222-4333-8444-555555555555", "info": "attr galaxy", "date": "2024-01-02",
                  "timestamp": "1704200000", "Orgc": {"uuid": "22222222-2222-4333-8444-555555555555", "name": "Org"},
                  "Attribute": [
                    {"uuid": "33333333-2222-4333-8444-555555555555", "type": "ip-dst", "value": "192.0.2.7", "to_ids": true,
                     "Galaxy": [{"type": "threat-actor", "uuid": "698774c7-8022-42c4-917f-8d6e4f06ada3",
                       "GalaxyCluster": [{"uuid": "1cb7e1cc-d695-42b1-92f4-fd0112a3c9be", "value": "APT1",
                                          "collection_uuid": "7cdff317-a673-4474-84ec-4f1754947823"}]}]},
                    {"uuid": "44444444-2222-4333-8444-555555555555", "type": "ip-dst", "value": "192.0.2.8", "to_ids": true}]}}
                """;
        Collected c = Collected.read(importer, "attr-galaxy.json", json);
        String apt1 = Ids.derived("intrusion-set", "misp-galaxy", "1cb7e1cc-d695-42b1-92f4-fd0112a3c9be");
        assertThat(c.byId(apt1).modified()).contains(java.time.Instant.EPOCH);
        assertThat(c.ofType("relationship")).singleElement().satisfies(r -> {
            assertThat(r.text("source_ref")).contains("indicator--33333333-2222-4333-8444-555555555555");
            assertThat(r.text("target_ref")).contains(apt1);
        });
    }

    @Test
    void everyEventFile_emitsValidIdsAndTimestamps_andReadsTheSameTwice() throws IOException {
        for (Path file : eventFiles()) {
            Collected first = Collected.read(importer, file);
            Collected second = Collected.read(importer, file);
            assertThat(first.objects).as(file.toString()).isEqualTo(second.objects);
            for (StixObject o : first.objects) {
                assertThat(Ids.isValid(o.id())).as(o.id()).isTrue();
                assertThat(o.text("spec_version")).as(o.id()).contains("2.1");
                for (String p : List.of("created", "modified", "valid_from", "published", "first_observed",
                        "last_observed", "first_seen", "last_seen")) {
                    o.text(p).ifPresent(t -> assertThat(Timestamps.isValid(t)).as(o.id() + " " + p).isTrue());
                }
                if (o.kind() != org.threatledger.stix.StixType.Kind.SCO) {
                    assertThat(o.has("created") && o.has("modified")).as(o.id()).isTrue();
                }
                o.references().forEach(r -> assertThat(Ids.isValid(r)).as(o.id() + " -> " + r).isTrue());
            }
        }
    }

    @Test
    void scoIds_followStix21Section29() {
        Collected c = Collected.read(importer, Collected.event("eset-malware-ioc/xdspy/misp-xdspy-event.json"));
        StixObject domain = c.ofType("domain-name").get(0);
        String expected = "domain-name--" + Ids.uuid5(ScoIds.NAMESPACE,
                "{\"value\":" + StixJson.write(domain.json().get("value")) + "}");
        assertThat(domain.id()).isEqualTo(expected);
    }

    private static List<Path> eventFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Collected.DATA.resolve("misp-events"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Set<String> toIdsUuids(Path file) {
        try {
            JsonNode root = StixJson.mapper().readTree(file.toFile());
            JsonNode event = root.has("response") ? root.get("response").get(0).get("Event")
                    : root.has("Event") ? root.get("Event") : root;
            Set<String> out = new HashSet<>();
            event.path("Attribute").forEach(a -> addToIds(a, out));
            event.path("Object").forEach(o -> o.path("Attribute").forEach(a -> addToIds(a, out)));
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void addToIds(JsonNode a, Set<String> out) {
        if (a.path("to_ids").asBoolean()) {
            out.add(a.path("uuid").asText());
        }
    }

    private static Set<String> patternValues(Collected c, String path) {
        Pattern p = Pattern.compile(Pattern.quote(path) + " = '([^']*)'");
        Set<String> out = new HashSet<>();
        for (StixObject i : c.ofType("indicator")) {
            Matcher m = p.matcher(i.text("pattern").orElseThrow());
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static Set<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
    }
}
