package org.threatledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocType;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.store.PutResult.Outcome;

/**
 * The behaviour every {@link KnowledgeStore} has, run against each implementation. Each test gets
 * an empty store at {@link #location()}.
 */
abstract class KnowledgeStoreContract {
    static final Provenance TEST = new Provenance("test", "contract", Instant.parse("2026-02-03T04:05:06Z"), null);

    protected KnowledgeStore store;

    /** Where a fresh, empty store for the current test lives ({@link Stores#open} argument). */
    protected abstract String location();

    @BeforeEach
    void openStore() {
        store = Stores.open(location());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected void reopen() {
        store.close();
        store = Stores.open(location());
    }

    @Test
    void pythonStix2Store_everyVersionKept_newestIsCurrent() {
        PutResult r = store.put(TestData.pythonStix2Store(), TEST);

        assertThat(store.versions(TestData.ROVER)).extracting(v -> v.object().version()).containsExactly(
                "2017-05-31T21:32:58.226Z", "2018-11-01T23:24:48.456Z", "2018-11-01T23:24:48.457Z",
                "2018-11-16T22:54:20.390Z");
        assertThat(store.versions(TestData.IDENTITY)).hasSize(2);
        assertThat(store.get(TestData.ROVER).orElseThrow().object().version()).isEqualTo("2018-11-16T22:54:20.390Z");
        assertThat(r.total(Outcome.ADDED) + r.total(Outcome.UPDATED) + r.total(Outcome.OLDER)).isEqualTo(31);
    }

    @Test
    void revision_growsWithEveryStoredVersion_andOnlyThen() {
        long empty = store.revision();
        store.put(TestData.pythonStix2Store(), TEST);
        long filled = store.revision();

        store.put(TestData.pythonStix2Store(), TEST);
        store.addMembers("c", List.of(TestData.ROVER));
        assertThat(store.revision()).as("unchanged re-import, membership").isEqualTo(filled);

        String id = "malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061";
        store.put(List.of(TestData.sdo(id, "2024-05-01T00:00:00.000Z", "New", "\"is_family\":true")), TEST);
        assertThat(filled).isGreaterThan(empty);
        assertThat(store.revision()).isGreaterThan(filled);
    }

    @Test
    void changesAfter_aRevision_areTheVersionsStoredSince_inStoreOrder() {
        store.put(TestData.pythonStix2Store(), TEST);
        long before = store.revision();
        assertThat(store.changesAfter(before, 100)).isEmpty();

        String first = "malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0062";
        String second = "malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0063";
        store.put(List.of(TestData.sdo(first, "2024-05-01T00:00:00.000Z", "One", "\"is_family\":true")), TEST);
        store.put(List.of(TestData.sdo(second, "2024-05-01T00:00:00.000Z", "Two", "\"is_family\":true")), TEST);

        assertThat(store.changesAfter(before, 100)).extracting(s -> s.object().id()).containsExactly(first, second);
        assertThat(store.changesAfter(before, 1)).hasSize(1);
        assertThat(store.changesAfter(store.revision(), 100)).isEmpty();
        assertThat(store.changesAfter(0, 10_000)).hasSizeGreaterThan(2)
                .extracting(s -> s.object().id()).endsWith(first, second);
    }

    @Test
    void reimport_sameVersions_unchangedAndNothingWritten() {
        List<StixObject> objects = TestData.pythonStix2Store();
        store.put(objects, TEST);
        Instant between = Instant.now();

        PutResult again = store.put(objects, TEST);

        assertThat(again.total(Outcome.UNCHANGED)).isEqualTo(31);
        assertThat(again.total(Outcome.ADDED) + again.total(Outcome.UPDATED) + again.total(Outcome.OLDER)).isZero();
        assertThat(store.changesSince(between, 100)).isEmpty();
        assertThat(store.versions(TestData.ROVER)).hasSize(4);
    }

    @Test
    void olderVersion_afterNewer_keptInHistoryButNeverCurrent() {
        String id = "malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061";
        store.put(List.of(TestData.sdo(id, "2024-05-01T00:00:00.000Z", "New name", "\"is_family\":true")), TEST);

        PutResult r = store.put(List.of(TestData.sdo(id, "2021-01-01T00:00:00.000Z", "Old name", "\"is_family\":true")), TEST);

        assertThat(r.count("malware", Outcome.OLDER)).isEqualTo(1);
        assertThat(store.get(id).orElseThrow().object().name()).contains("New name");
        assertThat(store.versions(id)).extracting(v -> v.object().name().orElseThrow()).containsExactly("Old name", "New name");
        assertThat(store.lookup("old name")).isEmpty();
        assertThat(store.lookup("new name")).hasSize(1);
        assertThat(store.put(List.of(TestData.sdo(id, "2021-01-01T00:00:00.000Z", "Old name", "")), TEST)
                .total(Outcome.UNCHANGED)).isEqualTo(1);
    }

    @Test
    void newerVersion_replacesNameAliasesAndSearchText() {
        String id = "intrusion-set--1b2c3d4e-0000-4000-8000-000000000001";
        store.put(List.of(TestData.sdo(id, "2020-01-01T00:00:00.000Z", "Saffron Owl", "\"aliases\":[\"Tin Fox\"]")), TEST);

        PutResult r = store.put(List.of(TestData.sdo(id, "2022-01-01T00:00:00.000Z", "Copper Heron", "\"aliases\":[\"Slate Wolf\"]")), TEST);

        assertThat(r.count("intrusion-set", Outcome.UPDATED)).isEqualTo(1);
        assertThat(store.lookup("tin fox")).isEmpty();
        assertThat(store.lookup("SLATE WOLF")).extracting(StixObject::id).containsExactly(id);
        assertThat(store.search("saffron", null, 10)).isEmpty();
        assertThat(store.search("heron", null, 10)).extracting(StixObject::id).containsExactly(id);
    }

    @Test
    void revokedVersion_retiresObjectEverywhereButGet() {
        String id = "intrusion-set--1b2c3d4e-0000-4000-8000-000000000002";
        String rel = "relationship--1b2c3d4e-0000-4000-8000-000000000003";
        store.put(List.of(TestData.sdo(id, "2020-01-01T00:00:00.000Z", "Umber Crane", "")), TEST);
        store.put(List.of(relationship(rel, id, "malware--1b2c3d4e-0000-4000-8000-000000000004")), TEST);

        store.put(List.of(TestData.sdo(id, "2021-01-01T00:00:00.000Z", "Umber Crane", "\"revoked\":true"),
                relationship(rel, id, "malware--1b2c3d4e-0000-4000-8000-000000000004").with("revoked",
                        com.fasterxml.jackson.databind.node.BooleanNode.TRUE)
                        .with("modified", new com.fasterxml.jackson.databind.node.TextNode("2021-01-01T00:00:00.000Z"))),
                TEST);

        assertThat(store.get(id).orElseThrow().object().revoked()).isTrue();
        assertThat(store.lookup("umber crane")).isEmpty();
        assertThat(store.lookup(id)).isEmpty();
        assertThat(store.byType("intrusion-set", 0, 10)).isEmpty();
        assertThat(store.search("umber", null, 10)).isEmpty();
        assertThat(store.relationships(id)).isEmpty();
        assertThat(store.stats().byType()).doesNotContainKeys("intrusion-set", "relationship");
        List<StoredObject> streamed = new ArrayList<>();
        store.forEachCurrent(null, streamed::add);
        assertThat(streamed).isEmpty();
    }

    @Test
    void tlp_ownMarkingElseProvenanceDefaultElseAmber() {
        String marked = "indicator--1b2c3d4e-0000-4000-8000-000000000005";
        String plain = "indicator--1b2c3d4e-0000-4000-8000-000000000006";
        String other = "indicator--1b2c3d4e-0000-4000-8000-000000000007";
        Provenance green = new Provenance("partner", "feed.json", Instant.parse("2026-01-01T00:00:00Z"), Tlp.GREEN);
        store.put(List.of(TestData.sdo(marked, "2020-01-01T00:00:00.000Z", "m",
                "\"object_marking_refs\":[\"" + Tlp.RED.markingId() + "\"]"),
                TestData.sdo(plain, "2020-01-01T00:00:00.000Z", "p", "")), green);
        store.put(List.of(TestData.sdo(other, "2020-01-01T00:00:00.000Z", "o", "")), TEST);

        assertThat(store.get(marked).orElseThrow().tlp()).isEqualTo(Tlp.RED);
        assertThat(store.get(plain).orElseThrow().tlp()).isEqualTo(Tlp.GREEN);
        assertThat(store.get(plain).orElseThrow().provenance()).isEqualTo(green);
        assertThat(store.get(other).orElseThrow().tlp()).isEqualTo(Tlp.AMBER);
        assertThat(store.get(other).orElseThrow().provenance()).isEqualTo(TEST);
    }

    @Test
    void attack_lookupByExternalIdAliasAndId() {
        putAttack();

        assertThat(store.lookup("G0006")).extracting(StixObject::id).containsExactly(TestData.APT1);
        assertThat(store.lookup("comment crew")).extracting(StixObject::id).containsExactly(TestData.APT1);
        assertThat(store.lookup("Comment Panda")).extracting(StixObject::id).containsExactly(TestData.APT1);
        assertThat(store.lookup(TestData.APT1.toUpperCase(java.util.Locale.ROOT))).extracting(StixObject::id)
                .containsExactly(TestData.APT1);
        assertThat(store.lookup("t1566.001")).singleElement()
                .satisfies(o -> assertThat(o.name()).contains("Spearphishing Attachment"));
        assertThat(store.lookup("no such actor")).isEmpty();
    }

    @Test
    void attack_apt1Neighbourhood_fortyNonRevokedUses() {
        putAttack();

        List<StixObject> rels = store.relationships(TestData.APT1);

        assertThat(rels).filteredOn(r -> r.text("relationship_type").orElse("").equals("uses")
                && r.text("source_ref").orElse("").equals(TestData.APT1)).hasSize(40);
        assertThat(rels).noneMatch(StixObject::revoked);
        long expected = TestData.attack().stream().filter(o -> o.type().equals("relationship") && !o.revoked()
                && (o.text("source_ref").orElse("").equals(TestData.APT1)
                || o.text("target_ref").orElse("").equals(TestData.APT1))).count();
        assertThat(rels).hasSize((int) expected);
    }

    @Test
    void attack_stats_countCurrentNonRevokedByType() {
        putAttack();
        Map<String, Long> expected = new TreeMap<>();
        for (StixObject o : TestData.attack()) {
            if (!o.revoked()) {
                expected.merge(o.type(), 1L, Long::sum);
            }
        }

        Stats stats = store.stats();

        assertThat(stats.byType()).isEqualTo(expected);
        assertThat(stats.byType().get("intrusion-set")).isEqualTo(187 - 6);
        assertThat(stats.actors()).isEqualTo(181);
        assertThat(stats.total()).isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void attack_deprecatedGroups_stayCurrentForTheCallerToFilter() {
        putAttack();
        List<StoredObject> groups = new ArrayList<>();

        store.forEachCurrent("intrusion-set", groups::add);

        assertThat(groups).filteredOn(g -> g.object().deprecated()).hasSize(9);
        assertThat(groups).filteredOn(g -> !g.object().deprecated()).hasSize(172);
    }

    @Test
    void relationships_includeSightingsThatReferToTheObject() {
        String indicator = "indicator--1b2c3d4e-0000-4000-8000-000000000018";
        String sighting = "sighting--1b2c3d4e-0000-4000-8000-000000000019";
        String place = "identity--1b2c3d4e-0000-4000-8000-000000000020";
        store.put(List.of(StixObject.parse("{\"type\":\"sighting\",\"spec_version\":\"2.1\",\"id\":\"" + sighting + "\","
                + "\"created\":\"2020-01-01T00:00:00.000Z\",\"modified\":\"2020-01-01T00:00:00.000Z\","
                + "\"sighting_of_ref\":\"" + indicator + "\",\"where_sighted_refs\":[\"" + place + "\"],\"count\":3}")), TEST);

        assertThat(store.relationships(indicator)).extracting(StixObject::id).containsExactly(sighting);
        assertThat(store.relationships(place)).extracting(StixObject::id).containsExactly(sighting);
        assertThat(store.relationships(sighting)).isEmpty();
    }

    @Test
    void attack_reimport_allUnchanged() {
        putAttack();

        PutResult again = store.put(TestData.attack(), TestData.ATTACK);

        assertThat(again.total(Outcome.UNCHANGED)).isEqualTo(24_771);
    }

    @Test
    void attack_search_bestMatchFirst() {
        putAttack();

        assertThat(store.search("Comment Crew", "intrusion-set", 5)).first()
                .extracting(StixObject::id).isEqualTo(TestData.APT1);
        assertThat(store.search("spearphishing attachment", "attack-pattern", 5)).first()
                .satisfies(o -> assertThat(o.externalIds()).contains("T1566.001"));
        assertThat(store.search("spearphishing", null, 3)).hasSize(3);
        assertThat(store.search("\"*:^(", null, 3)).isEmpty();
        assertThat(store.search("zqxjk OR spearphishing", null, 3)).as("OR is a word, not an operator").isEmpty();
    }

    @Test
    void forEachCurrentWithout_leavesOutObjectsWithTheTopLevelPropertyOnly() {
        String plain = "indicator--1b2c3d4e-0000-4000-8000-000000000031";
        String fromList = "indicator--1b2c3d4e-0000-4000-8000-000000000032";
        String nested = "indicator--1b2c3d4e-0000-4000-8000-000000000033";
        String named = "indicator--1b2c3d4e-0000-4000-8000-000000000034";
        String listId = "x-threatledger-ioc-list--1b2c3d4e-0000-4000-8000-000000000035";
        store.put(List.of(
                TestData.sdo(plain, "2020-01-01T00:00:00.000Z", "plain", ""),
                TestData.sdo(fromList, "2020-01-01T00:00:00.000Z", "entry", "\"x_threatledger_list_ref\":\"" + listId + "\""),
                TestData.sdo(nested, "2020-01-01T00:00:00.000Z", "nested",
                        "\"extensions\":{\"x-ext\":{\"x_threatledger_list_ref\":\"" + listId + "\"}}"),
                TestData.sdo(named, "2020-01-01T00:00:00.000Z", "x_threatledger_list_ref", "")), TEST);
        List<String> ids = new ArrayList<>();

        store.forEachCurrentWithout("indicator", "x_threatledger_list_ref", s -> ids.add(s.object().id()));

        assertThat(ids).containsExactly(plain, nested, named);
    }

    @Test
    void attack_forEachCurrent_streamsNonRevokedInIdOrder() {
        putAttack();
        List<String> ids = new ArrayList<>();

        store.forEachCurrent("intrusion-set", s -> ids.add(s.object().id()));

        assertThat(ids).hasSize(181).isSorted().doesNotHaveDuplicates();
        assertThat(store.byType("intrusion-set", 0, 1000)).extracting(StixObject::id).isEqualTo(ids);
        assertThat(store.byType("intrusion-set", 10, 5)).extracting(StixObject::id).isEqualTo(ids.subList(10, 15));
    }

    @Test
    void changesSince_returnsVersionsAddedAfterTheInstant_oldestFirst() throws InterruptedException {
        store.put(List.of(TestData.sdo("tool--1b2c3d4e-0000-4000-8000-000000000008", "2020-01-01T00:00:00.000Z", "a", "")), TEST);
        Thread.sleep(5);
        Instant between = Instant.now();
        Thread.sleep(5);
        store.put(List.of(TestData.sdo("tool--1b2c3d4e-0000-4000-8000-000000000009", "2020-01-01T00:00:00.000Z", "b", "")), TEST);
        store.put(List.of(TestData.sdo("tool--1b2c3d4e-0000-4000-8000-000000000010", "2020-01-01T00:00:00.000Z", "c", "")), TEST);

        List<StoredObject> changes = store.changesSince(between, 10);

        assertThat(changes).extracting(s -> s.object().name().orElseThrow()).containsExactly("b", "c");
        assertThat(changes).allMatch(s -> s.dateAdded().isAfter(between));
        assertThat(store.changesSince(between, 1)).hasSize(1);
        assertThat(store.changesSince(Instant.EPOCH, 10)).hasSize(3);
    }

    @Test
    void listEntries_newListVersion_replacesEntries() {
        String listId = "x-threatledger-ioc-list--1b2c3d4e-0000-4000-8000-000000000011";
        store.putList(TestData.list(listId, "2024-01-01T00:00:00.000Z"), TestData.domains(listId, "old", 3), TEST);

        PutResult r = store.putList(TestData.list(listId, "2025-01-01T00:00:00.000Z"), TestData.domains(listId, "new", 2), TEST);

        assertThat(r.entries()).isEqualTo(2);
        assertThat(store.entries(listId)).isEqualTo(TestData.domains(listId, "new", 2));
        List<IocEntry> all = new ArrayList<>();
        store.forEachEntry(all::add);
        assertThat(all).containsExactlyInAnyOrderElementsOf(TestData.domains(listId, "new", 2));
        assertThat(store.stats().entriesByType()).containsExactly(Map.entry("domain", 2L));
        assertThat(store.stats().indicators()).isEqualTo(2);
    }

    @Test
    void entriesFingerprint_changesExactlyWhenTheCurrentListsDo() {
        String listId = "x-threatledger-ioc-list--1b2c3d4e-0000-4000-8000-000000000013";
        String empty = store.entriesFingerprint();
        store.putList(TestData.list(listId, "2024-01-01T00:00:00.000Z"), TestData.domains(listId, "a", 3), TEST);
        String first = store.entriesFingerprint();

        store.put(TestData.pythonStix2Store(), TEST);
        store.putList(TestData.list(listId, "2024-01-01T00:00:00.000Z"), TestData.domains(listId, "x", 9), TEST);
        assertThat(store.entriesFingerprint()).as("other objects, a re-import of the same list version").isEqualTo(first);

        store.putList(TestData.list(listId, "2025-01-01T00:00:00.000Z"), TestData.domains(listId, "b", 2), TEST);
        String second = store.entriesFingerprint();
        assertThat(List.of(empty, first, second)).doesNotHaveDuplicates();
    }

    @Test
    void listEntries_olderOrSameListVersion_leavesEntriesAlone() {
        String listId = "x-threatledger-ioc-list--1b2c3d4e-0000-4000-8000-000000000012";
        store.putList(TestData.list(listId, "2025-01-01T00:00:00.000Z"), TestData.domains(listId, "current", 4), TEST);

        PutResult same = store.putList(TestData.list(listId, "2025-01-01T00:00:00.000Z"), TestData.domains(listId, "x", 9), TEST);
        PutResult older = store.putList(TestData.list(listId, "2023-01-01T00:00:00.000Z"), TestData.domains(listId, "y", 9), TEST);

        assertThat(same.total(Outcome.UNCHANGED)).isEqualTo(1);
        assertThat(older.total(Outcome.OLDER)).isEqualTo(1);
        assertThat(same.entries() + older.entries()).isZero();
        assertThat(store.entries(listId)).isEqualTo(TestData.domains(listId, "current", 4));
    }

    @Test
    void putList_entryOfAnotherList_refusedBeforeAnyWrite() {
        String listId = "x-threatledger-ioc-list--1b2c3d4e-0000-4000-8000-000000000021";
        List<IocEntry> entries = TestData.domains("x-threatledger-ioc-list--1b2c3d4e-0000-4000-8000-000000000022", "d", 1);

        assertThatThrownBy(() -> store.putList(TestData.list(listId, "2025-01-01T00:00:00.000Z"), entries, TEST))
                .isInstanceOf(StoreException.class).hasMessageContaining("d0.example");

        assertThat(store.get(listId)).isEmpty();
    }

    @Test
    void listEntries_everyFieldRoundTrips() {
        String listId = "x-threatledger-ioc-list--1b2c3d4e-0000-4000-8000-000000000013";
        List<IocEntry> entries = List.of(
                new IocEntry(listId, IocType.IP_PORT, "204.79.197.200", 8443, false, "tab\there\nnewline \\ back", "https://x/y", 7),
                new IocEntry(listId, IocType.SHA256, "a".repeat(64), -1, false, null, null, 8),
                new IocEntry(listId, IocType.DOMAIN, "ёлка.example", -1, true, "ünïcode", null, 9));

        store.putList(TestData.list(listId, "2025-01-01T00:00:00.000Z"), entries, TEST);

        assertThat(store.entries(listId)).isEqualTo(entries);
        assertThat(store.stats().entriesByType()).containsOnlyKeys("ip_port", "sha256", "domain");
    }

    @Test
    void put_failingHalfway_leavesStoreAsBefore() {
        store.put(List.of(TestData.sdo("tool--1b2c3d4e-0000-4000-8000-000000000014", "2020-01-01T00:00:00.000Z", "kept", "")), TEST);
        Stats before = store.stats();
        List<StixObject> batch = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            batch.add(TestData.sdo(org.threatledger.stix.Ids.derived("tool", "atomicity", Integer.toString(i)),
                    "2020-01-01T00:00:00.000Z", "atomic " + i, ""));
        }
        batch.add(TestData.sdo("tool--1b2c3d4e-0000-4000-8000-000000000014", "2021-01-01T00:00:00.000Z", "replaced", ""));
        batch.add(TestData.sdo("tool--1b2c3d4e-0000-4000-8000-000000000015", "last Tuesday", "bad", ""));

        assertThatThrownBy(() -> store.put(batch, TEST)).isInstanceOf(StoreException.class)
                .hasMessageContaining("tool--1b2c3d4e-0000-4000-8000-000000000015").hasMessageContaining("last Tuesday");

        assertThat(store.stats()).isEqualTo(before);
        assertThat(store.lookup("atomic 0")).isEmpty();
        assertThat(store.get("tool--1b2c3d4e-0000-4000-8000-000000000014").orElseThrow().object().name()).contains("kept");
        assertThat(store.search("atomic", null, 10)).isEmpty();
    }

    @Test
    void putList_failingHalfway_leavesStoreAsBefore() {
        String listId = "x-threatledger-ioc-list--1b2c3d4e-0000-4000-8000-000000000016";
        store.putList(TestData.list(listId, "2024-01-01T00:00:00.000Z"), TestData.domains(listId, "old", 3), TEST);
        List<IocEntry> entries = new ArrayList<>(TestData.domains(listId, "new", 25_000));
        entries.add(new IocEntry(listId, IocType.DOMAIN, null, -1, false, null, null, 25_001));

        assertThatThrownBy(() -> store.putList(TestData.list(listId, "2025-01-01T00:00:00.000Z"), entries, TEST))
                .isInstanceOf(StoreException.class);

        assertThat(store.get(listId).orElseThrow().object().version()).isEqualTo("2024-01-01T00:00:00.000Z");
        assertThat(store.entries(listId)).isEqualTo(TestData.domains(listId, "old", 3));
    }

    @Test
    void reopen_afterClose_keepsEverything() {
        putAttack();
        String listId = "x-threatledger-ioc-list--1b2c3d4e-0000-4000-8000-000000000017";
        store.putList(TestData.list(listId, "2024-01-01T00:00:00.000Z"), TestData.domains(listId, "d", 100), TEST);
        Stats before = store.stats();

        reopen();

        assertThat(store.stats()).isEqualTo(before);
        assertThat(store.lookup("G0006")).hasSize(1);
        assertThat(store.entries(listId)).hasSize(100);
        assertThat(store.put(TestData.attack(), TestData.ATTACK).total(Outcome.UNCHANGED)).isEqualTo(24_771);
    }

    @Test
    void killedWriter_committedBatchesSurvive_noPartialBatch() throws Exception {
        store.close();
        Process child = new ProcessBuilder(KillableWriter.command(location()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Set<Integer> committed = new HashSet<>();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while (committed.size() < 8 && (line = out.readLine()) != null) {
                committed.add(Integer.parseInt(line.substring("committed ".length())));
            }
            child.destroyForcibly().waitFor();
        }
        store = Stores.open(location());

        assertThat(committed).hasSize(8);
        Map<String, Long> perBatch = new TreeMap<>();
        store.forEachCurrent(KillableWriter.TYPE, s -> perBatch.merge(s.object().text("x_batch").orElseThrow(), 1L, Long::sum));
        for (int batch : committed) {
            assertThat(perBatch).containsEntry(Integer.toString(batch), (long) KillableWriter.BATCH);
        }
        assertThat(perBatch.values()).allMatch(n -> n == KillableWriter.BATCH);
    }

    @Test
    void page_thousandsSharingOneDateAdded_walkHasNoDuplicatesAndNoGapsWhileAdding() {
        store.put(indicators("a", 2_500), TEST);
        List<String> seen = new ArrayList<>();
        long afterDate = -1;
        long afterSeq = -1;
        int added = 0;
        while (true) {
            List<PagedObject> page = new ArrayList<>();
            store.page(new PageQuery(PageQuery.Versions.ALL, Set.of(), Set.of(), Set.of(), Set.of(), null,
                    afterDate, afterSeq, 100), page::add);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(p -> seen.add(p.stored().object().id()));
            afterDate = page.getLast().dateAddedMicros();
            afterSeq = page.getLast().seq();
            if (added < 5) {
                store.put(indicators("b" + added++, 50), TEST);
            }
        }

        assertThat(seen).hasSize(2_750).doesNotHaveDuplicates();
    }

    @Test
    void page_versionFilters_lastFirstAllAndAt() {
        store.put(TestData.pythonStix2Store(), TEST);
        Set<String> rover = Set.of(TestData.ROVER);

        assertThat(pageVersions(PageQuery.Versions.LAST, Set.of(), rover)).containsExactly("2018-11-16T22:54:20.390Z");
        assertThat(pageVersions(PageQuery.Versions.FIRST, Set.of(), rover)).containsExactly("2017-05-31T21:32:58.226Z");
        assertThat(pageVersions(PageQuery.Versions.ALL, Set.of(), rover)).hasSize(4);
        assertThat(pageVersions(PageQuery.Versions.AT,
                Set.of(Instant.parse("2018-11-01T23:24:48.456Z").toEpochMilli() * 1000), rover))
                .containsExactly("2018-11-01T23:24:48.456Z");
    }

    @Test
    void page_typeTlpAndMembershipFilters() {
        String red = "malware--1b2c3d4e-0000-4000-8000-000000000011";
        String green = "malware--1b2c3d4e-0000-4000-8000-000000000012";
        store.put(List.of(TestData.sdo(red, "2020-01-01T00:00:00.000Z", "r",
                        "\"is_family\":true,\"object_marking_refs\":[\"" + Tlp.RED.markingId() + "\"]"),
                TestData.sdo(green, "2020-01-01T00:00:00.000Z", "g",
                        "\"is_family\":true,\"object_marking_refs\":[\"" + Tlp.GREEN.markingId() + "\"]")), TEST);
        store.put(indicators("x", 3), TEST);
        store.addMembers("coll", List.of(red, green));
        store.addMembers("coll", List.of(green));

        assertThat(pageIds(Set.of("malware"), Set.of(), null)).containsExactlyInAnyOrder(red, green);
        assertThat(pageIds(Set.of(), Set.of(Tlp.GREEN, Tlp.CLEAR), null)).containsExactly(green);
        assertThat(pageIds(Set.of(), Set.of(), "coll")).containsExactly(red, green);
        assertThat(store.removeMember("coll", red)).isTrue();
        assertThat(store.removeMember("coll", red)).isFalse();
        assertThat(pageIds(Set.of(), Set.of(), "coll")).containsExactly(green);
    }

    @Test
    void getAll_currentVersionsOfTheHeldIds_acrossManyQueryChunks() {
        store.put(TestData.pythonStix2Store(), TEST);
        List<StixObject> many = indicators("g", 1_200);
        store.put(many, TEST);
        List<String> ids = new ArrayList<>(many.stream().map(StixObject::id).toList());
        ids.add(TestData.ROVER);
        ids.add("indicator--00000000-0000-4000-8000-000000000000");

        Map<String, StoredObject> found = store.getAll(ids);

        assertThat(found).hasSize(1_201).doesNotContainKey("indicator--00000000-0000-4000-8000-000000000000");
        assertThat(found.get(TestData.ROVER).object().version()).isEqualTo("2018-11-16T22:54:20.390Z");
        assertThat(found.get(many.get(777).id()).object()).isEqualTo(many.get(777));
        assertThat(store.getAll(List.of())).isEmpty();
    }

    @Test
    void page_rowsReadBack_answerLikeTheObjectsPut_withoutChangingThem() {
        List<StixObject> put = TestData.pythonStix2Store();
        store.put(put, TEST);
        Map<String, StixObject> byVersion = new java.util.HashMap<>();
        put.forEach(o -> byVersion.put(o.id() + "@" + o.version(), o));
        List<StixObject> read = new ArrayList<>();
        store.page(new PageQuery(PageQuery.Versions.ALL, Set.of(), Set.of(), Set.of(), Set.of(), null, -1, -1, 1_000),
                p -> read.add(p.stored().object()));

        assertThat(read).hasSize(byVersion.size());
        for (StixObject o : read) {
            StixObject original = byVersion.get(o.id() + "@" + o.version());
            // PostgreSQL's JSONB keeps its own member order, so "document order" is the stored document's.
            assertThat(o.references()).as(o.id()).containsExactlyInAnyOrderElementsOf(original.references());
            assertThat(o.markingRefs()).as(o.id()).containsExactlyInAnyOrderElementsOf(original.markingRefs());
            assertThat(StixObject.parse(new String(o.jsonUtf8(), java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(original);
            assertThat(o).isEqualTo(original);
        }
    }

    @Test
    void readsBesideAWriter_seeEachPutWholeOrNotAtAll() throws InterruptedException {
        int batches = 8;
        int size = 400;
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<String> partial = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                try {
                    while (writing.get()) {
                        Map<String, Long> byPrefix = new TreeMap<>();
                        store.page(new PageQuery(PageQuery.Versions.LAST, Set.of(), Set.of("indicator"), Set.of(), Set.of(),
                                null, -1, -1, batches * size), p -> byPrefix.merge(
                                p.stored().object().name().orElseThrow().replaceAll("-.*", ""), 1L, Long::sum));
                        byPrefix.forEach((prefix, n) -> {
                            if (n != size) {
                                partial.add(prefix + ": " + n);
                            }
                        });
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        for (int b = 0; b < batches; b++) {
            store.put(indicators("w" + b + "-", size), TEST);
        }
        writing.set(false);
        for (Thread t : readers) {
            t.join();
        }

        assertThat(failures).isEmpty();
        assertThat(partial).isEmpty();
        assertThat(store.stats().byType().get("indicator")).isEqualTo((long) batches * size);
    }

    private List<String> pageVersions(PageQuery.Versions versions, Set<Long> at, Set<String> ids) {
        List<String> out = new ArrayList<>();
        store.page(new PageQuery(versions, at, Set.of(), ids, Set.of(), null, -1, -1, 100),
                p -> out.add(p.stored().object().version()));
        return out;
    }

    private List<String> pageIds(Set<String> types, Set<Tlp> tlps, String member) {
        List<String> out = new ArrayList<>();
        store.page(new PageQuery(PageQuery.Versions.LAST, Set.of(), types, Set.of(), tlps, member, -1, -1, 100),
                p -> out.add(p.stored().object().id()));
        return out;
    }

    private static List<StixObject> indicators(String prefix, int n) {
        List<StixObject> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = org.threatledger.stix.Ids.derived("indicator", prefix, Integer.toString(i));
            out.add(TestData.sdo(id, "2020-01-01T00:00:00.000Z", prefix + i, "\"pattern_type\":\"stix\","
                    + "\"pattern\":\"[domain-name:value = 'x" + i + ".example']\",\"valid_from\":\"2020-01-01T00:00:00Z\""));
        }
        return out;
    }

    private void putAttack() {
        List<StixObject> attack = TestData.attack();
        for (int i = 0; i < attack.size(); i += 5000) {
            store.put(attack.subList(i, Math.min(attack.size(), i + 5000)), TestData.ATTACK);
        }
    }

    private static StixObject relationship(String id, String source, String target) {
        return StixObject.parse("{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2020-01-01T00:00:00.000Z\",\"modified\":\"2020-01-01T00:00:00.000Z\","
                + "\"relationship_type\":\"uses\",\"source_ref\":\"" + source + "\",\"target_ref\":\"" + target + "\"}");
    }
}
