package org.threatledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.StixJson;

/** hunt and retrohunt on real Zeek logs, with the data README's oracles. */
class HuntCommandTest {
    static final Path DATA = Path.of(System.getProperty("shared.data"));
    static final Path SSL = DATA.resolve("zeek-logs/zed-sample-data/zeek-default/ssl.log.gz");

    @TempDir
    Path home;

    String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new java.util.ArrayList<>(List.of("--home", home.toString(), "--json"));
        all.addAll(List.of(args));
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    static JsonNode summary(String huntOutput) {
        String[] lines = huntOutput.strip().split("\n");
        return StixJson.readTree(lines[lines.length - 1]).path("summary");
    }

    Path list(String name, String... lines) throws IOException {
        return Files.writeString(home.resolve(name), String.join("\n", lines) + "\n");
    }

    @Test
    void apt10PortTrail_neverHitsTheSessionsOn443_butTheBareAddressHitsAll11() throws IOException {
        run("import", list("port.txt", "204.79.197.200:8443").toString());
        JsonNode first = summary(run("hunt", SSL.toString()));
        assertThat(first.path("records").asLong()).isEqualTo(49_474);
        assertThat(first.path("parse_errors").size()).isZero();
        assertThat(first.path("hits").asLong()).isZero();

        // the bare address arrives later: the automatic retro-hunt finds it in the history at once
        JsonNode imported = StixJson.readTree(run("import", list("ip.txt", "204.79.197.200").toString()));
        assertThat(imported.path("retrohunt").path("sightings").asLong()).isEqualTo(1);

        String second = run("hunt", "--sensor", "zed", SSL.toString());
        assertThat(summary(second).path("hits").asLong()).isEqualTo(11);
        JsonNode sighting = StixJson.readTree(second.strip().split("\n")[0]);
        assertThat(sighting.path("type").asText()).isEqualTo("sighting");
        assertThat(sighting.path("count").asLong()).isEqualTo(11);
        assertThat(sighting.path("x_threatledger_raw_records").toString()).contains("ssl.log.gz:");
    }

    @Test
    void maltrailAptDomains_neverHitTheZedDnsAndSslLogs() throws IOException {
        Path trails = DATA.resolve("ioc-lists/maltrail/trails/static/malware");
        run("import", trails.resolve("apt_menupass.txt").toString(), trails.resolve("apt_commentcrew.txt").toString(),
                trails.resolve("apt_sofacy.txt").toString(), trails.resolve("apt_lazarus.txt").toString());
        JsonNode s = summary(run("hunt", "--no-history", DATA.resolve("zeek-logs/zed-sample-data/zeek-default/dns.log.gz").toString(), SSL.toString()));
        assertThat(s.path("records").asLong()).isEqualTo(53_615 + 49_474);
        assertThat(s.path("hits").asLong()).isZero();
        assertThat(s.path("parse_errors").size()).isZero();
    }

    @Test
    void retrohunt_withoutHistory_saysWhatToDo() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--home", home.toString(), "retrohunt"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("run 'hunt'");
    }
}
