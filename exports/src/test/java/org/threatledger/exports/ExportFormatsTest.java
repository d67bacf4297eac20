package org.threatledger.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.BundleReader;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;

/** Every format against golden files, from the fixed demo knowledge base at the default --max-tlp amber. */
class ExportFormatsTest {
    @TempDir
    static Path home;
    static KnowledgeStore store;

    @TempDir
    Path out;

    @BeforeAll
    static void load() {
        store = DemoKnowledge.open(home.resolve("kb"));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static ExportSummary export(String format, ExportOptions options, Path target) throws IOException {
        return Exports.run(store, Exporters.builtIn().byFormat(format).orElseThrow(), options, target);
    }

    static ExportOptions actor(String name) {
        return new ExportOptions(name, 0, Tlp.AMBER, List.of());
    }

    @Test
    void zeekIntel_everything_matchesGolden() throws IOException {
        Path file = out.resolve("intel.dat");
        ExportSummary s = export("zeek-intel", ExportOptions.defaults(), file);
        Golden.assertMatches(Files.readString(file), "zeek-intel.dat");
        assertThat(s.skipped()).containsEntry("ip:port (Zeek's Intel framework has no ports)", 2L)
                .containsEntry("subdomain wildcard (Zeek's Intel framework has no wildcards)", 1L);
        assertThat(s.narrowed()).containsEntry("domain with subdomains written as the domain alone (Zeek matches Intel::DOMAIN exactly)", 4L);
    }

    @Test
    void zeekIntel_urlsHaveNoScheme_andFieldsAreTabSeparated() throws IOException {
        Path file = out.resolve("intel.dat");
        export("zeek-intel", ExportOptions.defaults(), file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).contains(ZeekIntelExporter.HEADER);
        assertThat(lines).filteredOn(l -> l.contains("\tIntel::URL\t")).isNotEmpty()
                .allSatisfy(l -> assertThat(l).doesNotStartWith("http"));
        assertThat(lines).filteredOn(l -> !l.startsWith("#")).allSatisfy(l -> assertThat(l.split("\t", -1)).hasSize(6));
    }

    @Test
    void suricataDataset_everything_matchesGoldenFilesPerType() throws IOException {
        Path dir = out.resolve("suricata");
        ExportSummary s = export("suricata-dataset", ExportOptions.defaults(), dir);
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names).containsExactly("domains.lst", "ipv4.lst", "md5.lst", "sha256.lst", "threatledger.rules");
        for (String name : names) {
            Golden.assertMatches(Files.readString(dir.resolve(name)), "suricata-dataset/" + name);
        }
        List<String> domains = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("domains.lst"))) {
            domains.add(new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8));
        }
        assertThat(domains).contains("msp-portal.example", "news-update.example", "vaccine-research.example.org");
        assertThat(s.skipped()).containsKeys("cidr4 (no Suricata dataset type holds it)", "url (no Suricata dataset type holds it)");
        assertThat(Files.readString(dir.resolve("threatledger.rules"))).contains("dataset:isset,threatledger-domains, type string, load domains.lst");
    }

    @Test
    void csv_everything_matchesGolden() throws IOException {
        Path file = out.resolve("iocs.csv");
        ExportSummary s = export("csv", ExportOptions.defaults(), file);
        String text = Files.readString(file);
        Golden.assertMatches(text, "indicators.csv");
        assertThat(text).startsWith("value,type,port,subdomains,actor,tlp,source,comment,reference\r\n");
        assertThat(s.written()).isEqualTo(text.split("\r\n").length - 1);
    }

    @Test
    void csv_quotesPerRfc4180() {
        assertThat(CsvExporter.quote("plain")).isEqualTo("plain");
        assertThat(CsvExporter.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvExporter.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvExporter.quote("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
    }

    @Test
    void misp_apt10_matchesGolden() throws IOException {
        Path file = out.resolve("event.json");
        export("misp", actor("APT10"), file);
        String text = Files.readString(file);
        Golden.assertMatches(text, "misp-apt10.json");
        JsonNode event = StixJson.readTree(text).path("Event");
        assertThat(event.path("Galaxy").get(0).path("GalaxyCluster").get(0).path("value").asText()).isEqualTo("APT10");
        assertThat(event.path("Tag").get(0).path("name").asText()).isEqualTo("tlp:amber");
    }

    @Test
    void navigatorLayer_apt10_matchesGolden() throws IOException {
        Path file = out.resolve("layer.json");
        ExportSummary s = export("navigator-layer", actor("menuPass"), file);
        String text = Files.readString(file);
        Golden.assertMatches(text, "navigator-apt10.json");
        JsonNode layer = StixJson.readTree(text);
        assertThat(layer.path("name").asText()).isEqualTo("APT10");
        assertThat(layer.path("domain").asText()).isEqualTo("enterprise-attack");
        assertThat(layer.path("versions").path("layer").asText()).isEqualTo("4.5");
        assertThat(layer.path("versions").path("attack").asText()).isEqualTo("18");
        List<String> ids = new ArrayList<>();
        layer.path("techniques").forEach(t -> ids.add(t.path("techniqueID").asText()));
        // the demo bundle: APT10 uses Trusted Relationship, Valid Accounts, OS Credential Dumping, Archive Collected Data
        assertThat(ids).containsExactly("T1003", "T1078", "T1199", "T1560");
        layer.path("techniques").forEach(t -> {
            assertThat(t.path("score").asInt()).isEqualTo(1);
            assertThat(t.path("color").asText()).matches("#[0-9a-f]{6}");
        });
        assertThat(s.written()).isEqualTo(4);
    }

    @Test
    void navigatorLayer_withoutActor_isRefused() {
        assertThatThrownBy(() -> export("navigator-layer", ExportOptions.defaults(), out.resolve("layer.json")))
                .isInstanceOf(ExportException.class).hasMessageContaining("needs --actor");
        assertThat(out.resolve("layer.json")).doesNotExist();
    }

    @Test
    void stix21_everything_writesTheGoldenSetOfIds() throws IOException {
        Path file = out.resolve("bundle.json");
        export("stix21", ExportOptions.defaults(), file);
        List<StixObject> objects = new ArrayList<>();
        List<Object> problems = new ArrayList<>();
        try (var in = Files.newInputStream(file)) {
            BundleReader.read(in, file.toString(), objects::add, problems::add);
        }
        assertThat(problems).isEmpty();
        String ids = String.join("\n", objects.stream().map(StixObject::id).sorted().toList()) + "\n";
        Golden.assertMatches(ids, "stix21-ids.txt");
    }

    @Test
    void unknownActor_failsNamingIt() {
        assertThatThrownBy(() -> export("csv", actor("Nobody Panda"), out.resolve("x.csv")))
                .isInstanceOf(ExportException.class).hasMessageContaining("'Nobody Panda'");
    }
}
