package org.threatledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.server.TaxiiServer;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.stix.TlpReferences;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Provenance;
import org.threatledger.store.Stores;
import org.threatledger.taxii.Authenticator;
import org.threatledger.taxii.CollectionDefinition;
import org.threatledger.taxii.DisclosureLog;
import org.threatledger.taxii.Partner;
import org.threatledger.taxii.SharingConfig;

/**
 * What leaves at TLP:GREEN is the same whichever way it leaves: served over TAXII to a GREEN
 * partner, written by {@code export --format stix21 --max-tlp green}, or sent by
 * {@code sync push --max-tlp green} (received by a second server). The knowledge base holds the
 * cases where references matter: a GREEN indicator written by an unmarked (AMBER) producer, a
 * GREEN link to an unmarked actor, GREEN sightings at an AMBER+STRICT victim and with RED observed
 * data, a GREEN report naming the unmarked actor.
 */
class TlpAgreementTest {
    private static final String SECRET = "agreement-secret";
    private static final Provenance SOURCE = new Provenance("test", "TlpAgreementTest", Instant.parse("2026-01-01T00:00:00Z"), null);

    @TempDir
    Path ours;

    @TempDir
    Path theirs;

    @Test
    void taxiiExportAndPush_sendTheSameObjects_referencesJudgedAlike() throws Exception {
        Knowledge k = new Knowledge();
        try (KnowledgeStore store = Stores.embedded(ours)) {
            store.put(k.objects, SOURCE);
        }

        Map<String, JsonNode> exported = exported();
        Map<String, JsonNode> pushed = pushed();
        Map<String, JsonNode> served = served();

        assertThat(exported.keySet()).isEqualTo(served.keySet()).isEqualTo(pushed.keySet());
        assertThat(exported).isEqualTo(served).isEqualTo(pushed);
        assertThat(served.keySet()).containsExactlyInAnyOrder(k.createdByProducer, k.createdByPublic, k.publicIdentity,
                k.green, k.greenLink, k.sightingAtVictim);
        assertThat(served.get(k.createdByProducer).has("created_by_ref")).isFalse();
        assertThat(served.get(k.createdByPublic).get("created_by_ref").asText()).isEqualTo(k.publicIdentity);
        assertThat(served.get(k.sightingAtVictim).get("where_sighted_refs").toString())
                .isEqualTo("[\"" + TlpReferences.ANONYMOUS_IDENTITY + "\"]");
        String all = served.toString() + exported + pushed;
        for (String hidden : List.of(k.producer, k.actor, k.victim, k.redData, Tlp.RED.markingId(), Tlp.AMBER.markingId())) {
            assertThat(all).doesNotContain(hidden);
        }
    }

    /** What a GREEN partner receives from the "all" collection over TAXII. */
    private Map<String, JsonNode> served() throws Exception {
        SharingConfig config = SharingConfig.initial()
                .withCollection(new CollectionDefinition("all", "intel", "All", null, "all"))
                .withPartner(new Partner("green", Authenticator.hash(SECRET), Tlp.GREEN, List.of("all"), List.of(), false,
                        false, EnumSet.noneOf(Partner.Redaction.class)));
        try (KnowledgeStore store = Stores.embedded(ours);
             TaxiiServer server = TaxiiServer.start("127.0.0.1", 0, config, store, new DisclosureLog(ours.resolve("disclosures.log")))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + server.port() + "/taxii2/intel/collections/all/objects/?limit=1000"))
                    .header("Authorization", "Bearer green." + SECRET)
                    .header("Accept", "application/taxii+json;version=2.1").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return byId(StixJson.readTree(r.body()).get("objects"));
        }
    }

    private Map<String, JsonNode> exported() throws IOException {
        Path file = ours.resolve("green.json");
        run(ours, "export", "--format", "stix21", "--max-tlp", "green", "--out", file.toString());
        return byId(StixJson.readTree(Files.readString(file)).get("objects"));
    }

    /** What a second server stores after {@code sync push --max-tlp green} to its manual collection. */
    private Map<String, JsonNode> pushed() {
        SharingConfig config = SharingConfig.initial()
                .withCollection(new CollectionDefinition("inbox", "intel", "Inbox", null, null))
                .withPartner(new Partner("ours", Authenticator.hash(SECRET), Tlp.AMBER, List.of(), List.of("inbox"), false,
                        false, EnumSet.noneOf(Partner.Redaction.class)));
        List<StixObject> received = new ArrayList<>();
        try (KnowledgeStore store = Stores.embedded(theirs);
             TaxiiServer server = TaxiiServer.start("127.0.0.1", 0, config, store, new DisclosureLog(theirs.resolve("disclosures.log")))) {
            run(ours, "sync", "push", "http://127.0.0.1:" + server.port() + "/taxii2/", "--collection", "inbox",
                    "--user", "ours", "--password", SECRET, "--max-tlp", "green");
            store.forEachCurrent(null, s -> received.add(s.object()));
        }
        var array = StixJson.mapper().createArrayNode();
        received.forEach(o -> array.add(o.json()));
        return byId(array);
    }

    /** Objects by id; the official TLP marking definitions a bundle adds are left aside. */
    private static Map<String, JsonNode> byId(JsonNode objects) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode o : objects) {
            if (!o.get("type").asText().equals("marking-definition")) {
                assertThat(out.put(o.get("id").asText(), o)).as("sent twice: " + o.get("id")).isNull();
            }
        }
        return out;
    }

    private static void run(Path home, String... args) {
        CliRun.ok(home, args);
    }

    /** The knowledge base of the test, with the ids the assertions name. */
    private static final class Knowledge {
        final List<StixObject> objects = new ArrayList<>();
        final String producer = add("identity", "producer", null, "\"name\":\"Unmarked producer\",\"identity_class\":\"organization\"");
        final String publicIdentity = add("identity", "public", Tlp.CLEAR, "\"name\":\"Public CERT\",\"identity_class\":\"organization\"");
        final String createdByProducer = add("indicator", "by-producer", Tlp.GREEN, "\"created_by_ref\":\"" + producer + "\"," + pattern("a"));
        final String createdByPublic = add("indicator", "by-public", Tlp.GREEN, "\"created_by_ref\":\"" + publicIdentity + "\"," + pattern("b"));
        final String green = add("indicator", "green", Tlp.GREEN, pattern("c"));
        final String red = add("indicator", "red", Tlp.RED, pattern("d"));
        final String actor = add("intrusion-set", "actor", null, "\"name\":\"Agreement Panda\"");
        final String victim = add("identity", "victim", Tlp.AMBER_STRICT, "\"name\":\"Victim Ltd\",\"identity_class\":\"organization\"");
        final String redData = add("observed-data", "red-data", Tlp.RED, "\"first_observed\":\"2024-01-01T00:00:00Z\","
                + "\"last_observed\":\"2024-01-01T00:00:00Z\",\"number_observed\":1,\"object_refs\":[\""
                + Ids.derived("domain-name", "agreement") + "\"]");
        final String greenLink = relationship(createdByProducer, green);
        final String actorLink = relationship(green, actor);
        final String redLink = relationship(green, red);
        final String sightingAtVictim = add("sighting", "at-victim", Tlp.GREEN, "\"sighting_of_ref\":\"" + green
                + "\",\"where_sighted_refs\":[\"" + victim + "\"]");
        final String sightingWithRedData = add("sighting", "red-data", Tlp.GREEN, "\"sighting_of_ref\":\"" + green
                + "\",\"observed_data_refs\":[\"" + redData + "\"]");
        final String report = add("report", "report", Tlp.GREEN, "\"name\":\"Agreement Panda report\","
                + "\"published\":\"2024-01-01T00:00:00Z\",\"object_refs\":[\"" + green + "\",\"" + actor + "\"]");

        private static String pattern(String key) {
            return "\"pattern_type\":\"stix\",\"pattern\":\"[domain-name:value = '" + key + ".agreement.example']\","
                    + "\"valid_from\":\"2024-01-01T00:00:00Z\"";
        }

        private String relationship(String source, String target) {
            return add("relationship", source + target, Tlp.GREEN, "\"relationship_type\":\"related-to\",\"source_ref\":\""
                    + source + "\",\"target_ref\":\"" + target + "\"");
        }

        private String add(String type, String key, Tlp tlp, String properties) {
            String id = Ids.derived(type, "agreement", key);
            String marking = tlp == null ? "" : ",\"object_marking_refs\":[\"" + tlp.markingId() + "\"]";
            objects.add(StixObject.parse("{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                    + "\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
                    + properties + marking + "}"));
            return id;
        }
    }
}
