package org.threatledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.history.History;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.ImportReport;
import org.threatledger.ingest.Importers;
import org.threatledger.pipeline.ImportRun;
import org.threatledger.pipeline.Validation;
import org.threatledger.stix.Ids;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Stores;
import org.threatledger.taxii.CollectionDefinition;
import org.threatledger.taxii.Disclosure;
import org.threatledger.taxii.Partner;

/**
 * Uploads to the JSON API (feeds to {@code POST /api/imports}, telemetry to {@code POST /api/hunts})
 * over real HTTP on loopback into a real SQLite store and hunt history: the same pipelines as the
 * CLI, with the CLI's oracles; who may upload; the size limit; what a partner's hunt answer withholds.
 */
class ApiUploadsTest {
    static final Path DATA = Path.of(System.getProperty("shared.data"));
    static final Path DUKES = DATA.resolve("misp-events/eset-malware-ioc/dukes/misp-dukes-operation-ghost-event.json");
    static final String DUKES_REPORT = "report--5d9b516c-e5f0-4e7c-a958-5d8c0a019371";
    static final long MAX = 2L * 1024 * 1024;

    @TempDir
    Path home;
    Fixture f;
    SpecClient analyst;
    SpecClient writer;
    SpecClient reader;

    @BeforeEach
    void start() {
        Partner own = Fixture.partner("analyst", Tlp.AMBER, true, List.of(), List.of(), EnumSet.noneOf(Partner.Redaction.class));
        f = new Fixture(home, List.of(new CollectionDefinition("inbox", "intel", "Inbox", null, null)),
                List.of(own, Fixture.partner("writer", Tlp.GREEN, List.of(), List.of("inbox")),
                        Fixture.partner("reader", Tlp.AMBER, List.of("inbox"), List.of())), 50, MAX);
        analyst = f.client("analyst");
        writer = f.client("writer");
        reader = f.client("reader");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    static byte[] demo(String... names) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String name : names) {
            try (InputStream in = ApiUploadsTest.class.getResourceAsStream("/demo/" + name)) {
                assertThat(in).as("demo resource " + name).isNotNull();
                in.transferTo(out);
            }
        }
        return out.toByteArray();
    }

    static JsonNode answered(SpecClient.Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.header("Content-Type")).startsWith("application/json");
        return a.json();
    }

    /** The demo intel, as the CLI demo imports it: TLP:GREEN where a file says nothing, list domains with their subdomains. */
    void importDemoIntel() throws IOException {
        for (String file : List.of("actors.stix.json", "apt29-misp-event.json", "apt10-trails.txt")) {
            JsonNode report = answered(analyst.upload("/api/imports?tlp=green&subdomains=true", "application/octet-stream",
                    demo(file)), 201);
            assertThat(report.path("totals").path("rejected").asLong()).as(file).isZero();
        }
    }

    @Test
    void realApt29MispEvent_isImportedAsTheCliPipelineImportsIt_andSearchFindsIt() throws IOException {
        JsonNode report = answered(analyst.upload("/api/imports?source=eset", "application/json", Files.readAllBytes(DUKES)), 201);

        assertThat(report.path("by_type").path("attack-pattern").path("added").asLong()).isEqualTo(30);
        assertThat(report.path("by_type").path("observed-data").path("added").asLong()).isEqualTo(87);
        assertThat(report.path("totals").path("added").asLong()).isPositive();
        try (KnowledgeStore other = Stores.embedded(home.resolve("cli-oracle"));
             ImportRun run = new ImportRun(other, Importers.builtIn(), Validation.forImport())) {
            run.run(List.of(DUKES.toString()), "auto", new ImportOptions("eset", null, null, false, Instant.now()),
                    home.resolve("tmp"), ImportRun.Progress.NONE);
            ImportReport cli = run.report();
            for (ImportReport.Count c : ImportReport.Count.values()) {
                assertThat(report.path("totals").path(c.name().toLowerCase(java.util.Locale.ROOT)).asLong()).as(c.name())
                        .isEqualTo(cli.total(c));
            }
        }
        JsonNode found = answered(analyst.get("/api/search?q=Operation%20Ghost&type=report", "application/json"), 200);
        assertThat(found.path("objects").toString()).contains(DUKES_REPORT);
        JsonNode again = answered(analyst.upload("/api/imports?source=eset", "application/json", Files.readAllBytes(DUKES)), 201);
        assertThat(again.path("totals").path("added").asLong()).isZero();
        assertThat(again.path("totals").path("unchanged").asLong()).isEqualTo(report.path("totals").path("added").asLong());
    }

    @Test
    void brokenList_findingsNameLineAndField_whileTheGoodEntriesAreStored() {
        String list = String.join("\n", "# two good values, two bad ones",
                "good-list.example.org", "http://[not-an-address/x", "203.0.113.9", "999.999.999.999", "") ;
        JsonNode report = answered(analyst.upload("/api/imports?format=plain&source=broken", "text/plain",
                list.getBytes(StandardCharsets.UTF_8)), 201);

        assertThat(report.path("entries").path("read").asLong()).isEqualTo(2);
        assertThat(report.path("entries").path("stored").asLong()).isEqualTo(2);
        JsonNode findings = report.path("findings");
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).path("file").asText()).isEqualTo("upload");
        assertThat(findings.get(0).path("line").asLong()).isEqualTo(3);
        assertThat(findings.get(0).path("field").asText()).isEqualTo("value");
        assertThat(findings.get(1).path("line").asLong()).isEqualTo(5);
        assertThat(report.path("rejected").get(0).asText()).startsWith("upload:3 ");
        JsonNode stats = answered(analyst.get("/api/stats", "application/json"), 200);
        assertThat(stats.path("list_entries").path("domain").asLong()).isEqualTo(1);
        assertThat(stats.path("list_entries").path("ipv4").asLong()).isEqualTo(1);
    }

    @Test
    void brokenStixBundle_findingsNameObjectAndField_whileTheGoodObjectsAreStored() {
        String good = Fixture.indicator("good-one", Tlp.GREEN).toJson();
        String bad = Fixture.indicator("bad-one", Tlp.GREEN).toJson().replace("'bad-one.example']", "'bad-one.example'");
        String badId = Fixture.indicator("bad-one", Tlp.GREEN).id();
        String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--6f0c1b2e-8a47-4d4e-9a3c-5b1f7f0e2a11\",\"objects\":[\n"
                + good + ",\n" + bad + "\n]}";

        JsonNode report = answered(analyst.upload("/api/imports?format=stix", "application/json",
                bundle.getBytes(StandardCharsets.UTF_8)), 201);

        assertThat(report.path("totals").path("added").asLong()).isEqualTo(1);
        assertThat(report.path("totals").path("rejected").asLong()).isEqualTo(1);
        JsonNode finding = report.path("findings").get(0);
        assertThat(finding.path("object").asText()).isEqualTo(badId);
        assertThat(finding.path("field").asText()).isEqualTo("pattern");
        assertThat(finding.path("reason").asText()).contains("column");
        assertThat(analyst.get("/api/objects/" + Fixture.indicator("good-one", Tlp.GREEN).id(), "application/json").status()).isEqualTo(200);
        assertThat(analyst.get("/api/objects/" + badId, "application/json").status()).isEqualTo(404);
    }

    @Test
    void demoLogs_huntedOverHttp_giveTheTenSightingsOfTheCliDemo() throws IOException {
        importDemoIntel();

        // conn first, as the demo hunts them, so the FOLLOWEDBY pattern sees the lookup before the connection
        JsonNode hunt = answered(analyst.upload("/api/hunts?sensor=demo-sensor", "text/plain", demo("conn.log", "dns.log")), 200);

        JsonNode summary = hunt.path("summary");
        assertThat(summary.path("lines").asLong()).isEqualTo(58);
        assertThat(summary.path("sightings").asLong()).isEqualTo(10);
        assertThat(summary.path("hits_by_actor").path("APT10").asLong()).isEqualTo(16);
        assertThat(summary.path("hits_by_actor").path("APT1").asLong()).isEqualTo(6);
        assertThat(summary.path("parse_errors").size()).isZero();
        assertThat(summary.has("indicators")).isFalse();
        assertThat(hunt.path("sightings")).hasSize(10);
        assertThat(hunt.path("more").asBoolean()).isFalse();
        JsonNode limited = answered(analyst.upload("/api/hunts?sensor=demo-sensor&limit=3", "text/plain",
                demo("conn.log", "dns.log")), 200);
        assertThat(limited.path("sightings")).hasSize(3);
        assertThat(limited.path("more").asBoolean()).isTrue();

        JsonNode listed = answered(analyst.get("/api/sightings?sensor=demo-sensor&limit=1000", "application/json"), 200);
        assertThat(listed.path("sightings")).hasSize(10);
        assertThat(answered(analyst.get("/api/sightings?sensor=elsewhere", "application/json"), 200).path("sightings")).isEmpty();
        String indicator = hunt.path("sightings").get(0).path("sighting_of_ref").asText();
        JsonNode ofOne = answered(analyst.get("/api/sightings?indicator=" + indicator, "application/json"), 200);
        assertThat(ofOne.path("sightings")).isNotEmpty()
                .allSatisfy(s -> assertThat(s.path("sighting_of_ref").asText()).isEqualTo(indicator));
        assertThat(Files.isDirectory(home.resolve("history"))).isTrue();
        assertThat(home.resolve("cache/list-entries.bin")).as("hunts over the API keep the list-entry cache too").exists();
    }

    @Test
    void sightings_walkedPageByPage_eachOnceNewestFirst() throws IOException {
        importDemoIntel();
        answered(analyst.upload("/api/hunts", "text/plain", demo("conn.log", "dns.log")), 200);

        List<String> walked = new ArrayList<>();
        List<Instant> versions = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = answered(analyst.get("/api/sightings?limit=3" + (next == null ? "" : "&next=" + next),
                    "application/json"), 200);
            assertThat(page.path("sightings").size()).isLessThanOrEqualTo(3);
            page.path("sightings").forEach(s -> {
                walked.add(s.path("id").asText());
                versions.add(Instant.parse(s.path("modified").asText()));
            });
            next = page.path("more").asBoolean() ? page.path("next").asText() : null;
        } while (next != null);

        assertThat(walked).hasSize(10).doesNotHaveDuplicates();
        assertThat(versions).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        SpecClient.Answer bad = analyst.get("/api/sightings?next=not-a-cursor", "application/json");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").path("detail").asText()).contains("next");
    }

    @Test
    void gzipTelemetry_recordsTheHistory_andALaterImportRetroHuntsIt() throws IOException {
        Path ssl = DATA.resolve("zeek-logs/zed-sample-data/zeek-default/ssl.log.gz");
        answered(analyst.upload("/api/imports?format=plain", "text/plain", "204.79.197.200:8443\n".getBytes(StandardCharsets.UTF_8)), 201);

        JsonNode first = answered(analyst.upload("/api/hunts?format=zeek", "application/gzip", Files.readAllBytes(ssl)), 200);
        assertThat(first.path("summary").path("records").asLong()).isEqualTo(49_474);
        assertThat(first.path("summary").path("hits").asLong()).isZero();

        // the bare address arrives later: the retro-hunt after the import finds it in the history at once
        JsonNode imported = answered(analyst.upload("/api/imports?format=plain&source=later", "text/plain",
                "204.79.197.200\n".getBytes(StandardCharsets.UTF_8)), 201);
        assertThat(imported.path("retrohunt").path("sightings").asLong()).isEqualTo(1);
    }

    @Test
    void historyHeldByAnotherHunt_huntIs409_importStoresAndSaysItsRetroHuntWasSkipped() throws IOException {
        byte[] list = "held.example.org\n".getBytes(StandardCharsets.UTF_8);
        History held = History.open(home.resolve("history"));
        try {
            SpecClient.Answer hunt = analyst.upload("/api/hunts", "text/plain", demo("dns.log"));
            JsonNode imported = answered(analyst.upload("/api/imports?format=plain", "text/plain", list), 201);

            assertThat(hunt.status()).as(hunt.body()).isEqualTo(409);
            assertThat(hunt.json().path("error").path("detail").asText()).contains("history");
            assertThat(imported.path("entries").path("stored").asLong()).isEqualTo(1);
            assertThat(imported.path("retrohunt").path("skipped").asText()).contains("history");
        } finally {
            held.close();
        }
        assertThat(answered(analyst.upload("/api/hunts", "text/plain", demo("dns.log")), 200)
                .path("summary").path("lines").asLong()).isEqualTo(45);
    }

    @Test
    void oversizeUploads_are413_declaredOrChunked_andNothingIsStored() {
        byte[] big = ("good-list.example.org\n" + "x".repeat((int) MAX)).getBytes(StandardCharsets.US_ASCII);

        SpecClient.Answer declared = analyst.upload("/api/imports?format=plain", "text/plain", big);
        SpecClient.Answer chunked = analyst.send("POST", "/api/imports?format=plain", "text/plain",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        SpecClient.Answer hunt = analyst.upload("/api/hunts", "text/plain", big);

        for (SpecClient.Answer a : List.of(declared, chunked, hunt)) {
            assertThat(a.status()).as(a.body()).isEqualTo(413);
            assertThat(a.json().path("error").path("detail").asText()).contains(Long.toString(MAX));
        }
        assertThat(answered(analyst.get("/api/stats", "application/json"), 200).path("list_entries").size()).isZero();
    }

    @Test
    void readOnlyPartner_is403_andAPartnerWithAWriteRight_mayUpload() {
        byte[] list = "reader-try.example.org\n".getBytes(StandardCharsets.UTF_8);

        SpecClient.Answer refused = reader.upload("/api/imports?format=plain", "text/plain", list);
        SpecClient.Answer refusedHunt = reader.upload("/api/hunts", "text/plain", list);
        SpecClient.Answer anonymous = new SpecClient("http://127.0.0.1:" + f.server.port(), null)
                .upload("/api/imports?format=plain", "text/plain", list);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").path("detail").asText()).contains("reader", "may read only");
        assertThat(refusedHunt.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(answered(analyst.get("/api/stats", "application/json"), 200).path("list_entries").size()).isZero();
        assertThat(f.log.report("reader")).isEmpty();
        JsonNode accepted = answered(writer.upload("/api/imports?format=plain&tlp=green", "text/plain", list), 201);
        assertThat(accepted.path("entries").path("stored").asLong()).isEqualTo(1);
        assertThat(f.log.report("writer")).singleElement()
                .satisfies(d -> assertThat(d.direction()).isEqualTo(Disclosure.Direction.RECEIVED));
    }

    /** An AMBER actor and an AMBER indicator of it that the demo's DNS log hits six times (www.example.com). */
    static String hiddenIntel() {
        String actor = Ids.derived("intrusion-set", "uploads-test", "hiddenbear");
        String indicator = Ids.derived("indicator", "uploads-test", "hiddenbear");
        String common = ",\"spec_version\":\"2.1\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
                + "\"object_marking_refs\":[\"" + Tlp.AMBER.markingId() + "\"]}";
        return "{\"type\":\"bundle\",\"id\":\"bundle--1c4e2b7a-5d3f-4e8a-9b6c-2a7f0e1d3c55\",\"objects\":["
                + "{\"type\":\"intrusion-set\",\"id\":\"" + actor + "\",\"name\":\"Hiddenbear\"" + common + ","
                + "{\"type\":\"indicator\",\"id\":\"" + indicator + "\",\"name\":\"hidden\",\"pattern_type\":\"stix\","
                + "\"pattern\":\"[domain-name:value = 'www.example.com']\",\"valid_from\":\"2024-01-01T00:00:00Z\"" + common + ","
                + "{\"type\":\"relationship\",\"id\":\"" + Ids.derived("relationship", "uploads-test", "hiddenbear")
                + "\",\"relationship_type\":\"indicates\",\"source_ref\":\"" + indicator + "\",\"target_ref\":\"" + actor + "\"" + common
                + "]}";
    }

    @Test
    void hunt_answersAPartnerOnlyWithWhatItMaySee() throws IOException {
        importDemoIntel();
        answered(analyst.upload("/api/imports?format=stix", "application/json", hiddenIntel().getBytes(StandardCharsets.UTF_8)), 201);
        String hiddenIndicator = Ids.derived("indicator", "uploads-test", "hiddenbear");

        JsonNode own = answered(analyst.upload("/api/hunts", "text/plain", demo("conn.log", "dns.log")), 200);
        SpecClient.Answer theirs = writer.upload("/api/hunts", "text/plain", demo("conn.log", "dns.log"));
        JsonNode partner = answered(theirs, 200);

        assertThat(own.path("summary").path("hits_by_actor").path("Hiddenbear").asLong()).isEqualTo(6);
        assertThat(own.path("summary").path("top_indicators").toString()).contains(hiddenIndicator);
        assertThat(partner.path("summary").path("hits").asLong()).isEqualTo(own.path("summary").path("hits").asLong() - 6);
        assertThat(partner.path("summary").path("hits_by_actor").path("APT10").asLong()).isEqualTo(16);
        // sightings are unmarked, so the configured default (AMBER) applies: none reach a GREEN partner
        assertThat(partner.path("sightings")).isEmpty();
        assertThat(partner.path("summary").path("sightings").asLong()).isZero();
        assertThat(theirs.everything()).doesNotContain("Hiddenbear", hiddenIndicator);
        own.path("sightings").forEach(s -> assertThat(theirs.everything()).doesNotContain(s.path("id").asText()));
        assertThat(f.log.report("analyst").stream().filter(d -> d.direction() == Disclosure.Direction.SENT))
                .hasSize(own.path("sightings").size());
        assertThat(f.log.report("writer")).isEmpty();
    }

    @Test
    void wrongMethods_are405WithAllow_unknownPaths404_bothInTheErrorShape() {
        SpecClient.Answer getImports = analyst.get("/api/imports", "application/json");
        SpecClient.Answer postStats = analyst.upload("/api/stats", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        SpecClient.Answer deleteObject = analyst.send("DELETE", "/api/objects/indicator--x", null, null);
        SpecClient.Answer putHunts = analyst.send("PUT", "/api/hunts", "text/plain", HttpRequest.BodyPublishers.ofString("x"));
        SpecClient.Answer unknown = analyst.upload("/api/nothing-here", "text/plain", "x".getBytes(StandardCharsets.UTF_8));
        SpecClient.Answer tooDeep = analyst.get("/api/objects/a/versions/b", "application/json");

        assertThat(getImports.status()).isEqualTo(405);
        assertThat(getImports.header("Allow")).isEqualTo("POST");
        assertThat(postStats.status()).isEqualTo(405);
        assertThat(postStats.header("Allow")).isEqualTo("GET");
        assertThat(deleteObject.status()).isEqualTo(405);
        assertThat(deleteObject.header("Allow")).isEqualTo("GET");
        assertThat(putHunts.status()).isEqualTo(405);
        assertThat(putHunts.header("Allow")).isEqualTo("POST");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Allow")).isNull();
        assertThat(tooDeep.status()).isEqualTo(404);
        for (SpecClient.Answer a : List.of(getImports, postStats, deleteObject, putHunts, unknown, tooDeep)) {
            assertThat(a.header("Content-Type")).startsWith("application/json");
            assertThat(a.json().path("error").path("status").asInt()).isEqualTo(a.status());
            assertThat(a.body()).doesNotContain("Exception", "Javalin", "Jetty");
        }
    }

    @Test
    void badParameters_are400_namingTheParameter() {
        byte[] body = "x.example.org\n".getBytes(StandardCharsets.UTF_8);

        assertBadRequest(analyst.upload("/api/imports?format=nope", "text/plain", body), "format");
        assertBadRequest(analyst.upload("/api/imports?tlp=purple", "text/plain", body), "tlp");
        assertBadRequest(analyst.upload("/api/imports?subdomains=maybe", "text/plain", body), "subdomains");
        assertBadRequest(analyst.upload("/api/hunts?format=nope", "text/plain", body), "format");
        assertBadRequest(analyst.upload("/api/hunts?format=jsonl", "text/plain", body), "mapping");
        assertBadRequest(analyst.upload("/api/hunts?format=jsonl&field.q=NOKIND", "text/plain", body), "NOKIND");
        assertBadRequest(analyst.upload("/api/hunts?limit=0", "text/plain", body), "limit");
        assertThat(answered(analyst.get("/api/stats", "application/json"), 200).path("list_entries").size()).isZero();
    }

    private static void assertBadRequest(SpecClient.Answer a, String named) {
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.json().path("error").path("detail").asText()).contains(named);
    }

    @Test
    void unrecognisedUpload_isOneFindingForTheWholeBody() {
        JsonNode report = answered(analyst.upload("/api/imports", "application/json",
                "{\"neither\":\"stix nor misp\"}".getBytes(StandardCharsets.UTF_8)), 201);

        assertThat(report.path("totals").path("rejected").asLong()).isEqualTo(1);
        assertThat(report.path("findings").get(0).path("file").asText()).isEqualTo("upload");
    }
}
