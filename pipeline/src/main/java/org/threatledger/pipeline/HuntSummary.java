package org.threatledger.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.threatledger.match.IndicatorSet;
import org.threatledger.telemetry.FileStats;

/** What a hunt did, as a JSON-ready map: the {@code summary} of {@code hunt --json}. */
public final class HuntSummary {
    private HuntSummary() {}

    /** Lines, records, observations, hits, sightings, indicators, parse errors by input, hits by actor, top indicators, time. */
    public static Map<String, Object> of(List<FileStats> stats, HuntRun hunt, IndicatorSet set, double seconds) {
        long lines = stats.stream().mapToLong(FileStats::lines).sum();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lines", lines);
        m.put("records", stats.stream().mapToLong(FileStats::records).sum());
        m.put("observations", hunt.observations());
        m.put("hits", hunt.hits());
        m.put("sightings", hunt.sightings());
        m.put("indicators", set.size());
        m.put("parse_errors", parseErrors(stats));
        m.put("hits_by_actor", hunt.hitsByActor());
        m.put("top_indicators", hunt.topIndicators(10).stream().map(e -> Map.of("indicator", e.getKey(), "hits", e.getValue())).toList());
        m.put("seconds", Math.round(seconds * 1000) / 1000.0);
        m.put("lines_per_second", seconds > 0 ? Math.round(lines / seconds) : 0);
        return m;
    }

    /** Parse errors by input, then by reason ({@code bad_field: 3}); inputs without errors are left out. */
    public static Map<String, Object> parseErrors(List<FileStats> stats) {
        Map<String, Object> errors = new LinkedHashMap<>();
        for (FileStats f : stats) {
            if (f.errorCount() > 0) {
                Map<String, Long> byReason = new LinkedHashMap<>();
                f.errors().forEach((reason, n) -> byReason.put(reason.name().toLowerCase(Locale.ROOT), n));
                errors.put(f.source(), byReason);
            }
        }
        return errors;
    }
}
