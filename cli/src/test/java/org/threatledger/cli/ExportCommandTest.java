package org.threatledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.StixJson;

/** {@code export} for sensors: options, exit codes and the summary, on the demo dataset. */
class ExportCommandTest {
    @TempDir
    Path home;

    record Result(int code, String out, String err) {
        JsonNode json() {
            return StixJson.readTree(out);
        }
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** The bundled demo files, imported as GREEN with subdomain semantics for the trails. */
    @BeforeEach
    void demo() throws IOException {
        for (String name : DemoCommand.FILES) {
            Path p = home.resolve("in").resolve(name);
            Files.createDirectories(p.getParent());
            try (var in = ExportCommandTest.class.getResourceAsStream("/demo/" + name)) {
                Files.copy(in, p);
            }
            Result r = run("--home", demoHome(), "import", p.toString(), "--source", "demo", "--tlp", "green", "--subdomains");
            assertThat(r.code()).as(r.out() + r.err()).isZero();
        }
    }

    private String demoHome() {
        return home.resolve("kb").toString();
    }

    @Test
    void zeekIntel_printsWrittenAndSkippedByReason() throws IOException {
        Path out = home.resolve("intel.dat");
        Result r = run("--home", demoHome(), "export", "--format", "zeek-intel", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("zeek-intel: wrote").contains("skipped 1: ip:port (Zeek's Intel framework has no ports)")
                .contains("narrower 4: domain with subdomains");
        assertThat(Files.readString(out)).contains("#fields\tindicator\tindicator_type").contains("msp-portal.example\tIntel::DOMAIN");
    }

    @Test
    void json_summaryHasCountsAndFiles() {
        Path dir = home.resolve("suricata");
        Result r = run("--home", demoHome(), "--json", "export", "--format", "suricata-dataset", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("format").asText()).isEqualTo("suricata-dataset");
        assertThat(j.path("written").asLong()).isPositive();
        assertThat(j.path("files").toString()).contains("domains.lst").contains("threatledger.rules");
        assertThat(j.path("skipped").path("url (no Suricata dataset type holds it)").asLong()).isEqualTo(2);
    }

    @Test
    void navigatorLayer_needsActor_isAUsageError() {
        Result r = run("--home", demoHome(), "export", "--format", "navigator-layer", "--out", home.resolve("l.json").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("needs --actor");
    }

    @Test
    void maxTlpRed_isAUsageError() {
        Result r = run("--home", demoHome(), "export", "--format", "csv", "--max-tlp", "red", "--out", home.resolve("x.csv").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("RED never leaves");
    }

    @Test
    void unknownFormat_namesTheFormats() {
        Result r = run("--home", demoHome(), "export", "--format", "snort", "--out", home.resolve("x").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("zeek-intel").contains("'snort'");
    }

    @Test
    void unknownActor_isAFailure() {
        Result r = run("--home", demoHome(), "export", "--format", "csv", "--actor", "Nobody Panda", "--out", home.resolve("x.csv").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no actor is known as 'Nobody Panda'");
    }

    @Test
    void navigatorLayer_ofApt10_namesTheLayerAfterTheActor() {
        Path out = home.resolve("apt10-layer.json");
        Result r = run("--home", demoHome(), "export", "--format", "navigator-layer", "--actor", "Stone Panda", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode layer = StixJson.readTree(readString(out));
        assertThat(layer.path("name").asText()).isEqualTo("APT10");
        assertThat(layer.path("techniques").size()).isEqualTo(4);
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
