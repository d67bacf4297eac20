package org.threatledger.server.api;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.threatledger.analysis.ActorDirectory;
import org.threatledger.history.History;
import org.threatledger.match.IndicatorSet;
import org.threatledger.match.Matcher;
import org.threatledger.pipeline.Attribution;
import org.threatledger.pipeline.HuntRun;
import org.threatledger.pipeline.HuntSummary;
import org.threatledger.sighting.SightingAggregator;
import org.threatledger.stix.StixObject;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.StoredObject;
import org.threatledger.telemetry.FieldMapping;
import org.threatledger.telemetry.FileStats;
import org.threatledger.telemetry.TelemetryAdapter;
import org.threatledger.telemetry.TelemetryAdapters;
import org.threatledger.telemetry.TelemetryOptions;
import org.threatledger.telemetry.TelemetryReader;

/**
 * {@code POST /api/hunts}: the body is telemetry (one log, or several concatenated: a Zeek TSV
 * log may repeat its header), hunted as the CLI's {@code hunt} hunts a file: every current
 * indicator and pattern, the history recorded, sightings per indicator, sensor and hour stored.
 *
 * <p>The hunt matches against the whole knowledge base, but the answer holds only what the
 * partner may see, as every read does: the sightings listed and counted, the indicators and actors
 * in the hit statistics, and {@code hits} (hits on visible indicators; when some indicator that
 * was hit is withheld, an observation that matched two visible indicators counts twice). The
 * summary has the shape of {@code hunt --json} without {@code indicators} (the size of the whole
 * intel is not the partner's to know; {@code /api/stats} counts what it may see). Costs: the
 * indicator set is compiled for each hunt (as {@code hunt} does), about 1.5 s per million indicators.
 */
final class HuntResource {
    private static final String SOURCE = "upload";
    private static final Set<String> MAPPING_KEYS = Set.of("time.field", "time.format", "sensor.field", "uid.field",
            "csv.fields", "csv.delimiter", "zeek.paths");

    private HuntResource() {
    }

    static Object accept(Uploads uploads, RestApi.Request r, byte[] body) {
        TelemetryReader reader = reader(r.ctx(), body);
        int limit = ApiResources.limit(r.ctx());
        return uploads.exclusive(() -> {
            long started = System.nanoTime();
            List<StixObject> reported = new ArrayList<>();
            HuntRun hunt;
            List<FileStats> stats;
            IndicatorSet set;
            try (History history = uploads.openHistory()) {
                KnowledgeStore store = uploads.store();
                set = uploads.compileIntel();
                Attribution attribution = new Attribution(store);
                hunt = new HuntRun(store, new Matcher(set), history, SightingAggregator.Options.defaults()
                        .withActors(id -> attribution.actorsOf(id, null)), attribution, reported::add, "hunt");
                stats = renamed(reader.recordsWanted(hunt::wantsRecords).read(List.of("-"), hunt));
                hunt.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, Object> summary = HuntSummary.of(stats, hunt, set, (System.nanoTime() - started) / 1e9);
            return answer(r, hunt, summary, reported, limit);
        });
    }

    /** The summary and sightings cut down to what the partner may see; the sightings listed are disclosed. */
    private static Object answer(RestApi.Request r, HuntRun hunt, Map<String, Object> summary, List<StixObject> reported, int limit) {
        KnowledgeStore view = r.view();
        Set<String> ids = new LinkedHashSet<>();
        reported.forEach(s -> ids.add(s.id()));
        List<StixObject> visible = new ArrayList<>();
        for (String id : ids) {
            view.get(id).map(StoredObject::object).ifPresent(visible::add);
        }
        Set<String> visibleIds = new LinkedHashSet<>();
        visible.forEach(s -> visibleIds.add(s.id()));
        List<Map.Entry<String, Long>> hitIndicators = hunt.topIndicators(Integer.MAX_VALUE);
        List<Map.Entry<String, Long>> seen = hitIndicators.stream().filter(e -> view.get(e.getKey()).isPresent()).toList();
        ActorDirectory actors = ActorDirectory.load(view);
        Map<String, Long> byActor = new LinkedHashMap<>();
        hunt.hitsByActor().forEach((name, n) -> {
            if (actors.find(name).isPresent()) {
                byActor.put(name, n);
            }
        });
        summary.remove("indicators");
        summary.put("hits", seen.size() == hitIndicators.size() ? hunt.hits() : seen.stream().mapToLong(Map.Entry::getValue).sum());
        summary.put("sightings", reported.stream().filter(s -> visibleIds.contains(s.id())).count());
        summary.put("hits_by_actor", byActor);
        summary.put("top_indicators", seen.stream().limit(10).map(e -> Map.of("indicator", e.getKey(), "hits", e.getValue())).toList());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("summary", summary);
        out.put("sightings", visible.stream().limit(limit).map(s -> r.send(s).json()).toList());
        out.put("more", visible.size() > limit);
        return out;
    }

    /** The body's stats under the name {@value #SOURCE} (the reader calls it {@code -}, standard input). */
    private static List<FileStats> renamed(List<FileStats> stats) {
        return stats.stream().map(f -> new FileStats(SOURCE, f.format(), f.lines(), f.records(), f.observations(),
                f.errors(), f.skipped())).toList();
    }

    private static TelemetryReader reader(Context ctx, byte[] body) {
        String format = RestApi.param(ctx, "format", "auto");
        if (!format.equals("auto") && TelemetryAdapters.all().stream().noneMatch(a -> a.format().equals(format))) {
            throw ApiException.badRequest("format must be auto or one of "
                    + String.join(", ", TelemetryAdapters.all().stream().map(TelemetryAdapter::format).toList()));
        }
        TelemetryOptions options = TelemetryOptions.defaults().withFormat(format);
        String sensor = RestApi.param(ctx, "sensor", null);
        if (sensor != null) {
            options = options.withSensor(sensor);
        }
        FieldMapping mapping = mapping(ctx);
        if (mapping != null) {
            options = options.withMapping(mapping);
        } else if (format.equals("jsonl") || format.equals("csv")) {
            throw ApiException.badRequest("format " + format + " needs a field mapping: the keys of a mapping file as "
                    + "query parameters, such as field.query=DOMAIN DNS_QUERY and time.field=timestamp");
        }
        return new TelemetryReader(options, new ByteArrayInputStream(body), 250);
    }

    /** A field mapping from the query parameters named like the keys of a mapping file; null when there are none. */
    private static FieldMapping mapping(Context ctx) {
        Properties p = new Properties();
        ctx.queryParamMap().forEach((name, values) -> {
            if (name.startsWith("field.") || MAPPING_KEYS.contains(name)) {
                p.setProperty(name, values.getFirst());
            }
        });
        if (p.isEmpty()) {
            return null;
        }
        try {
            return FieldMapping.of(p);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ApiResources.clip(e.getMessage()));
        }
    }
}
