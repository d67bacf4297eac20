package org.threatledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.stix.Validator;
import org.threatledger.taxii.CollectionDefinition;
import org.threatledger.taxii.Partner;

/**
 * Every partner x collection x object TLP x operation, exhaustively: an object appears (in a body,
 * a header or an error) exactly when the partner's agreement, the collection and TLP 2.0 allow it;
 * RED never appears, nor anything that references a RED object.
 */
class AuthorizationMatrixTest {
    private static final String ROOT = "/taxii2/intel/collections/";
    private static final Map<String, Tlp> PARTNERS = new LinkedHashMap<>();
    private static final Map<String, Set<Tlp>> COLLECTION_LEVELS = new LinkedHashMap<>();
    /** Object id -> its effective TLP; null for the relationship that points at the RED indicator. */
    private static final Map<String, Tlp> OBJECTS = new LinkedHashMap<>();
    private static String redRelationship;

    @TempDir
    static Path home;
    static Fixture f;

    @BeforeAll
    static void start() {
        PARTNERS.put("own", Tlp.AMBER_STRICT);
        PARTNERS.put("amber", Tlp.AMBER);
        PARTNERS.put("green", Tlp.GREEN);
        PARTNERS.put("clear", Tlp.CLEAR);
        COLLECTION_LEVELS.put("all", EnumSet.allOf(Tlp.class));
        COLLECTION_LEVELS.put("low", EnumSet.of(Tlp.CLEAR, Tlp.GREEN));
        COLLECTION_LEVELS.put("manual", EnumSet.allOf(Tlp.class));
        List<String> names = List.copyOf(COLLECTION_LEVELS.keySet());
        List<Partner> partners = new ArrayList<>();
        PARTNERS.forEach((name, max) -> partners.add(Fixture.partner(name, max, name.equals("own"), names, List.of(),
                EnumSet.noneOf(Partner.Redaction.class))));
        f = new Fixture(home, List.of(new CollectionDefinition("all", "intel", "All", null, "all"),
                new CollectionDefinition("low", "intel", "Low", null, "type IN (indicator, relationship) AND tlp <= green"),
                new CollectionDefinition("manual", "intel", "Manual", null, null)), partners, 1000, 1 << 20);
        List<StixObject> objects = new ArrayList<>();
        for (Tlp tlp : Tlp.values()) {
            StixObject o = Fixture.indicator("matrix-" + tlp.label(), tlp);
            objects.add(o);
            OBJECTS.put(o.id(), tlp);
        }
        StixObject unmarked = Fixture.indicator("matrix-unmarked", null);
        objects.add(unmarked);
        OBJECTS.put(unmarked.id(), Tlp.AMBER);
        StixObject rel = relationship(Fixture.indicator("matrix-red", Tlp.RED).id(), Fixture.indicator("matrix-clear", Tlp.CLEAR).id());
        objects.add(rel);
        redRelationship = rel.id();
        OBJECTS.put(rel.id(), null);
        f.store.put(objects, Fixture.TEST);
        f.store.addMembers("manual", OBJECTS.keySet());
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void everyPartnerCollectionTlpAndOperation_showsExactlyWhatTheAgreementAllows() {
        int checked = 0;
        for (var partner : PARTNERS.entrySet()) {
            SpecClient client = f.client(partner.getKey());
            Set<Tlp> allowed = allowed(partner.getKey(), partner.getValue());
            for (var collection : COLLECTION_LEVELS.entrySet()) {
                Set<String> expected = new HashSet<>();
                OBJECTS.forEach((id, tlp) -> {
                    if (tlp != null && allowed.contains(tlp) && collection.getValue().contains(tlp)) {
                        expected.add(id);
                    }
                });
                String base = ROOT + collection.getKey() + "/";
                checked += checkList(client.get(base + "objects/?limit=1000"), expected);
                checked += checkList(client.get(base + "manifest/?limit=1000"), expected);
                checked += checkList(client.get(base + "objects/?limit=1000&match[version]=all"), expected);
                for (String id : OBJECTS.keySet()) {
                    checked += checkOne(client.get(base + "objects/" + id + "/"), id, expected);
                    checked += checkOne(client.get(base + "objects/" + id + "/versions/"), id, expected);
                }
            }
        }
        assertThat(checked).isEqualTo(PARTNERS.size() * COLLECTION_LEVELS.size() * (3 + 2 * OBJECTS.size()));
    }

    @Test
    void redactingAgreement_servesValidStix_withVictimsAsSectorsAndSightingsAnonymised() {
        String victim = Ids.derived("identity", "matrix", "victim");
        StixObject identity = StixObject.parse("{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"" + victim + "\","
                + "\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
                + "\"name\":\"ACME Water Board\",\"identity_class\":\"organization\",\"sectors\":[\"utilities\"],"
                + "\"contact_information\":\"ciso@acme.example\",\"object_marking_refs\":[\"" + Tlp.GREEN.markingId() + "\"]}");
        StixObject sighting = StixObject.parse("{\"type\":\"sighting\",\"spec_version\":\"2.1\",\"id\":\""
                + Ids.derived("sighting", "matrix", "s") + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"sighting_of_ref\":\""
                + Fixture.indicator("matrix-green", Tlp.GREEN).id() + "\",\"where_sighted_refs\":[\"" + victim + "\"],"
                + "\"object_marking_refs\":[\"" + Tlp.GREEN.markingId() + "\"]}");
        StixObject note = StixObject.parse("{\"type\":\"note\",\"spec_version\":\"2.1\",\"id\":\""
                + Ids.derived("note", "matrix", "n") + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"content\":\"our analyst thinks\",\"object_refs\":[\""
                + victim + "\"],\"object_marking_refs\":[\"" + Tlp.GREEN.markingId() + "\"]}");
        try (Fixture r = new Fixture(home.resolve("redact"), List.of(new CollectionDefinition("all", "intel", "All", null, "all")),
                List.of(Fixture.partner("guarded", Tlp.GREEN, false, List.of("all"), List.of(),
                        EnumSet.allOf(Partner.Redaction.class))), 10, 1 << 20)) {
            r.store.put(List.of(identity, sighting, note, Fixture.indicator("matrix-green", Tlp.GREEN)), Fixture.TEST);

            SpecClient.Answer a = r.client("guarded").get("/taxii2/intel/collections/all/objects/");

            assertThat(a.body()).doesNotContain("ACME Water Board", "ciso@acme", "our analyst thinks");
            JsonNode objects = a.json().get("objects");
            assertThat(objects).hasSize(3);
            for (JsonNode o : objects) {
                if (o.get("type").asText().equals("sighting")) {
                    assertThat(o.get("where_sighted_refs").toString()).doesNotContain(victim);
                }
                if (o.get("type").asText().equals("identity")) {
                    assertThat(o.get("identity_class").asText()).isEqualTo("class");
                    assertThat(o.get("sectors").get(0).asText()).isEqualTo("utilities");
                }
                assertThat(new Validator().validate(StixObject.parse(o.toString())).errors()).as(o.toString()).isEmpty();
            }
        }
    }

    private static Set<Tlp> allowed(String partner, Tlp max) {
        Set<Tlp> out = EnumSet.noneOf(Tlp.class);
        for (Tlp t : Tlp.values()) {
            if (t != Tlp.RED && !t.isMoreRestrictiveThan(max) && (t != Tlp.AMBER_STRICT || partner.equals("own"))) {
                out.add(t);
            }
        }
        return out;
    }

    private static int checkList(SpecClient.Answer a, Set<String> expected) {
        assertThat(a.status()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        a.json().path("objects").forEach(o -> ids.add(o.get("id").asText()));
        assertThat(ids).isEqualTo(expected);
        assertNothingForbidden(a, expected, null);
        return 1;
    }

    private static int checkOne(SpecClient.Answer a, String id, Set<String> expected) {
        assertThat(a.status()).as(id).isEqualTo(expected.contains(id) ? 200 : 404);
        assertNothingForbidden(a, expected, id);
        return 1;
    }

    /**
     * No id outside the expected set appears anywhere in the answer (headers and body); the one
     * exception is the id the client itself asked for, which a 404 may repeat.
     */
    private static void assertNothingForbidden(SpecClient.Answer a, Set<String> expected, String asked) {
        String everything = a.everything();
        for (var o : OBJECTS.entrySet()) {
            if (!expected.contains(o.getKey()) && !o.getKey().equals(asked)) {
                assertThat(everything).doesNotContain(o.getKey());
            }
        }
        assertThat(everything).doesNotContain(Tlp.RED.markingId());
        assertThat(expected).doesNotContain(redRelationship);
    }

    private static StixObject relationship(String source, String target) {
        return StixObject.parse("{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\""
                + Ids.derived("relationship", source, "indicates", target) + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"relationship_type\":\"related-to\",\"source_ref\":\""
                + source + "\",\"target_ref\":\"" + target + "\",\"object_marking_refs\":[\"" + Tlp.CLEAR.markingId() + "\"]}");
    }
}
