package org.threatledger.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Provenance;
import org.threatledger.store.Stores;

/** The actor-country membership graph is kept across writes that cannot change it, and rebuilt on those that can. */
class AttributionsTest {
    private static final Provenance SOURCE = new Provenance("test", "test", Instant.parse("2026-01-01T00:00:00Z"), null);

    @TempDir
    Path home;

    @Test
    void sightingsLeaveTheGraphAlone_aNewIndicatesRelationshipRebuildsIt() {
        try (KnowledgeStore store = Stores.embedded(home)) {
            String china = id("location", "cn");
            String panda = id("intrusion-set", "panda");
            String first = id("indicator", "first");
            store.put(List.of(object(china, "location", "\"name\":\"China\",\"country\":\"CN\""),
                    object(panda, "intrusion-set", "\"name\":\"Test Panda\""),
                    indicator(first), relationship("originates-from", panda, china), relationship("indicates", first, panda)),
                    SOURCE);
            Attributions attributions = new Attributions(store);
            Partner partner = new Partner("p", "unused", Tlp.GREEN, List.of("c"), List.of(), false, false,
                    EnumSet.noneOf(Partner.Redaction.class));
            Visibility visibility = new Visibility(partner, Tlp.GREEN, store);
            CollectionQuery cn = CollectionQuery.parse("actor-country:CN");

            assertThat(attributions.members(cn, visibility, Tlp.GREEN).test(first)).isTrue();
            assertThat(attributions.loads()).isEqualTo(1);

            store.put(List.of(sighting(first)), SOURCE);
            assertThat(attributions.members(cn, visibility, Tlp.GREEN).test(first)).isTrue();
            assertThat(attributions.loads()).as("a sighting changes no attribution").isEqualTo(1);

            String second = id("indicator", "second");
            store.put(List.of(indicator(second)), SOURCE);
            assertThat(attributions.members(cn, visibility, Tlp.GREEN).test(second)).isFalse();
            store.put(List.of(relationship("indicates", second, panda)), SOURCE);
            assertThat(attributions.members(cn, visibility, Tlp.GREEN).test(second)).isTrue();
            assertThat(attributions.loads()).isEqualTo(2);
        }
    }

    private static String id(String type, String key) {
        return Ids.derived(type, "attributions-test", key);
    }

    private static StixObject object(String id, String type, String properties) {
        return StixObject.parse("{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\"," + properties
                + ",\"object_marking_refs\":[\"" + Tlp.GREEN.markingId() + "\"]}");
    }

    private static StixObject indicator(String id) {
        return object(id, "indicator", "\"pattern_type\":\"stix\",\"pattern\":\"[domain-name:value = '"
                + id.substring(id.length() - 8) + ".example']\",\"valid_from\":\"2024-01-01T00:00:00Z\"");
    }

    private static StixObject relationship(String type, String source, String target) {
        return object(id("relationship", type + source + target), "relationship",
                "\"relationship_type\":\"" + type + "\",\"source_ref\":\"" + source + "\",\"target_ref\":\"" + target + "\"");
    }

    private static StixObject sighting(String indicator) {
        return object(id("sighting", indicator), "sighting", "\"sighting_of_ref\":\"" + indicator + "\",\"count\":3");
    }
}
