package org.threatledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.server.TaxiiServer;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Stores;
import org.threatledger.taxii.DisclosureLog;
import org.threatledger.taxii.SharingConfig;

/**
 * Our client against our server over loopback: a partner allowed GREEN pulls the demo indicators,
 * never the AMBER one; a second pull resumes and brings nothing twice; the disclosure log lists
 * exactly what left.
 */
class TaxiiInteropTest {
    @TempDir
    Path ours;

    @TempDir
    Path partner;

    static String run(Path home, String... args) {
        CliRun r = CliRun.in(home, CliRun.withJson(args));
        assertThat(r.code()).as("%s: %s", String.join(" ", args), r.err()).isIn(0, 3);
        return r.out();
    }

    @Test
    void syncPull_fromOurServer_respectsTlp_andResumes() throws IOException {
        Path bundle = ours.resolve("actors.stix.json");
        try (var in = TaxiiInteropTest.class.getResourceAsStream("/demo/actors.stix.json")) {
            Files.copy(in, bundle);
        }
        run(ours, "import", bundle.toString(), "--tlp", "green");
        run(ours, "collection", "add", "ind", "--title", "Demo indicators", "--query", "type = indicator");
        String added = CliRun.in(ours, "partner", "add", "acme", "--max-tlp", "green", "--read", "ind").out();
        String secret = added.lines().filter(l -> l.startsWith("secret: ")).findFirst().orElseThrow().substring(8);

        try (KnowledgeStore store = Stores.embedded(ours);
             TaxiiServer server = TaxiiServer.start("127.0.0.1", 0, SharingConfig.load(ours.resolve("sharing.json")), store,
                     new DisclosureLog(ours.resolve("disclosures.log")))) {
            String discovery = "http://127.0.0.1:" + server.port() + "/taxii2/";
            JsonNode first = org.threatledger.stix.StixJson.readTree(
                    run(partner, "sync", "pull", discovery, "--collection", "ind", "--token", "acme." + secret));
            JsonNode stats = org.threatledger.stix.StixJson.readTree(run(partner, "stats"));
            // 7 demo indicators, one of them AMBER: a GREEN partner gets 6
            assertThat(stats.path("objects").path("by_type").path("indicator").asLong()).isEqualTo(6);
            assertThat(first.toString()).doesNotContain("auth.aspx");

            JsonNode again = org.threatledger.stix.StixJson.readTree(
                    run(partner, "sync", "pull", discovery, "--collection", "ind", "--token", "acme." + secret));
            assertThat(again.path("totals").path("added").asLong()).isZero();
        }
        String report = run(ours, "audit", "report", "--partner", "acme");
        assertThat(report).doesNotContain("auth.aspx");
        assertThat(run(ours, "audit", "verify")).isNotNull();
    }
}
