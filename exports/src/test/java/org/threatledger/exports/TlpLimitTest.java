package org.threatledger.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;

/** Exports respect TLP like a partner would receive them: nothing above --max-tlp, RED never. */
class TlpLimitTest {
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

    /** Everything every format wrote, as text (dataset values decoded). */
    private String exportAll(ExportOptions options) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Exporter e : Exporters.builtIn().all()) {
            Path target = out.resolve(e.format() + "-" + options.maxTlp().label());
            ExportOptions o = e.needsActor() ? new ExportOptions("APT10", 0, options.maxTlp(), List.of()) : options;
            Exports.run(store, e, o, target);
            if (Files.isDirectory(target)) {
                try (Stream<Path> files = Files.list(target)) {
                    for (Path f : files.toList()) {
                        all.append(decodeIfDataset(f)).append('\n');
                    }
                }
            } else {
                all.append(Files.readString(target)).append('\n');
            }
        }
        return all.toString();
    }

    private static String decodeIfDataset(Path f) throws IOException {
        if (!f.getFileName().toString().equals("domains.lst")) {
            return Files.readString(f);
        }
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(f)) {
            sb.append(new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void maxAmber_amberStrictAndRedNeverAppear_clearAndGreenDo() throws IOException {
        String all = exportAll(ExportOptions.defaults());
        assertThat(all).doesNotContain(DemoKnowledge.STRICT_DOMAIN, DemoKnowledge.RED_ADDRESS, DemoKnowledge.RED_LIST_DOMAIN);
        assertThat(all).contains("clear.example.com/payload.bin", DemoKnowledge.GREEN_CIDR, "msp-portal.example",
                DemoKnowledge.UNMARKED_SHA1, "cdn-sync.example.net/owa/auth.aspx");
    }

    @Test
    void maxAmber_summaryCountsWhatTlpWithheld() throws IOException {
        ExportSummary s = Exports.run(store, Exporters.builtIn().byFormat("csv").orElseThrow(), ExportOptions.defaults(),
                out.resolve("x.csv"));
        assertThat(s.skipped()).containsEntry("TLP:AMBER+STRICT is above --max-tlp amber", 1L)
                .containsEntry("TLP:RED is above --max-tlp amber", 2L);
    }

    @Test
    void maxGreen_leavesOutAmberAndUnmarked() throws IOException {
        String all = exportAll(new ExportOptions(null, 0, Tlp.GREEN, List.of()));
        assertThat(all).doesNotContain("cdn-sync.example.net/owa/auth.aspx", DemoKnowledge.UNMARKED_SHA1,
                DemoKnowledge.STRICT_DOMAIN, DemoKnowledge.RED_ADDRESS);
        assertThat(all).contains("clear.example.com/payload.bin", "msp-portal.example");
    }

    @Test
    void maxAmberStrict_forOurOwnSensors_includesStrictButNeverRed() throws IOException {
        String all = exportAll(new ExportOptions(null, 0, Tlp.AMBER_STRICT, List.of()));
        assertThat(all).contains(DemoKnowledge.STRICT_DOMAIN).doesNotContain(DemoKnowledge.RED_ADDRESS, DemoKnowledge.RED_LIST_DOMAIN);
    }

    @Test
    void maxRed_isRefused() {
        assertThatThrownBy(() -> new ExportOptions(null, 0, Tlp.RED, List.of()))
                .isInstanceOf(ExportException.class).hasMessageContaining("RED never leaves");
    }

    @Test
    void stix21_withholdsRelationshipsToWithheldObjects() throws IOException {
        Path file = out.resolve("bundle.json");
        ExportSummary s = Exports.run(store, Exporters.builtIn().byFormat("stix21").orElseThrow(), ExportOptions.defaults(), file);
        String text = Files.readString(file);
        assertThat(text).doesNotContain(DemoKnowledge.STRICT_DOMAIN, DemoKnowledge.RED_ADDRESS, DemoKnowledge.RED_LIST_DOMAIN,
                org.threatledger.stix.Ids.derived("indicator", "export-test", "red"));
        assertThat(s.skipped()).containsKey("TLP:RED is above --max-tlp amber");
    }

    @Test
    void minConfidence_dropsLowAndUnknown_andSaysListEntriesHaveNone() throws IOException {
        Path file = out.resolve("c.csv");
        ExportSummary s = Exports.run(store, Exporters.builtIn().byFormat("csv").orElseThrow(),
                new ExportOptions(null, 50, Tlp.AMBER, List.of()), file);
        String text = Files.readString(file);
        assertThat(text).contains("clear.example.com/payload.bin", DemoKnowledge.GREEN_CIDR)
                .doesNotContain(DemoKnowledge.UNMARKED_SHA1, "msp-portal.example");
        assertThat(s.skipped()).containsEntry("confidence below 50", 1L).containsKey("no confidence given (--min-confidence 50)");
        assertThat(s.notes()).anyMatch(n -> n.contains("list entries carry no confidence"));
    }
}
