package org.threatledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.stix.Validator;
import org.threatledger.taxii.CollectionDefinition;

/** Every TAXII 2.1 endpoint over real HTTP on loopback, checked by the spec-driven client. */
class TaxiiEndpointsTest {
    private static final String ROOT = "/taxii2/intel/";
    private static final String ALL = ROOT + "collections/all/";
    private static final String MANUAL = ROOT + "collections/manual/";

    @TempDir
    Path home;
    Fixture f;
    SpecClient acme;

    @BeforeEach
    void start() {
        f = new Fixture(home, List.of(new CollectionDefinition("all", "intel", "Everything", "All we may share", "all"),
                new CollectionDefinition("manual", "intel", "Shared by hand", null, null)),
                List.of(Fixture.partner("acme", Tlp.AMBER, List.of("all", "manual"), List.of("manual")),
                        Fixture.partner("reader", Tlp.GREEN, List.of("all"), List.of())), 5, 64 * 1024);
        f.store.put(Fixture.indicators("green", 3, Tlp.GREEN), Fixture.TEST);
        acme = f.client("acme");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void discovery_listsApiRootsAndDefault() {
        SpecClient.Answer a = acme.get("/taxii2/");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).isEqualTo(SpecClient.TAXII);
        assertThat(a.json().get("api_roots").get(0).asText()).isEqualTo(ROOT);
        assertThat(a.json().get("default").asText()).isEqualTo(ROOT);
    }

    @Test
    void apiRoot_saysVersionAndMaxContentLength() {
        JsonNode root = acme.get(ROOT).json();

        assertThat(root.get("versions").get(0).asText()).isEqualTo(SpecClient.TAXII);
        assertThat(root.get("max_content_length").asLong()).isEqualTo(64 * 1024);
    }

    @Test
    void collections_onlyThoseThePartnerMayUse_withReadWriteFlags() {
        JsonNode acmeCollections = acme.get(ROOT + "collections/").json().get("collections");
        JsonNode readerCollections = f.client("reader").get(ROOT + "collections/").json().get("collections");

        assertThat(acmeCollections).hasSize(2);
        assertThat(readerCollections).hasSize(1);
        JsonNode manual = acme.get(MANUAL).json();
        assertThat(manual.get("can_read").asBoolean()).isTrue();
        assertThat(manual.get("can_write").asBoolean()).isTrue();
        assertThat(f.client("reader").get(MANUAL).status()).isEqualTo(404);
    }

    @Test
    void objects_envelopeWithDateAddedHeaders_bothMediaTypesAccepted() {
        SpecClient.Answer a = acme.get(ALL + "objects/");
        SpecClient.Answer stix = acme.get(ALL + "objects/", "application/stix+json;version=2.1");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("objects")).hasSize(3);
        assertThat(a.json().get("more").asBoolean()).isFalse();
        assertThat(a.header("X-TAXII-Date-Added-First")).isNotNull();
        assertThat(a.header("X-TAXII-Date-Added-Last")).isNotNull();
        assertThat(stix.status()).isEqualTo(200);
        assertThat(stix.header("Content-Type")).isEqualTo("application/stix+json;version=2.1");
    }

    @Test
    void objects_filtersByTypeAndId() {
        String id = Fixture.indicator("green1", Tlp.GREEN).id();

        assertThat(acme.get(ALL + "objects/?match[type]=malware").json().has("objects")).isFalse();
        assertThat(acme.get(ALL + "objects/?match[id]=" + id).json().get("objects")).hasSize(1);
        assertThat(acme.get(ALL + "objects/?match[spec_version]=2.0").json().has("objects")).isFalse();
    }

    @Test
    void manifest_andVersions_describeWhatIsThere() {
        String id = Fixture.indicator("green0", Tlp.GREEN).id();
        f.store.put(List.of(Fixture.indicator("green0", Tlp.GREEN).with("modified",
                org.threatledger.stix.StixJson.mapper().getNodeFactory().textNode("2025-01-01T00:00:00.000Z"))), Fixture.TEST);

        JsonNode manifest = acme.get(ALL + "manifest/").json();
        JsonNode versions = acme.get(ALL + "objects/" + id + "/versions/").json();
        JsonNode object = acme.get(ALL + "objects/" + id + "/").json();
        JsonNode first = acme.get(ALL + "objects/" + id + "/?match[version]=first").json();

        assertThat(manifest.get("objects")).hasSize(3);
        assertThat(manifest.get("objects").get(0).get("media_type").asText()).isEqualTo("application/stix+json;version=2.1");
        assertThat(versions.get("versions")).extracting(JsonNode::asText)
                .containsExactly("2024-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z");
        assertThat(object.get("objects").get(0).get("modified").asText()).isEqualTo("2025-01-01T00:00:00.000Z");
        assertThat(first.get("objects").get(0).get("modified").asText()).isEqualTo("2024-01-01T00:00:00.000Z");
    }

    @Test
    void post_storesValidObjects_answersStatus_keepsProvenance_thenDelete() {
        StixObject good = Fixture.indicator("posted", Tlp.GREEN);
        String body = "{\"objects\":[" + good.toJson() + ",{\"type\":\"indicator\",\"id\":\"indicator--bad\"}]}";

        SpecClient.Answer posted = acme.post(MANUAL + "objects/", SpecClient.TAXII, body);

        assertThat(posted.status()).isEqualTo(202);
        JsonNode status = posted.json();
        assertThat(status.get("status").asText()).isEqualTo("complete");
        assertThat(status.get("success_count").asInt()).isEqualTo(1);
        assertThat(status.get("failure_count").asInt()).isEqualTo(1);
        assertThat(acme.get(ROOT + "status/" + status.get("id").asText() + "/").json()).isEqualTo(status);
        assertThat(f.client("reader").get(ROOT + "status/" + status.get("id").asText() + "/").status()).isEqualTo(404);
        assertThat(f.store.get(good.id()).orElseThrow().provenance().source()).isEqualTo("acme");
        assertThat(acme.get(MANUAL + "objects/").json().get("objects")).hasSize(1);
        assertThat(f.log.report("acme")).anyMatch(d -> d.objectId().equals(good.id())
                && d.direction() == org.threatledger.taxii.Disclosure.Direction.RECEIVED);

        assertThat(acme.delete(MANUAL + "objects/" + good.id() + "/").status()).isEqualTo(200);
        assertThat(acme.get(MANUAL + "objects/").json().has("objects")).isFalse();
        assertThat(acme.delete(ALL + "objects/" + good.id() + "/").status()).isEqualTo(403);
    }

    @Test
    void receivedFromPartner_keepsItsMarking_neverReSharedBeyondIt() {
        StixObject amber = Fixture.indicator("from-acme", Tlp.AMBER);
        acme.post(MANUAL + "objects/", SpecClient.TAXII, "{\"objects\":[" + amber.toJson() + "]}");

        assertThat(f.store.get(amber.id()).orElseThrow().tlp()).isEqualTo(Tlp.AMBER);
        assertThat(acme.get(ALL + "objects/").body()).contains(amber.id());
        SpecClient.Answer reader = f.client("reader").get(ALL + "objects/");
        assertThat(reader.json().get("objects")).hasSize(3);
        assertThat(reader.everything()).doesNotContain(amber.id());
    }

    @Test
    void servedObjects_areValidStix_andLogged() {
        JsonNode objects = acme.get(ALL + "objects/").json().get("objects");

        for (JsonNode o : objects) {
            assertThat(new Validator().validate(StixObject.parse(o.toString())).isValid()).isTrue();
        }
        assertThat(f.log.report("acme")).hasSize(3);
        assertThat(f.log.verify().ok()).isTrue();
    }

    @Test
    void errors_areTaxiiErrorResources_withTheRightStatus_andNothingInternal() {
        String big = "{\"objects\":[" + "{\"x\":\"" + "a".repeat(70_000) + "\"}]}";
        long before = f.store.stats().total();
        assertError(acme.get(ALL + "objects/", "text/html"), 406);
        assertError(acme.get(ROOT + "collections/", "application/stix+json;version=2.1"), 406);
        assertError(acme.post(MANUAL + "objects/", "application/json", "{\"objects\":[]}"), 415);
        assertError(acme.post(MANUAL + "objects/", SpecClient.TAXII, big), 413);
        assertError(acme.post(MANUAL + "objects/", SpecClient.TAXII, "{not json"), 400);
        assertError(acme.post(ALL + "objects/", SpecClient.TAXII, "{\"objects\":[]}"), 403);
        assertError(acme.get(ALL + "objects/?next=AAAA.BBBB"), 400);
        assertError(acme.get(ALL + "objects/?limit=zero"), 400);
        assertError(acme.get(ALL + "objects/?added_after=yesterday"), 400);
        assertError(acme.get(ROOT + "collections/nope/objects/"), 404);
        assertThat(acme.get(ROOT + "collections/nope/objects/").json().get("description").asText()).contains("nope");
        assertError(acme.get("/taxii2/nope/"), 404);
        assertError(acme.get("/somewhere/else"), 404);
        assertThat(f.store.stats().total()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void refusedBodies_stillReachTheirAnswer_evenWhenTheClientIsStillSending() {
        // A server that answers before reading a body and then closes makes the client's TCP stack reset
        // the connection, and the client loses the answer; repeat so that a race would show.
        String big = "{\"objects\":[" + "{\"x\":\"" + "a".repeat(2_000_000) + "\"}]}";
        SpecClient stranger = new SpecClient(f.server.port(), "nobody", "wrong");
        for (int i = 0; i < 5; i++) {
            assertError(acme.post(MANUAL + "objects/", SpecClient.TAXII, big), 413);
        }
        assertError(stranger.post(MANUAL + "objects/", SpecClient.TAXII, big), 401);
        assertThat(acme.get(ALL + "objects/").status()).as("the server still serves").isEqualTo(200);
    }

    @Test
    void tamperedCursor_isRejected() {
        f.store.put(Fixture.indicators("more", 10, Tlp.GREEN), Fixture.TEST);
        String next = acme.get(ALL + "objects/?limit=2").json().get("next").asText();
        char[] chars = next.toCharArray();
        chars[3] = chars[3] == 'A' ? 'B' : 'A';

        assertThat(acme.get(ALL + "objects/?limit=2&next=" + next).status()).isEqualTo(200);
        assertError(acme.get(ALL + "objects/?limit=2&next=" + new String(chars)), 400);
        assertError(acme.get(MANUAL + "objects/?limit=2&next=" + next), 400);
    }

    @Test
    void badCredentials_are401WithChallenge_thenRateLimitedWith429() {
        SpecClient wrong = new SpecClient(f.server.port(), "acme", "wrong");
        SpecClient.Answer first = wrong.get("/taxii2/");
        assertError(first, 401);
        assertThat(first.header("WWW-Authenticate")).contains("Basic");
        assertError(new SpecClient("http://127.0.0.1:" + f.server.port(), null).get("/taxii2/"), 401);
        for (int i = 0; i < 3; i++) {
            wrong.get("/taxii2/");
        }

        assertError(wrong.get("/taxii2/"), 429);
        assertError(acme.get("/taxii2/"), 429);
    }

    @Test
    void bearerApiKey_authenticates() {
        SpecClient bearer = new SpecClient("http://127.0.0.1:" + f.server.port(), "Bearer acme." + Fixture.SECRET);

        assertThat(bearer.get("/taxii2/").status()).isEqualTo(200);
    }

    private static void assertError(SpecClient.Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.header("Content-Type")).isEqualTo(SpecClient.TAXII);
        JsonNode e = a.json();
        assertThat(e.get("title").asText()).isNotBlank();
        assertThat(e.get("http_status").asText()).isEqualTo(Integer.toString(status));
        assertThat(a.body()).doesNotContain("Exception", "at org.", "at java.", "SQL", "sqlite", "jdbc", "Javalin", "Jetty");
    }
}
