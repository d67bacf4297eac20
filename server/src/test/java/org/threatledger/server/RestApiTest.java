package org.threatledger.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.threatledger.server.ApiKnowledge.AMBER_ACTOR;
import static org.threatledger.server.ApiKnowledge.AMBER_INDICATOR;
import static org.threatledger.server.ApiKnowledge.GREEN_ACTOR;
import static org.threatledger.server.ApiKnowledge.GREEN_INDICATOR;
import static org.threatledger.server.ApiKnowledge.NEW_SIGHTING;
import static org.threatledger.server.ApiKnowledge.OLD_SIGHTING;
import static org.threatledger.server.ApiKnowledge.RED_ACTOR;
import static org.threatledger.server.ApiKnowledge.RED_INDICATOR;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.Timestamps;
import org.threatledger.stix.Tlp;

/** The JSON API at /api over real HTTP on loopback and a real SQLite store, read by an independent client. */
class RestApiTest {
    static final String JSON = "application/json";

    @TempDir
    Path home;
    Fixture f;
    SpecClient green;
    SpecClient amber;

    @BeforeEach
    void start() {
        f = new Fixture(home, List.of(), List.of(Fixture.partner("green", Tlp.GREEN, List.of(), List.of()),
                Fixture.partner("amber", Tlp.AMBER, List.of(), List.of())), 50, 64 * 1024);
        ApiKnowledge.load(f.store);
        green = f.client("green");
        amber = f.client("amber");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static JsonNode ok(SpecClient.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.header("Content-Type")).startsWith(JSON);
        return a.json();
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(o -> out.add(o.get("id").asText()));
        return out;
    }

    @Test
    void stats_countsOnlyWhatThePartnerMaySee_inTheStatsJsonShape() {
        JsonNode greenStats = ok(green.get("/api/stats", JSON));
        JsonNode amberStats = ok(amber.get("/api/stats", JSON));

        assertThat(greenStats.get("objects").get("total").asLong()).isEqualTo(5);
        assertThat(greenStats.get("objects").get("by_type").get("sighting").asLong()).isEqualTo(2);
        assertThat(greenStats.get("objects").get("by_type").has("malware")).isFalse();
        assertThat(greenStats.get("actors").asLong()).isEqualTo(1);
        assertThat(greenStats.get("indicators").asLong()).isEqualTo(1);
        assertThat(greenStats.get("list_entries").isObject()).isTrue();
        assertThat(amberStats.get("objects").get("total").asLong()).isEqualTo(10);
        assertThat(amberStats.get("actors").asLong()).isEqualTo(2);
    }

    @Test
    void search_returnsVisibleMatchesOnly_andFiltersByType() {
        List<String> greenHits = ids(ok(green.get("/api/search?q=espionage", JSON)).get("objects"));
        List<String> amberHits = ids(ok(amber.get("/api/search?q=espionage&type=intrusion-set", JSON)).get("objects"));

        assertThat(greenHits).containsExactlyInAnyOrder(GREEN_ACTOR, GREEN_INDICATOR);
        assertThat(amberHits).containsExactlyInAnyOrder(GREEN_ACTOR, AMBER_ACTOR);
        assertThat(ids(ok(green.get("/api/search?q=espionage&limit=1", JSON)).get("objects"))).hasSize(1);
    }

    @Test
    void object_returnsTheCurrentVersion() {
        JsonNode o = ok(green.get("/api/objects/" + GREEN_INDICATOR, JSON));

        assertThat(o.get("id").asText()).isEqualTo(GREEN_INDICATOR);
        assertThat(o.get("modified").asText()).isEqualTo("2024-06-01T00:00:00.000Z");
    }

    @Test
    void versions_listsEveryVersionOldestFirst() {
        JsonNode v = ok(green.get("/api/objects/" + GREEN_INDICATOR + "/versions", JSON));

        assertThat(v.get("id").asText()).isEqualTo(GREEN_INDICATOR);
        assertThat(v.get("versions")).hasSize(2);
        assertThat(v.get("versions").get(0).get("version").asText()).isEqualTo("2024-01-01T00:00:00.000Z");
        assertThat(v.get("versions").get(1).get("object").get("modified").asText()).isEqualTo("2024-06-01T00:00:00.000Z");
        assertThat(Timestamps.tryParse(v.get("versions").get(0).get("date_added").asText())).isPresent();
    }

    @Test
    void objectAboveThePartnersTlp_answersExactlyLikeAMissingOne() {
        String missing = "indicator--00000000-0000-4000-8000-000000000000";
        SpecClient.Answer hidden = green.get("/api/objects/" + AMBER_INDICATOR, JSON);
        SpecClient.Answer absent = green.get("/api/objects/" + missing, JSON);
        SpecClient.Answer hiddenVersions = green.get("/api/objects/" + AMBER_INDICATOR + "/versions", JSON);
        SpecClient.Answer absentVersions = green.get("/api/objects/" + missing + "/versions", JSON);

        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body().replace(AMBER_INDICATOR, "ID")).isEqualTo(absent.body().replace(missing, "ID"));
        assertThat(hiddenVersions.body().replace(AMBER_INDICATOR, "ID")).isEqualTo(absentVersions.body().replace(missing, "ID"));
        assertThat(hidden.json().get("error").get("status").asInt()).isEqualTo(404);
        assertThat(amber.get("/api/objects/" + AMBER_INDICATOR, JSON).status()).isEqualTo(200);
        assertThat(amber.get("/api/objects/" + RED_INDICATOR, JSON).status()).isEqualTo(404);
    }

    @Test
    void objectsSent_areRecordedInTheDisclosureLog_countsAndRefusalsAreNot() {
        ok(green.get("/api/stats", JSON));
        green.get("/api/objects/" + AMBER_INDICATOR, JSON);
        ok(green.get("/api/objects/" + GREEN_INDICATOR, JSON));
        ok(green.get("/api/search?q=Greenfox", JSON));

        assertThat(f.log.report("green")).extracting(d -> d.objectId() + " " + d.version())
                .containsExactly(GREEN_INDICATOR + " 2024-06-01T00:00:00.000Z", GREEN_ACTOR + " 2024-01-01T00:00:00.000Z");
        assertThat(f.log.verify().ok()).isTrue();
    }

    @Test
    void actors_listsUnifiedActorsThePartnerMaySee() {
        JsonNode actors = ok(green.get("/api/actors", JSON)).get("actors");

        assertThat(actors).hasSize(1);
        JsonNode a = actors.get(0);
        assertThat(a.get("name").asText()).isEqualTo("Greenfox");
        assertThat(a.get("ids").get(0).asText()).isEqualTo(GREEN_ACTOR);
        assertThat(a.get("names").toString()).contains("Greenfox", "Greenfox Team");
        assertThat(a.get("sources").get(0).asText()).isEqualTo("api-test");
        assertThat(ok(amber.get("/api/actors", JSON)).get("actors")).hasSize(2);
    }

    @Test
    void actorProfile_hasTheShowJsonShape_builtFromVisibleObjectsOnly() {
        JsonNode greenView = ok(green.get("/api/actors/G9001", JSON));
        JsonNode amberView = ok(amber.get("/api/actors/Greenfox", JSON));

        assertThat(greenView.get("name").asText()).isEqualTo("Greenfox");
        assertThat(greenView.get("external_ids").toString()).contains("G9001");
        assertThat(greenView.get("names").get("Greenfox").get(0).asText()).isEqualTo("api-test");
        assertThat(greenView.get("software").isEmpty()).isTrue();
        assertThat(greenView.get("indicators").toString()).contains("1");
        for (String field : List.of("merged_on", "countries", "techniques", "campaigns", "sectors", "victims", "lists", "candidates")) {
            assertThat(greenView.has(field)).as(field).isTrue();
        }
        assertThat(amberView.get("software").toString()).contains("Quietcobra");
    }

    @Test
    void actorProfile_ofAnActorAboveThePartnersTlp_is404() {
        assertThat(green.get("/api/actors/Amberbear", JSON).status()).isEqualTo(404);
        assertThat(green.get("/api/actors/" + RED_ACTOR, JSON).status()).isEqualTo(404);
        assertThat(amber.get("/api/actors/Redpanda", JSON).status()).isEqualTo(404);
        assertThat(amber.get("/api/actors/Amberbear", JSON).status()).isEqualTo(200);
    }

    @Test
    void sightings_newestFirst_andSinceTakesOnlyLaterImports() {
        JsonNode all = ok(green.get("/api/sightings", JSON)).get("sightings");
        String firstImport = f.store.get(OLD_SIGHTING).orElseThrow().dateAdded().toString();
        JsonNode later = ok(green.get("/api/sightings?since=" + firstImport, JSON)).get("sightings");

        assertThat(ids(all)).containsExactly(NEW_SIGHTING, OLD_SIGHTING);
        assertThat(ids(later)).containsExactly(NEW_SIGHTING);
        JsonNode first = ok(green.get("/api/sightings?limit=1", JSON));
        assertThat(ids(first.get("sightings"))).containsExactly(NEW_SIGHTING);
        assertThat(first.get("more").asBoolean()).isTrue();
        JsonNode second = ok(green.get("/api/sightings?limit=1&next=" + first.get("next").asText(), JSON));
        assertThat(ids(second.get("sightings"))).containsExactly(OLD_SIGHTING);
        assertThat(second.get("more").asBoolean()).isFalse();
        assertThat(second.has("next")).isFalse();
        assertThat(ids(ok(green.get("/api/sightings?indicator=" + GREEN_INDICATOR, JSON)).get("sightings")))
                .containsExactly(NEW_SIGHTING, OLD_SIGHTING);
        assertThat(ok(green.get("/api/sightings?indicator=" + AMBER_INDICATOR, JSON)).get("sightings")).isEmpty();
        assertThat(ok(amber.get("/api/sightings", JSON)).get("sightings")).hasSize(3);
    }

    @Test
    void greenPartner_neverReceivesAnAmberOrRedObject_fromAnyEndpoint() {
        List<String> paths = List.of("/api/stats", "/api/search?q=espionage", "/api/search?q=Amberbear",
                "/api/search?q=Quietcobra", "/api/search?q=implant&type=malware", "/api/actors", "/api/actors/Greenfox",
                "/api/actors/Amberbear", "/api/actors/G9003", "/api/sightings", "/api/sightings?since=2000-01-01T00:00:00Z",
                "/api/objects/" + GREEN_ACTOR, "/api/objects/" + GREEN_INDICATOR + "/versions",
                "/api/objects/" + ApiKnowledge.AMBER_MALWARE + "/versions", "/api/objects/" + ApiKnowledge.USES_AMBER_MALWARE);
        for (String path : paths) {
            SpecClient.Answer a = green.get(path, JSON);
            String received = a.everything();
            for (String echoed : path.split("[/?&=]")) {
                received = echoed.isEmpty() ? received : received.replace(echoed, "");
            }
            for (String secret : ApiKnowledge.SECRETS) {
                assertThat(received).as(path).doesNotContain(secret);
            }
        }
    }

    @Test
    void noCredentials_is401WithChallenge_inTheErrorShape() {
        SpecClient.Answer a = new SpecClient("http://127.0.0.1:" + f.server.port(), null).get("/api/stats", JSON);

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.header("WWW-Authenticate")).contains("Basic", "Bearer");
        assertThat(a.json().get("error").get("status").asInt()).isEqualTo(401);
        assertThat(a.json().get("error").get("title").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void wrongSecret_is401_andBearerNameDotSecret_isAccepted() {
        SpecClient wrong = new SpecClient(f.server.port(), "green", "not-the-secret");
        SpecClient bearer = new SpecClient("http://127.0.0.1:" + f.server.port(), "Bearer green." + Fixture.SECRET);

        assertThat(wrong.get("/api/actors", JSON).status()).isEqualTo(401);
        assertThat(wrong.get("/api/actors", JSON).body()).doesNotContain("Greenfox");
        assertThat(ok(bearer.get("/api/actors", JSON)).get("actors")).hasSize(1);
    }

    @Test
    void badRequests_unknownPaths_andOtherMethods_answerInTheOneErrorShape() {
        assertError(green.get("/api/search", JSON), 400);
        assertError(green.get("/api/search?q=x&limit=0", JSON), 400);
        assertError(green.get("/api/sightings?limit=abc", JSON), 400);
        assertError(green.get("/api/sightings?since=yesterday", JSON), 400);
        assertError(green.get("/api/nothing-here", JSON), 404);
        SpecClient.Answer wrongMethod = green.post("/api/stats", JSON, "{}");
        assertError(wrongMethod, 405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("GET");
    }

    private static void assertError(SpecClient.Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.header("Content-Type")).startsWith(JSON);
        JsonNode error = a.json().get("error");
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("title").asText()).isNotBlank();
        assertThat(error.get("detail").asText()).isNotBlank();
        assertThat(a.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(400);
        assertThat(a.body()).doesNotContain("Exception", "at org.", "java.");
    }
}
