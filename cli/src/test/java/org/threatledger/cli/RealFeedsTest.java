package org.threatledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.server.TaxiiServer;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixJson;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Stores;
import org.threatledger.taxii.DisclosureLog;
import org.threatledger.taxii.LiveSharingConfig;
import org.threatledger.taxii.SharingConfig;

/**
 * The real feeds together: ATT&CK Enterprise 18.1, the MISP threat-actor and mitre-intrusion-set
 * galaxies, Mandiant's APT1 OpenIOC appendix, the STIX 2.1 APT1 report and maltrail's Comment Crew
 * trails, into one embedded store. APT1 must come out as one actor on strong evidence (G0006, the
 * galaxy uuid equal to the ATT&CK id), with the Mandiant records as candidates until an analyst links them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealFeedsTest {
    @TempDir
    static Path home;
    static final Path DATA = Path.of(System.getProperty("shared.data"));

    static JsonNode json(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--json"));
        all.addAll(List.of(args));
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as("exit code of %s: %s", all, err).isIn(0, 3);
        return StixJson.readTree(out.toString());
    }

    @BeforeAll
    static void importEverything() throws Exception {
        Path galaxies = Files.createDirectories(home.resolve("galaxies"));
        Files.copy(DATA.resolve("misp-galaxy/clusters/threat-actor.json.gz"), galaxies.resolve("threat-actor.json.gz"));
        Files.copy(DATA.resolve("misp-galaxy/clusters/mitre-intrusion-set.json"), galaxies.resolve("mitre-intrusion-set.json"));
        JsonNode attack = json("import", DATA.resolve("mitre-attack/enterprise-attack-18.1.stix20.json.gz").toString(), "--source", "mitre-attack");
        assertThat(attack.path("totals").path("added").asLong()).isEqualTo(24_771);
        assertThat(attack.path("totals").path("rejected").asLong()).isZero();
        json("import", galaxies.toString(), "--source", "misp-galaxy");
        json("import", DATA.resolve("apt1-mandiant/openioc-appendix-g").toString(), "--source", "mandiant-apt1");
        json("import", DATA.resolve("stix21-schemas/examples/threat-reports/apt1.json").toString(), "--source", "mandiant-apt1-stix");
        json("import", DATA.resolve("ioc-lists/maltrail/trails/static/malware/apt_commentcrew.txt").toString(), "--source", "maltrail");
    }

    @Test
    @Order(1)
    void apt1_isOneActorAcrossAttackAndTheMispGalaxies() {
        JsonNode p = json("show", "G0006");
        assertThat(p.path("name").asText()).isEqualTo("APT1");
        assertThat(p.path("names").has("Comment Crew")).isTrue();
        assertThat(p.path("names").has("Comment Panda")).isTrue();
        assertThat(p.path("names").has("PLA Unit 61398")).isTrue();
        assertThat(p.path("names").path("Comment Crew").toString()).contains("mitre-attack").contains("misp-galaxy");
        assertThat(p.path("merged_on").toString()).contains("attack:G0006").contains("6a2e693f-24e5-451a-9f88-b36a108e5662");
        assertThat(p.path("ids").size()).isEqualTo(3);
        assertThat(p.path("countries").toString()).contains("China");
    }

    @Test
    @Order(2)
    void apt1_profile_matchesAttackCounts() {
        JsonNode p = json("show", "Comment Crew");
        // data README: G0006 uses 40 = 23 techniques, 6 malware, 11 tools
        assertThat(p.path("techniques").size()).isEqualTo(23);
        assertThat(p.path("software").size()).isEqualTo(17);
        assertThat(p.path("sectors").toString()).contains("Government").contains("Private sector");
        assertThat(p.path("indicators").path("domain").asLong()).isGreaterThanOrEqualTo(2_046);
    }

    @Test
    @Order(3)
    void mandiantRecords_areCandidatesOnly_untilAnAnalystLinksThem() {
        JsonNode p = json("show", "APT1");
        assertThat(p.path("candidates").toString()).contains("intrusion-set--da1065ce-972c-4605-8755-9cd1074e3b5a");
        assertThat(p.path("names").has("Shady Rat")).isFalse();

        json("actor", "link", "G0006", "intrusion-set--da1065ce-972c-4605-8755-9cd1074e3b5a", "--reason", "Mandiant's APT1 report is G0006");
        JsonNode linked = json("show", "APT1");
        assertThat(linked.path("names").has("Shady Rat")).isTrue();
        assertThat(linked.path("merged_on").toString()).contains("duplicate-of");

        json("actor", "unlink", "G0006", "intrusion-set--da1065ce-972c-4605-8755-9cd1074e3b5a");
        assertThat(json("show", "APT1").path("names").has("Shady Rat")).isFalse();
    }

    @Test
    @Order(4)
    void lookups_byExternalIds() {
        assertThat(json("show", "T1566.001").get(0).path("name").asText()).isEqualTo("Spearphishing Attachment");
        assertThat(json("show", "S0001").get(0).path("type").asText()).isIn("malware", "tool");
        JsonNode hits = json("search", "spearphishing", "--type", "attack-pattern");
        assertThat(hits.size()).isGreaterThan(0);
    }

    @Test
    @Order(6)
    void actorCountryCollection_servesCnActorsAndWhatIsAttributedToThem_duplicatesOnceLinked() throws Exception {
        assertThat(run("collection", "add", "cn", "--title", "CN actors", "--query",
                "type IN (intrusion-set, malware, tool, attack-pattern, indicator) AND actor-country:CN")).isZero();
        StringWriter added = new StringWriter();
        Main.run(new String[] {"--home", home.toString(), "partner", "add", "acme", "--max-tlp", "amber", "--read", "cn"},
                new PrintWriter(added, true), new PrintWriter(new StringWriter(), true));
        String token = "acme." + added.toString().lines().filter(l -> l.startsWith("secret: ")).findFirst().orElseThrow().substring(8);
        String apt1Stub = Ids.derived("intrusion-set", "name", "apt1");
        JsonNode apt1 = json("show", "G0006");
        List<String> stubIndicators = new ArrayList<>();
        List<String> software = new ArrayList<>();
        List<String> techniques = new ArrayList<>();
        try (KnowledgeStore store = Stores.embedded(home)) {
            store.relationships(apt1Stub).forEach(r -> stubIndicators.add(r.text("source_ref").orElseThrow()));
            apt1.path("software").fieldNames().forEachRemaining(id -> software.add(store.lookup(id).getFirst().id()));
            apt1.path("techniques").fieldNames().forEachRemaining(id -> techniques.add(store.lookup(id).getFirst().id()));
        }

        try (KnowledgeStore store = Stores.embedded(home);
             TaxiiServer server = TaxiiServer.start("127.0.0.1", 0, LiveSharingConfig.watch(home.resolve(SharingConfig.FILE)),
                     store, new DisclosureLog(home.resolve("disclosures.log")))) {
            Set<String> cn = walk(server.port(), token);
            // APT1 (ATT&CK + galaxy, CN from the galaxy's meta.country) and APT10 are CN; APT28 and APT29 are RU.
            assertThat(cn).containsAll(ids(apt1)).containsAll(ids(json("show", "G0045")));
            assertThat(cn).doesNotContainAnyElementsOf(ids(json("show", "G0007"))).doesNotContainAnyElementsOf(ids(json("show", "G0016")));
            assertThat(software).hasSize(17);
            assertThat(cn).containsAll(software).doesNotContainAnyElementsOf(techniques);
            assertThat(stubIndicators).hasSizeGreaterThan(30);
            assertThat(cn).as("Mandiant's IOCs name an 'APT1' that is only a candidate").doesNotContainAnyElementsOf(stubIndicators);

            json("actor", "link", "G0006", apt1Stub, "--reason", "Mandiant's OpenIOC appendix G is APT1");
            Set<String> linked = walk(server.port(), token);
            json("actor", "unlink", "G0006", apt1Stub);

            assertThat(linked).contains(apt1Stub).containsAll(stubIndicators).containsAll(cn);
            assertThat(walk(server.port(), token)).isEqualTo(cn);
        }
    }

    private static int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        return Main.run(all.toArray(String[]::new), new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    }

    private static Set<String> ids(JsonNode profile) {
        Set<String> out = new HashSet<>();
        profile.path("ids").forEach(id -> out.add(id.asText()));
        assertThat(out).isNotEmpty();
        return out;
    }

    /** Every id of collection cn, following {@code next}. */
    private static Set<String> walk(int port, String token) throws Exception {
        Set<String> out = new HashSet<>();
        String next = null;
        for (int page = 0; page < 1000; page++) {
            String url = "http://127.0.0.1:" + port + "/taxii2/intel/collections/cn/objects/?limit=1000"
                    + (next == null ? "" : "&next=" + next);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/taxii+json;version=2.1").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = StixJson.readTree(r.body());
            body.path("objects").forEach(o -> out.add(o.get("id").asText()));
            if (!body.path("more").asBoolean(false)) {
                return out;
            }
            next = body.get("next").asText();
        }
        throw new AssertionError("the collection did not end within 1000 pages");
    }

    @Test
    @Order(5)
    void export_ofAnActor_passesTheOasisSchemas() throws Exception {
        Path out = home.resolve("apt1-export.json");
        json("export", "--actor", "APT1", "--out", out.toString());
        OasisSchemas schemas = OasisSchemas.load(DATA.resolve("stix21-schemas/schemas"));
        assertThat(schemas.checkBundle(out)).isEmpty();
    }
}
