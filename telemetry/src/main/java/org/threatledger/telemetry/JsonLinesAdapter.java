package org.threatledger.telemetry;

import java.util.Map;
import java.util.function.Function;

/** Any JSON-lines log, read through a {@link FieldMapping} (required). */
final class JsonLinesAdapter implements TelemetryAdapter {
    @Override
    public String format() {
        return "jsonl";
    }

    @Override
    public boolean recognises(String fileName, byte[] head, int length, TelemetryOptions options) {
        int i = 0;
        while (i < length && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r')) {
            i++;
        }
        return options.mapping() != null && i < length && head[i] == '{';
    }

    @Override
    public LineParser open(String source, TelemetryOptions options) {
        FieldMapping mapping = MappedRecords.required(options, format());
        return (buf, from, to, line, sink) -> {
            if (ZeekJsonAdapter.blank(buf, from, to)) {
                return null;
            }
            Map<String, Object> fields = JsonLines.read(buf, from, to);
            if (fields == null) {
                return JsonLines.failure(buf, from, to);
            }
            Function<String, String> text = name -> {
                Object v = fields.get(name);
                return v == null || v instanceof java.util.List<?> ? null : String.valueOf(v);
            };
            return MappedRecords.observe(mapping, text, line, sink);
        };
    }
}
