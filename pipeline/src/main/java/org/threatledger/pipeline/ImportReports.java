package org.threatledger.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.threatledger.ingest.ImportReport;
import org.threatledger.ingest.ImportReport.Count;
import org.threatledger.ingest.Rejection;

/** An {@link ImportReport} as JSON-ready maps: the shape of {@code import --json}, which the API answers too. */
public final class ImportReports {
    /** How many warnings a report lists (all are counted). */
    static final int WARNING_SAMPLES = 50;

    private ImportReports() {}

    /** Totals, counts by type, list entries, rejections and warnings (as text), and the time taken. */
    public static Map<String, Object> toJson(ImportReport report, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> totals = new LinkedHashMap<>();
        for (Count c : Count.values()) {
            totals.put(c.name().toLowerCase(Locale.ROOT), report.total(c));
        }
        m.put("totals", totals);
        m.put("by_type", report.asMap());
        m.put("entries", Map.of("read", report.entries(), "stored", report.newEntries()));
        m.put("rejected", report.rejections().stream().map(Rejection::toString).toList());
        m.put("warnings", report.warned());
        m.put("warning_samples", report.warnings().stream().limit(WARNING_SAMPLES).map(Rejection::toString).toList());
        m.put("seconds", Math.round(seconds * 1000) / 1000.0);
        return m;
    }

    /** Rejections one by one with their parts (file, line, object, field, type, reason); absent parts are left out. */
    public static List<Map<String, Object>> findings(List<Rejection> rejections) {
        return rejections.stream().map(ImportReports::finding).toList();
    }

    private static Map<String, Object> finding(Rejection r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.file());
        if (r.line() > 0) {
            m.put("line", r.line());
        }
        if (r.objectId() != null) {
            m.put("object", r.objectId());
        }
        if (r.field() != null) {
            m.put("field", r.field());
        }
        if (r.type() != null) {
            m.put("type", r.type());
        }
        m.put("reason", r.reason());
        return m;
    }
}
