package org.threatledger.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.threatledger.history.History;
import org.threatledger.match.Matcher;
import org.threatledger.pipeline.Attribution;
import org.threatledger.pipeline.HuntRun;
import org.threatledger.pipeline.Intel;
import org.threatledger.sighting.SightingAggregator;
import org.threatledger.stix.StixObject;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.telemetry.FileStats;
import org.threatledger.telemetry.TelemetryOptions;
import org.threatledger.telemetry.TelemetryReader;

/** The demo's hunt: the bundled Zeek logs against the demo intel, sightings listed with their actors. */
record DemoHunt(long lines, long hits, List<StixObject> sightings, Map<String, Long> hitsByActor, Attribution attribution,
        Map<String, String> indicatorNames) {

    static DemoHunt run(KnowledgeStore store, Path home, List<String> logs) throws IOException {
        List<StixObject> sightings = new ArrayList<>();
        Attribution attribution = new Attribution(store);
        try (History history = History.open(home.resolve("history"))) {
            HuntRun hunt = new HuntRun(store, new Matcher(Intel.compile(store)), history,
                    SightingAggregator.Options.defaults().withActors(id -> attribution.actorsOf(id, null)),
                    attribution, sightings::add, "demo-hunt");
            List<FileStats> stats = new TelemetryReader(TelemetryOptions.defaults().withSensor("demo-sensor"))
                    .recordsWanted(hunt::wantsRecords).read(logs, hunt);
            hunt.finish();
            Map<String, String> names = new LinkedHashMap<>();
            for (StixObject s : sightings) {
                String id = s.text("sighting_of_ref").orElse("");
                names.put(id, store.get(id).flatMap(o -> o.object().name()).orElse(id));
            }
            return new DemoHunt(stats.stream().mapToLong(FileStats::lines).sum(), hunt.hits(), sightings, hunt.hitsByActor(),
                    attribution, names);
        }
    }

    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lines", lines);
        m.put("hits", hits);
        m.put("sightings", sightings.size());
        m.put("hits_by_actor", hitsByActor);
        return m;
    }

    void print(PrintWriter out) {
        out.printf("hunt: %,d log lines, %,d hits, %,d sightings%n", lines, hits, sightings.size());
        for (StixObject s : sightings) {
            List<String> actors = s.strings("x_threatledger_actor_refs").stream().map(attribution::nameOf).distinct().toList();
            out.printf("  %-6s x%-3d %s..%s  %s%n", String.join(",", actors), s.get("count").asLong(),
                    s.text("first_seen").orElse("").substring(11, 19), s.text("last_seen").orElse("").substring(11, 19),
                    indicatorNames.getOrDefault(s.text("sighting_of_ref").orElse(""), ""));
        }
        out.println();
    }
}
