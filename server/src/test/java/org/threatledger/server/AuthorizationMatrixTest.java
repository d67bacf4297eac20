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
import org.threatledger.stix.TlpReferences;
import org.threatledger.stix.Validator;
import org.threatledger.taxii.CollectionDefinition;
import org.threatledger.taxii.Partner;

/**
 * Every partner x collection x object TLP x operation, exhaustively: an object appears (in a body,
 * a header or an error) exactly when the partner's agreement, the collection and TLP 2.0 allow it;
 * RED never appears, nor anything that references a RED object. References are not embedding
 * (DESIGN.md): an object is judged on its own TLP, a relationship or sighting that points at an
 * object the partner may not have is withheld, while an unreceivable {@code created_by_ref} is
 * dropped and an unreceivable {@code where_sighted_refs} entry anonymised; either way the hidden
 * object's id appears nowhere.
 */
class AuthorizationMatrixTest {
    private static final String ROOT = "/taxii2/intel/collections/";
    private static final Map<String, Tlp> PARTNERS = new LinkedHashMap<>();
    private static final Map<String, Set<Tlp>> COLLECTION_LEVELS = new LinkedHashMap<>();
    private static final Map<String, Set<String>> COLLECTION_TYPES = new LinkedHashMap<>();
    /** One object of the matrix: its type, effective TLP, and the objects a partner must be able to have for it to leave. */
    private record Entry(String type, Tlp tlp, List<String> needs) {
    }

    private static final Map<String, Entry> OBJECTS = new LinkedHashMap<>();
    private static String redRelationship;
    private static String creator;
    private static String createdByCreator;
    private static String victim;
    private static String sightingAtVictim;

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
        COLLECTION_TYPES.put("low", Set.of("indicator", "relationship"));
        List<String> names = List.copyOf(COLLECTION_LEVELS.keySet());
        List<Partner> partners = new ArrayList<>();
        PARTNERS.forEach((name, max) -> partners.add(Fixture.partner(name, max, name.equals("own"), names, List.of(),
                EnumSet.noneOf(Partner.Redaction.class))));
        f = new Fixture(home, List.of(new CollectionDefinition("all", "intel", "All", null, "all"),
                new CollectionDefinition("low", "intel", "Low", null, "type IN (indicator, relationship) AND tlp <= green"),
                new CollectionDefinition("manual", "intel", "Manual", null, null)), partners, 1000, 1 << 20);
        List<StixObject> objects = new ArrayList<>();
        for (Tlp tlp : Tlp.values()) {
            add(objects, Fixture.indicator("matrix-" + tlp.label(), tlp), tlp);
        }
        add(objects, Fixture.indicator("matrix-unmarked", null), Tlp.AMBER);
        String red = Fixture.indicator("matrix-red", Tlp.RED).id();
        String clear = Fixture.indicator("matrix-clear", Tlp.CLEAR).id();
        String green = Fixture.indicator("matrix-green", Tlp.GREEN).id();
        String strict = Fixture.indicator("matrix-amber+strict", Tlp.AMBER_STRICT).id();
        redRelationship = add(objects, relationship(red, clear, Tlp.CLEAR), Tlp.CLEAR, red, clear);
        // An unmarked producer identity (AMBER by default) and a GREEN indicator it created.
        creator = add(objects, sdo("identity", "creator", null, "\"name\":\"Unmarked producer\",\"identity_class\":\"organization\""),
                Tlp.AMBER);
        createdByCreator = add(objects, sdo("indicator", "created", Tlp.GREEN, "\"created_by_ref\":\"" + creator + "\","
                + "\"pattern_type\":\"stix\",\"pattern\":\"[domain-name:value = 'created.example']\","
                + "\"valid_from\":\"2024-01-01T00:00:00Z\""), Tlp.GREEN);
        // A GREEN link from a GREEN indicator to an unmarked (AMBER) actor: the link names the actor.
        String actor = add(objects, sdo("intrusion-set", "actor", null, "\"name\":\"Matrix Panda\""), Tlp.AMBER);
        add(objects, relationship(green, actor, Tlp.GREEN), Tlp.GREEN, green, actor);
        // GREEN sightings: one at an AMBER+STRICT victim (anonymised), one of the AMBER+STRICT indicator (withheld).
        victim = add(objects, sdo("identity", "victim", Tlp.AMBER_STRICT,
                "\"name\":\"Matrix Water Board\",\"identity_class\":\"organization\""), Tlp.AMBER_STRICT);
        sightingAtVictim = add(objects, sdo("sighting", "at-victim", Tlp.GREEN, "\"sighting_of_ref\":\"" + green
                + "\",\"where_sighted_refs\":[\"" + victim + "\"]"), Tlp.GREEN, green);
        add(objects, sdo("sighting", "of-strict", Tlp.GREEN, "\"sighting_of_ref\":\"" + strict + "\""), Tlp.GREEN, strict);
        f.store.put(objects, Fixture.TEST);
        f.store.addMembers("manual", OBJECTS.keySet());
    }

    private static String add(List<StixObject> objects, StixObject o, Tlp tlp, String... needs) {
        objects.add(o);
        OBJECTS.put(o.id(), new Entry(o.type(), tlp, List.of(needs)));
        return o.id();
    }

    private static StixObject sdo(String type, String key, Tlp tlp, String properties) {
        String marking = tlp == null ? "" : ",\"object_marking_refs\":[\"" + tlp.markingId() + "\"]";
        return StixObject.parse("{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + Ids.derived(type, "matrix", key)
                + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
                + properties + marking + "}");
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
            Set<String> mayHave = new HashSet<>();
            OBJECTS.forEach((id, o) -> {
                if (allowed.contains(o.tlp()) && o.needs().stream().allMatch(n -> allowed.contains(OBJECTS.get(n).tlp()))) {
                    mayHave.add(id);
                }
            });
            assertThat(mayHave).doesNotContain(redRelationship);
            for (var collection : COLLECTION_LEVELS.entrySet()) {
                Set<String> types = COLLECTION_TYPES.get(collection.getKey());
                Set<String> expected = new HashSet<>();
                for (String id : mayHave) {
                    Entry o = OBJECTS.get(id);
                    if (collection.getValue().contains(o.tlp()) && (types == null || types.contains(o.type()))) {
                        expected.add(id);
                    }
                }
                String base = ROOT + collection.getKey() + "/";
                checked += checkList(client.get(base + "objects/?limit=1000"), expected, mayHave);
                checked += checkList(client.get(base + "manifest/?limit=1000"), expected, mayHave);
                checked += checkList(client.get(base + "objects/?limit=1000&match[version]=all"), expected, mayHave);
                for (String id : OBJECTS.keySet()) {
                    checked += checkOne(client.get(base + "objects/" + id + "/"), id, expected, mayHave);
                    checked += checkOne(client.get(base + "objects/" + id + "/versions/"), id, expected, mayHave);
                }
            }
        }
        assertThat(checked).isEqualTo(PARTNERS.size() * COLLECTION_LEVELS.size() * (3 + 2 * OBJECTS.size()));
    }

    @Test
    void referencesAreNotEmbedding_createdByDroppedAndWhereSightedAnonymised_onlyWhereThePartnerMayNotHaveThem() {
        for (String partner : List.of("own", "amber", "green")) {
            JsonNode objects = f.client(partner).get(ROOT + "all/objects/?limit=1000").json().get("objects");
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            objects.forEach(o -> byId.put(o.get("id").asText(), o));
            boolean seesCreator = byId.containsKey(creator);
            assertThat(byId).as(partner).containsKey(createdByCreator);
            assertThat(byId.get(createdByCreator).has("created_by_ref")).as(partner).isEqualTo(seesCreator);
            assertThat(seesCreator).as(partner).isEqualTo(!partner.equals("green"));
            String where = byId.get(sightingAtVictim).get("where_sighted_refs").toString();
            assertThat(where).as(partner).isEqualTo(partner.equals("own") ? "[\"" + victim + "\"]"
                    : "[\"" + TlpReferences.ANONYMOUS_IDENTITY + "\"]");
            for (JsonNode o : objects) {
                assertThat(new Validator().validate(StixObject.parse(o.toString())).errors()).as(o.toString()).isEmpty();
            }
        }
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

    private static int checkList(SpecClient.Answer a, Set<String> expected, Set<String> mayHave) {
        assertThat(a.status()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        a.json().path("objects").forEach(o -> ids.add(o.get("id").asText()));
        assertThat(ids).isEqualTo(expected);
        assertNothingForbidden(a, mayHave, null);
        return 1;
    }

    private static int checkOne(SpecClient.Answer a, String id, Set<String> expected, Set<String> mayHave) {
        assertThat(a.status()).as(id).isEqualTo(expected.contains(id) ? 200 : 404);
        assertNothingForbidden(a, mayHave, id);
        return 1;
    }

    /**
     * No id of an object the partner may not have appears anywhere in the answer (headers and body:
     * not as an object, not as a reference); the one exception is the id the client itself asked
     * for, which a 404 may repeat. (An object the partner may have can be named by a reference in a
     * collection it is not a member of.)
     */
    private static void assertNothingForbidden(SpecClient.Answer a, Set<String> mayHave, String asked) {
        String everything = a.everything();
        for (String id : OBJECTS.keySet()) {
            if (!mayHave.contains(id) && !id.equals(asked)) {
                assertThat(everything).doesNotContain(id);
            }
        }
        assertThat(everything).doesNotContain(Tlp.RED.markingId());
    }

    private static StixObject relationship(String source, String target, Tlp tlp) {
        return StixObject.parse("{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\""
                + Ids.derived("relationship", source, "indicates", target) + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"relationship_type\":\"related-to\",\"source_ref\":\""
                + source + "\",\"target_ref\":\"" + target + "\",\"object_marking_refs\":[\"" + tlp.markingId() + "\"]}");
    }
}
