package org.threatledger.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.ingest.FeedInput;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.ImportSink;
import org.threatledger.ingest.Rejection;
import org.threatledger.ingest.misp.MispEventImporter;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;

/** The MISP export reads back through our own MISP importer with every value intact. */
class MispRoundTripTest {
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

    private List<StixObject> reimport(Path event) throws IOException {
        List<StixObject> objects = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        new MispEventImporter().read(new FeedInput(event.toString(), () -> Files.newInputStream(event)),
                ImportOptions.defaults("roundtrip"), new ImportSink() {
                    @Override
                    public void object(StixObject o) {
                        objects.add(o);
                    }

                    @Override
                    public void entry(IocEntry e) {
                        throw new AssertionError("a MISP event has no list entries");
                    }

                    @Override
                    public void reject(Rejection r) {
                        rejected.add(r);
                    }

                    @Override
                    public void warn(Rejection w) {
                        rejected.add(w);
                    }
                });
        assertThat(rejected).as("rejections and warnings on re-import").isEmpty();
        return objects;
    }

    /** kind value port, one string per value, for set comparison. */
    private static Set<String> keys(List<ExportValue> values) {
        Set<String> out = new TreeSet<>();
        values.forEach(v -> out.add(v.kind() + " " + v.value() + " " + v.port()));
        return out;
    }

    @Test
    void everything_reimportsWithTheSameValues() throws IOException {
        Path file = out.resolve("event.json");
        ExportContext context = new ExportContext(store, ExportOptions.defaults(), new ExportSummary("misp"));
        ExportSummary s = Exports.run(store, new MispEventExporter(), ExportOptions.defaults(), file);
        Set<String> exported = new TreeSet<>();
        context.values().stream().filter(v -> v.kind() != ValueKind.SUBDOMAINS_OF)
                .forEach(v -> exported.add(v.kind() + " " + v.value() + " " + v.port()));

        List<ExportValue> back = new ArrayList<>();
        for (StixObject o : reimport(file)) {
            if (o.type().equals("indicator")) {
                PatternValues.Result r = PatternValues.of(o.text("pattern").orElseThrow());
                assertThat(r.skipReason()).as(o.text("pattern").orElseThrow()).isNull();
                r.atoms().forEach(a -> back.add(new ExportValue(a.kind(), a.value(), a.port(), false, Tlp.CLEAR,
                        null, null, null, null, null, o.id(), "")));
            }
        }
        assertThat(keys(back)).isEqualTo(exported);
        assertThat(back).hasSize((int) s.written());
    }

    @Test
    void stixIndicators_keepTheirIds() throws IOException {
        Path file = out.resolve("event.json");
        Exports.run(store, new MispEventExporter(), ExportOptions.defaults(), file);
        Set<String> ids = new TreeSet<>();
        reimport(file).stream().filter(o -> o.type().equals("indicator")).forEach(o -> ids.add(o.id()));
        assertThat(ids).contains("indicator--8ebc3215-9920-5a09-8a9e-d4f292169a72", // news-update.example, demo bundle
                "indicator--6c1e9f52-3d1a-4b7e-9a3e-2f0d5c7b8a11"); // the demo MISP event's domain attribute
    }

    @Test
    void actorExport_reimportsTheActorAsTheSameIntrusionSet() throws IOException {
        Path file = out.resolve("event.json");
        Exports.run(store, new MispEventExporter(), new ExportOptions("APT10", 0, Tlp.AMBER, List.of()), file);
        List<StixObject> back = reimport(file);
        StixObject actor = back.stream().filter(o -> o.type().equals("intrusion-set")).findFirst().orElseThrow();
        assertThat(actor.name()).contains("APT10");
        assertThat(actor.externalIds()).contains("270b3921-9031-5934-8b12-052f949cadc3", "G0045");
        assertThat(back.stream().filter(o -> o.type().equals("relationship")
                && "indicates".equals(o.text("relationship_type").orElse(""))).count()).isPositive();
    }
}
