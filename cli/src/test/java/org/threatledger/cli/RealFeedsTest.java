package org.threatledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.StixJson;

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
    @Order(5)
    void export_ofAnActor_passesTheOasisSchemas() throws Exception {
        Path out = home.resolve("apt1-export.json");
        json("export", "--actor", "APT1", "--out", out.toString());
        OasisSchemas schemas = OasisSchemas.load(DATA.resolve("stix21-schemas/schemas"));
        assertThat(schemas.checkBundle(out)).isEmpty();
    }
}
