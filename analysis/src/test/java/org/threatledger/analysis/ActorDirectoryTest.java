package org.threatledger.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.store.Provenance;
import org.threatledger.store.StoredObject;

/** Unification on strong evidence only; names alone make candidates; analyst links merge and unmerge. */
class ActorDirectoryTest {
    static final String ATTACK_ID = "intrusion-set--6a2e693f-24e5-451a-9f88-b36a108e5662";

    static StoredObject actor(String source, String json) {
        return new StoredObject(StixObject.parse(json), Instant.EPOCH, new Provenance(source, "test", Instant.EPOCH, null), Tlp.GREEN);
    }

    static final StoredObject ATTACK = actor("mitre-attack", """
            {"type":"intrusion-set","spec_version":"2.1","id":"%s","created":"2017-05-31T21:31:47.955Z","modified":"2024-04-11T00:06:33.000Z",
             "name":"APT1","aliases":["APT1","Comment Crew","Comment Group","Comment Panda"],"x_mitre_version":"1.4",
             "external_references":[{"source_name":"mitre-attack","external_id":"G0006"}]}""".formatted(ATTACK_ID));
    static final StoredObject GALAXY_BY_GROUP_ID = actor("misp-galaxy", """
            {"type":"intrusion-set","spec_version":"2.1","id":"intrusion-set--5aa60b37-dc88-5949-83bb-ccc0f0b03024","created":"1970-01-01T00:05:49Z",
             "modified":"1970-01-01T00:05:49Z","name":"APT1","aliases":["PLA Unit 61398","G0006"],
             "external_references":[{"source_name":"mitre-attack","external_id":"G0006"},
                                    {"source_name":"misp-galaxy","external_id":"1cb7e1cc-d695-42b1-92f4-fd0112a3c9be"}]}""");
    static final StoredObject GALAXY_BY_UUID = actor("misp-galaxy", """
            {"type":"intrusion-set","spec_version":"2.1","id":"intrusion-set--bd94ca89-0013-5f46-be39-73af09fc38cf","created":"1970-01-01T00:00:40Z",
             "modified":"1970-01-01T00:00:40Z","name":"APT1",
             "external_references":[{"source_name":"misp-galaxy","external_id":"6a2e693f-24e5-451a-9f88-b36a108e5662"}]}""");
    static final StoredObject NAME_ONLY = actor("mandiant", """
            {"type":"intrusion-set","spec_version":"2.1","id":"intrusion-set--da1065ce-972c-4605-8755-9cd1074e3b5a","created":"2015-05-15T09:12:16.432Z",
             "modified":"2015-05-15T09:12:16.432Z","name":"APT 1","aliases":["Shady Rat"]}""");

    @Test
    void sharedGroupIdOrUuid_isOneActor_withTheAttackRecordFirst() {
        ActorDirectory d = ActorDirectory.of(List.of(NAME_ONLY, GALAXY_BY_UUID, GALAXY_BY_GROUP_ID, ATTACK), List.of());
        Actor apt1 = d.find("G0006").orElseThrow();
        assertThat(apt1.primary().id()).isEqualTo(ATTACK_ID);
        assertThat(apt1.ids()).hasSize(3).doesNotContain(NAME_ONLY.object().id());
        assertThat(apt1.links()).extracting(Actor.Link::key)
                .containsExactlyInAnyOrder("attack:G0006", "uuid:6a2e693f-24e5-451a-9f88-b36a108e5662");
        assertThat(apt1.namesWithSources().get("Comment Crew")).containsExactly("mitre-attack");
        assertThat(apt1.namesWithSources().get("PLA Unit 61398")).containsExactly("misp-galaxy");
    }

    @Test
    void nameOverlapAlone_isACandidate_notAMerge() {
        ActorDirectory d = ActorDirectory.of(List.of(ATTACK, NAME_ONLY), List.of());
        assertThat(d.actors()).hasSize(2);
        Actor apt1 = d.find("Comment Crew").orElseThrow();
        assertThat(d.candidates(apt1)).extracting(Actor::name).containsExactly("APT 1");
        assertThat(d.find("APT1").orElseThrow().primary().id()).isEqualTo(ATTACK_ID);
    }

    @Test
    void duplicateOfRelationship_mergesThem_andWithoutItTheySplitAgain() {
        StixObject link = StixObject.parse("""
                {"type":"relationship","spec_version":"2.1","id":"relationship--0b5e1f2a-1111-4222-8333-444455556666",
                 "created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","relationship_type":"duplicate-of",
                 "source_ref":"intrusion-set--da1065ce-972c-4605-8755-9cd1074e3b5a","target_ref":"%s"}""".formatted(ATTACK_ID));
        ActorDirectory linked = ActorDirectory.of(List.of(ATTACK, NAME_ONLY), List.of(link));
        assertThat(linked.actors()).hasSize(1);
        assertThat(linked.find("Shady Rat").orElseThrow().links()).extracting(Actor.Link::key)
                .containsExactly("duplicate-of relationship--0b5e1f2a-1111-4222-8333-444455556666");
        assertThat(ActorDirectory.of(List.of(ATTACK, NAME_ONLY), List.of()).actors()).hasSize(2);
    }

    @Test
    void looseNames_ignoreCaseSpacesAndPunctuation() {
        assertThat(ActorDirectory.loose("APT 29")).isEqualTo(ActorDirectory.loose("apt-29")).isEqualTo("apt29");
    }
}
